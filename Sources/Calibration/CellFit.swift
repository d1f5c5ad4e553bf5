import Catalog
import Foundation

/// The fit of one engine × GPU family (or of one model on them): bounded least squares on the log
/// errors of throughput per GPU, TPOT and TTFT of its measured points, with a prior at each
/// constant's documented value (a model's cell: at its engine × family's fitted value).
///
/// Residuals, each in standard deviations: wᵢ·log(emulated/measured)/σ for every measured value
/// (σ = `observation_error`, `ttft_error` for TTFT; latencies only where the configuration is
/// known — a published best point's TPOT belongs to a parallelism the emulator can only guess),
/// where wᵢ² = 1 / (1 + (n_g − 1)ρ) for a point of a group of n_g points whose errors correlate
/// by ρ (`group_correlation`): a long curve counts as at most 1/ρ independent points, not as
/// many as it has; and (log θ − log θ₀)/width for each fitted constant θ with documented value
/// θ₀. Few points thus move a constant little, and no group moves it alone. A measured value's
/// residual z is softened to sign(z)·c·√(2(√(1 + (z/c)²) − 1)) (c = `outlier_scale`), whose
/// square is soft L1's cost: a run far off every prediction pulls as a few σ, not as its distance.
struct CellFit {
    let cell: Cell
    let observations: [Observation]
    let constants: [FittedConstant]
    /// Where each constant's prior centres: its documented value (`frameworks.toml`), or for a
    /// model's cell the engine × family's fitted value.
    let documented: [String: Double]
    let settings: CalibrationProfile.Settings
    private let base: Catalog
    private let predictor: Predictor
    private let weights: [Double]
    /// Predictions of the whole cell at the points its fit evaluated, and where this fit's
    /// observations sit among the cell's (nil: they are the cell's, and this fit fills the memo).
    private let memo: PredictionMemo
    private let rows: [Int]?

    /// The fit of `cell` from `observations`, fitting `constants`: all of the cell's, or a subset
    /// at `rows` of them that reuses the predictions the whole cell's fit left in `memo` (a
    /// held-out fit starts where the full fit started, so its first Jacobian is already known).
    /// A model's cell fits in `catalog` as its engine × family's fit left it, centred on `centre`.
    init(_ cell: Cell, observations: [Observation], constants: [FittedConstant], catalog: Catalog,
         settings: CalibrationProfile.Settings, memo: PredictionMemo = PredictionMemo(), rows: [Int]? = nil,
         centre: [String: Double]? = nil) {
        self.cell = cell
        self.memo = memo
        self.rows = rows
        self.observations = observations
        self.constants = constants
        self.settings = settings
        base = catalog
        documented = centre ?? catalog.documentedConstants(cell.framework, on: cell.family) ?? [:]
        predictor = Predictor(observations)
        let sizes = Dictionary(grouping: observations, by: \.group).mapValues(\.count)
        weights = observations.map { (1 / (1 + Double(sizes[$0.group]! - 1) * settings.group_correlation)).squareRoot() }
    }

    /// The log of each fitted constant's documented value: where the fit starts and the prior centres.
    var start: [Double] { constants.map { log(documented[$0.key] ?? 1) } }

    /// Whether `start` is the catalog as given: every fitted constant has a documented value.
    var startsAtDocumented: Bool { constants.allSatisfy { documented[$0.key] != nil } }

    var solver: BoundedLeastSquares {
        BoundedLeastSquares(lower: constants.map { log($0.lower) }, upper: constants.map { log($0.upper) })
    }

    /// Every constant of the cell with the fitted ones at exp(u); one still at its start is its
    /// documented value itself, which exp(log(x)) need not give back to the last bit (200 µs
    /// comes back as 199.99999999999991), so that the catalog at `start` is the catalog as given.
    func values(_ u: [Double]) -> [String: Double] {
        var values: [String: Double] = [:]
        let start = self.start
        for (k, constant) in constants.enumerated() {
            let documented = u[k] == start[k] ? self.documented[constant.key] : nil
            values[constant.key] = documented ?? exp(u[k])
        }
        return values
    }

