@testable import Calibration
import XCTest

final class BoundedLeastSquaresTests: XCTestCase {
    /// Fits y = a·exp(b·x) to exact data in log parameters: recovers a and b.
    func testRecoversTheParametersOfExactData() {
        let xs = stride(from: 0.0, through: 2, by: 0.25).map { $0 }
        let ys = xs.map { 3 * exp(0.7 * $0) }
        let solver = BoundedLeastSquares(lower: [-5, -5], upper: [5, 5])
        let solution = solver.minimize(from: [0, 0]) { points in
            points.map { u in zip(xs, ys).map { x, y in u[0] + u[1] * x - log(y) } }
        }
        XCTAssertTrue(solution.converged)
        XCTAssertEqual(exp(solution.u[0]), 3, accuracy: 0.02)
        XCTAssertEqual(solution.u[1], 0.7, accuracy: 0.01)
        XCTAssertLessThan(solution.cost, 1e-4)
    }

    /// A minimum outside the box ends on the bound, and the solver says so.
    func testStopsAtTheBoundAndReportsIt() {
        let solver = BoundedLeastSquares(lower: [0], upper: [1])
        let solution = solver.minimize(from: [0.5]) { points in points.map { [$0[0] - 3] } }
        XCTAssertEqual(solution.u[0], 1, accuracy: 1e-12)
        XCTAssertEqual(solver.atBound(solution.u), [true])
    }

    /// The covariance of a linear model with unit residuals is (JᵀJ)⁻¹.
    func testCovarianceIsTheInverseNormalMatrix() {
        let solver = BoundedLeastSquares(lower: [-10], upper: [10])
        // Four residuals u − c: JᵀJ = 4, so the variance of u is 1/4.
        let solution = solver.minimize(from: [0]) { points in points.map { u in [1.0, 2, 3, 4].map { u[0] - $0 } } }
        XCTAssertEqual(solution.u[0], 2.5, accuracy: 1e-3)
        XCTAssertEqual(solution.covariance[0][0], 0.25, accuracy: 1e-6)
    }

    func testCholeskySolvesAndRefusesIndefiniteMatrices() {
        let x = BoundedLeastSquares.solve([[4, 2], [2, 3]], [2, 1])
        XCTAssertEqual(x?[0] ?? .nan, 0.5, accuracy: 1e-12)
        XCTAssertEqual(x?[1] ?? .nan, 0, accuracy: 1e-12)
        XCTAssertNil(BoundedLeastSquares.solve([[1, 2], [2, 1]], [1, 1]))
    }
}
