import Foundation

/// Minimizes ½‖r(u)‖² for u in a box by Levenberg–Marquardt (Marquardt's diagonal scaling,
/// steps projected onto the box), with the Jacobian from forward differences.
///
/// The residual function is evaluated a batch of points at a time — the Jacobian's P shifted
/// points in one batch — because each evaluation is a set of emulations that run in parallel.
/// Deterministic: the same start and residuals give the same iterates.
struct BoundedLeastSquares {
    var lower: [Double]
    var upper: [Double]
    /// Forward-difference step in u (log of the constant: 0.02 is a 2% change). Larger than
    /// machine precision needs, because the residuals come from discrete events (a scheduler step
    /// more or less) and are smooth only at that scale.
    var difference = 0.02
    var maxIterations = 20
    /// Stop when an accepted step lowers the cost by less than this fraction.
    var tolerance = 1e-3

    struct Solution {
        var u: [Double]
        var cost: Double
        var iterations: Int
        var converged: Bool
        /// (JᵀJ)⁻¹ at the last (updated) Jacobian: the covariance of u when the residuals are in
        /// standard deviations.
        var covariance: [[Double]]
    }

    /// `residuals` maps a batch of points to their residual vectors, all of one length.
    ///
    /// The Jacobian is computed once by differences and then kept up to date by Broyden's rank-one
    /// update after each accepted step; it is computed afresh only when a step from the updated
    /// one fails to lower the cost. Near the documented values the residuals are close to linear
    /// in log constants, so most fits take one difference Jacobian and a few single evaluations.
    func minimize(from start: [Double], residuals: ([[Double]]) -> [[Double]]) -> Solution {
        var u = clamp(start)
        var r = residuals([u])[0]
        var cost = Self.cost(r)
        var lambda = 1e-2
        var columns = jacobian(at: u, r: r, residuals: residuals), fresh = true
        for iteration in 1...maxIterations {
            guard let (trial, trialResiduals) = descend(u, r, cost, columns, &lambda, residuals) else {
                if fresh { return Solution(u: u, cost: cost, iterations: iteration, converged: true, covariance: covariance(columns)) }
                (columns, fresh) = (jacobian(at: u, r: r, residuals: residuals), true)
                continue
            }
            let trialCost = Self.cost(trialResiduals)
            let decrease = (cost - trialCost) / max(cost, 1e-12)
            columns = Self.broyden(columns, step: zip(trial, u).map(-), change: zip(trialResiduals, r).map(-))
            (u, r, cost, fresh) = (trial, trialResiduals, trialCost, false)
            if decrease < tolerance {
                return Solution(u: u, cost: cost, iterations: iteration, converged: true, covariance: covariance(columns))
            }
        }
        return Solution(u: u, cost: cost, iterations: maxIterations, converged: false, covariance: covariance(columns))
    }

    /// A damped Gauss–Newton step that lowers the cost, raising the damping tenfold up to five
    /// times; nil when none does.
    private func descend(_ u: [Double], _ r: [Double], _ cost: Double, _ columns: [[Double]], _ lambda: inout Double,
                         _ residuals: ([[Double]]) -> [[Double]]) -> ([Double], [Double])? {
        let normal = Self.normalMatrix(columns), gradient = Self.gradient(columns, r)
        for _ in 0..<6 {
            if let step = Self.solve(Self.damped(normal, lambda), gradient.map { -$0 }) {
                let trial = clamp(zip(u, step).map(+))
                if trial != u {
                    let trialResiduals = residuals([trial])[0]
                    if Self.cost(trialResiduals) < cost {
                        lambda = max(lambda / 3, 1e-6)
                        return (trial, trialResiduals)
                    }
                }
            }
            lambda *= 10
        }
        return nil
    }

    /// (JᵀJ)⁻¹, or empty when JᵀJ is singular.
    private func covariance(_ columns: [[Double]]) -> [[Double]] { Self.inverse(Self.normalMatrix(columns)) ?? [] }

    /// Broyden's update of the Jacobian's columns after a step δ changed the residuals by Δr:
    /// J + (Δr − Jδ)δᵀ / δᵀδ.
    static func broyden(_ columns: [[Double]], step: [Double], change: [Double]) -> [[Double]] {
        let norm = step.reduce(0) { $0 + $1 * $1 }
        guard norm > 0 else { return columns }
        var predicted = [Double](repeating: 0, count: change.count)
        for (column, d) in zip(columns, step) { for i in predicted.indices { predicted[i] += column[i] * d } }
        let miss = zip(change, predicted).map(-)
        return zip(columns, step).map { column, d in zip(column, miss).map { $0 + $1 * d / norm } }
    }

    func clamp(_ u: [Double]) -> [Double] { u.indices.map { min(max(u[$0], lower[$0]), upper[$0]) } }

    /// Which parameters sit on a bound (within 10⁻⁹).
    func atBound(_ u: [Double]) -> [Bool] { u.indices.map { u[$0] - lower[$0] < 1e-9 || upper[$0] - u[$0] < 1e-9 } }

    /// Columns ∂r/∂u_k by forward differences (backward where the forward point leaves the box).
    private func jacobian(at u: [Double], r: [Double], residuals: ([[Double]]) -> [[Double]]) -> [[Double]] {
        let steps = u.indices.map { u[$0] + difference <= upper[$0] ? difference : -difference }
        let points = u.indices.map { k in u.indices.map { $0 == k ? u[$0] + steps[k] : u[$0] } }
        let shifted = residuals(points)
        return u.indices.map { k in zip(shifted[k], r).map { ($0 - $1) / steps[k] } }
    }

    static func cost(_ r: [Double]) -> Double { r.reduce(0) { $0 + $1 * $1 } / 2 }

    /// JᵀJ from the Jacobian's columns.
    static func normalMatrix(_ columns: [[Double]]) -> [[Double]] {
        columns.map { a in columns.map { b in zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } } }
    }

    /// Jᵀr.
    static func gradient(_ columns: [[Double]], _ r: [Double]) -> [Double] {
        columns.map { zip($0, r).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// JᵀJ + λ·diag(JᵀJ) (Marquardt), with a floor on the diagonal.
    static func damped(_ normal: [[Double]], _ lambda: Double) -> [[Double]] {
        var a = normal
        for k in a.indices { a[k][k] += lambda * max(normal[k][k], 1e-9) }
        return a
    }

    /// Solves A x = b for symmetric positive definite A by Cholesky; nil when A is not.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i][j]
                for k in 0..<j { sum -= l[i][k] * l[j][k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n { y[i] = (b[i] - (0..<i).reduce(0) { $0 + l[i][$1] * y[$1] }) / l[i][i] }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            x[i] = (y[i] - ((i + 1)..<n).reduce(0) { $0 + l[$1][i] * x[$1] }) / l[i][i]
        }
        return x
    }

    /// A⁻¹ of a symmetric positive definite A, column by column; nil when A is not.
    static func inverse(_ a: [[Double]]) -> [[Double]]? {
        var columns: [[Double]] = []
        for k in a.indices {
            guard let column = solve(a, a.indices.map { $0 == k ? 1 : 0 }) else { return nil }
            columns.append(column)
        }
        return columns
    }
}
