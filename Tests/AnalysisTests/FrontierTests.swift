@testable import Analysis
import XCTest

final class FrontierTests: XCTestCase {
    func points(_ pairs: [(Double, Double)]) -> [TradeoffPoint] {
        pairs.enumerated().map { TradeoffPoint(x: $1.0, y: $1.1, index: $0) }
    }

    func testUpperFrontierDropsDominatedPoints() {
        let f = Frontier.of(points([(10, 100), (20, 80), (15, 70), (30, 90), (40, 10)]), goal: .maximize)
        XCTAssertEqual(f.map(\.x), [10, 30, 40])
        XCTAssertEqual(f.map(\.y), [100, 90, 10])
    }

    func testTiesDuplicatesAndOnePoint() {
        XCTAssertEqual(Frontier.of(points([(5, 5)]), goal: .maximize).map(\.index), [0])
        XCTAssertEqual(Frontier.of([], goal: .maximize), [])
        // Equal x keeps the best y; exact duplicates keep the first.
        let ties = Frontier.of(points([(10, 50), (10, 60), (20, 60), (20, 60)]), goal: .maximize)
        XCTAssertEqual(ties.map(\.index), [2])
        let dup = Frontier.of(points([(10, 50), (10, 50), (5, 70)]), goal: .maximize)
        XCTAssertEqual(dup.map(\.index), [2, 0])
    }

    func testLowerFrontierForCost() {
        let f = Frontier.of(points([(10, 0.5), (20, 0.4), (30, 0.9), (25, 1.2), (40, 2.0)]), goal: .minimize)
        XCTAssertEqual(f.map(\.x), [20, 30, 40])
    }

    func testNonFinitePointsAreIgnored() {
        XCTAssertEqual(Frontier.of(points([(.nan, 1), (1, .infinity), (2, 3)]), goal: .maximize).map(\.index), [2])
    }
}

final class SteffenTests: XCTestCase {
    let xs: [Double] = [10, 20, 35, 50, 80]
    let ys: [Double] = [9000, 7000, 4000, 3500, 500]

    func testExactAtKnotsAndNotAvailableOutside() {
        let s = SteffenInterpolation(xs: xs, ys: ys)
        for (x, y) in zip(xs, ys) { XCTAssertEqual(try XCTUnwrap(s.value(at: x)), y, accuracy: 1e-9) }
        XCTAssertNil(s.value(at: 9.99))
        XCTAssertNil(s.value(at: 80.01))
        XCTAssertNil(s.value(at: .nan))
    }

    func testMonotoneDataStayMonotone() {
        let s = SteffenInterpolation(xs: xs, ys: ys)
        var previous = Double.infinity
        for step in 0...700 {
            let v = s.value(at: 10 + Double(step) / 10)!
            XCTAssertLessThanOrEqual(v, previous + 1e-9)
            XCTAssertLessThanOrEqual(v, 9000 + 1e-9)
            XCTAssertGreaterThanOrEqual(v, 500 - 1e-9)
            previous = v
        }
    }

    func testLinearDataAreReproducedAndOneKnotIsAConstant() {
        let line = SteffenInterpolation(xs: [0, 1, 3, 4], ys: [1, 3, 7, 9])
        XCTAssertEqual(line.value(at: 2)!, 5, accuracy: 1e-12)
        XCTAssertEqual(SteffenInterpolation(xs: [5], ys: [2]).value(at: 5), 2)
        XCTAssertNil(SteffenInterpolation(xs: [5], ys: [2]).value(at: 6))
    }
}

final class EconomicsTests: XCTestCase {
    /// Hand-computed: $1.41/h ÷ (5,312 × 3600 / 10⁶) = $0.0737 per Mtok.
    func testCostPerMillionTokens() {
        XCTAssertEqual(Economics.usdPerMillionTokens(usdPerGPUHour: 1.41, tokensPerSecondPerGPU: 5312)!, 0.0737, accuracy: 0.00005)
        XCTAssertNil(Economics.usdPerMillionTokens(usdPerGPUHour: 1.41, tokensPerSecondPerGPU: 0))
    }

    /// 5,312 tok/s/GPU at 1.73 kW → 3.07 M tok/s per MW; 0.326 J per token.
    func testPowerMetrics() {
        XCTAssertEqual(Economics.tokensPerSecondPerMW(tokensPerSecondPerGPU: 5312, allInKW: 1.73) / 1e6, 3.07, accuracy: 0.005)
        XCTAssertEqual(Economics.joulesPerToken(tokensPerSecondPerGPU: 5312, allInKW: 1.73)!, 0.3257, accuracy: 0.0001)
    }
}