    /// The catalog with this cell's fitted constants at `values`.
    func catalog(_ values: [String: Double]) -> Catalog {
        var catalog = base
        catalog.frameworks = base.frameworks.setting(values, of: cell.framework, on: cell.family, model: cell.model)
        return catalog
    }

    /// Minimizes the residuals from the documented values.
    func solve(workers: Int) -> BoundedLeastSquares.Solution {
        solver.minimize(from: start) { points in
            var known = points.map { u in memo[u].map { cell in rows.map { $0.map { cell[$0] } } ?? cell } }
            let missing = known.indices.filter { known[$0] == nil }
            let fresh = predictor.predict(under: missing.map { catalog(values(points[$0])) }, workers: workers)
            for (i, predictions) in zip(missing, fresh) {
                known[i] = predictions
                if rows == nil { memo[points[i]] = predictions }
            }
            return zip(points, known).map { residuals($1!, u: $0) }
        }
    }

    /// The residual vector at `u`, given the predictions there.
    func residuals(_ predictions: [Prediction], u: [Double]) -> [Double] {
        // A value the emulator could not produce counts as a hundredfold miss, so no step goes there.
        let miss = log(100.0)
        var r: [Double] = []
        for ((o, p), w) in zip(zip(observations, predictions), weights) {
            let ratios = p.logRatios(o)
            r.append(softened(w * (ratios.tput ?? -miss) / settings.observation_error))
            guard o.candidates.count == 1 else { continue }
            if o.tpot != nil { r.append(softened(w * (ratios.tpot ?? miss) / settings.observation_error)) }
            if o.ttft != nil { r.append(softened(w * (ratios.ttft ?? miss) / settings.ttft_error)) }
        }
        for (k, constant) in constants.enumerated() { r.append((u[k] - start[k]) / constant.priorWidth) }
        return r
    }

    /// A measured value's residual of z standard deviations, softened beyond `outlier_scale`.
    func softened(_ z: Double) -> Double {
        guard let c = settings.outlier_scale else { return z }
        return (z < 0 ? -1 : 1) * c * (2 * ((1 + (z / c) * (z / c)).squareRoot() - 1)).squareRoot()
    }
}

/// Predictions of a cell's points by the point (log constants) they were made at.
final class PredictionMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [[Double]: [Prediction]] = [:]

    subscript(u: [Double]) -> [Prediction]? {
        get { lock.withLock { entries[u] } }
        set { lock.withLock { entries[u] = newValue } }
    }
}

/// Errors of predictions against their observations: per point, and median |error| per group.
struct PointErrors {
    var tput: [Double] = []
    var intvty: [Double] = []
    var ttft: [Double] = []

    init(_ observations: [Observation], _ predictions: [Prediction]) {
        for (o, p) in zip(observations, predictions) {
            if let e = p.tput { tput.append(abs(e / o.tput - 1)) }
            // Latencies only where the configuration is known, as the fit weighs them.
            guard o.candidates.count == 1 else { continue }
            if let m = o.tpot, let e = p.tpot, e > 0 { intvty.append(abs(m / e - 1)) }
            if let m = o.ttft, let e = p.ttft { ttft.append(abs(e / m - 1)) }
        }
    }

    /// Median |error| per group of `observations`, in the order groups first appear.
    static func byGroup(_ observations: [Observation], _ predictions: [Prediction]) -> [CalibrationProfile.GroupError] {
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (i, o) in observations.enumerated() {
            if members[o.group] == nil { order.append(o.group) }
            members[o.group, default: []].append(i)
        }
        return order.map { group in
            let indices = members[group]!
            let errors = PointErrors(indices.map { observations[$0] }, indices.map { predictions[$0] })
            return errors.summary(group: group, points: indices.count)
        }
    }

    func summary(group: String, points: Int) -> CalibrationProfile.GroupError {
        CalibrationProfile.GroupError(group: group, points: points, tput: Self.median(tput), intvty: Self.median(intvty),
                                      ttft: Self.median(ttft))
    }

    /// The median to three significant digits, as a profile stores it.
    static func median(_ values: [Double]) -> Double? { CalibrationProfile.median(values)?.rounded(significantDigits: 3) }
}
