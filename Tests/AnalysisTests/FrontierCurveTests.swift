@testable import Analysis
import XCTest

final class FrontierCurveTests: XCTestCase {
    func curve(_ pairs: [(Double, Double)]) -> FrontierCurve {
        FrontierCurve(pairs.enumerated().map { TradeoffPoint(x: $1.0, y: $1.1, index: $0) }, goal: .maximize)
    }

    func testRatiosAtFixedInteractivity() throws {
        let b200 = curve([(20, 12000), (50, 10000), (100, 4000), (30, 1000)])
        let h200 = curve([(20, 4000), (50, 2500), (80, 1000)])
        XCTAssertEqual(try XCTUnwrap(IsoInteractivity.ratio(b200, over: h200, at: 50)), 4, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(IsoInteractivity.ratio(b200, over: h200, at: 20)), 3, accuracy: 1e-12)
        XCTAssertNil(IsoInteractivity.ratio(b200, over: h200, at: 90), "H200 was never measured at 90 tok/s/user")
        // A service level is a minimum: below both frontiers, each one's best point serves it.
        XCTAssertEqual(try XCTUnwrap(IsoInteractivity.ratio(b200, over: h200, at: 10)), 3, accuracy: 1e-12)
        // Below the frontier's first point, the first point serves, however far below.
        let rising = curve([(10, 1000), (30, 5000), (60, 2000)])
        XCTAssertEqual(rising.points.map(\.x), [30, 60])
        XCTAssertEqual(rising.value(at: 15), 5000)
        XCTAssertEqual(rising.value(at: 1), 5000, "a GPU whose frontier starts above the level is not unmeasured there")
        XCTAssertNil(rising.value(at: 61), "nothing serves more than the last point")
        XCTAssertEqual(rising.range, 10...60, "measured from the lowest point")
        XCTAssertEqual(b200.range, 20...100)
        XCTAssertEqual(b200.points.count, 3, "the dominated (30, 1000) point is not on the frontier")
    }

    func testAnEmptyCurveHasNoValues() {
        let empty = curve([])
        XCTAssertNil(empty.value(at: 1))
        XCTAssertNil(empty.range)
    }
}
