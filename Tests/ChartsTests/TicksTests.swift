@testable import Charts
import XCTest

final class TicksTests: XCTestCase {
    func testExtendedWilkinsonPicksNiceSteps() {
        // Values of R's labeling::extended (the authors' reference implementation).
        XCTAssertEqual(Ticks.extended(0, 100, target: 5), [0, 25, 50, 75, 100])
        XCTAssertEqual(Ticks.extended(0, 25000, target: 6), [0, 5000, 10000, 15000, 20000, 25000])
        XCTAssertEqual(Ticks.extended(0.1, 0.9, target: 5), [0, 0.25, 0.5, 0.75, 1])
        // Loose labellings may reach a little past the data; the chart widens its domain to them.
        XCTAssertEqual(Ticks.extended(13, 87, target: 5), [10, 30, 50, 70, 90])
    }

    func testNiceDomainEndsOnTicks() {
        XCTAssertEqual(Ticks.niceDomain(0, 21_300, target: 6), 0...25000)
        XCTAssertEqual(Ticks.niceDomain(0, 93, target: 5), 0...100)
    }

    func testLogTicksByDecadeSpan() {
        XCTAssertEqual(Ticks.logarithmic(0.01, 1), [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1])
        XCTAssertEqual(Ticks.logarithmic(1, 10_000), [1, 3, 10, 30, 100, 300, 1000, 3000, 10000])
        XCTAssertEqual(Ticks.logarithmic(1, 1e6), [1, 10, 100, 1000, 10000, 100000, 1e6])
        XCTAssertEqual(Ticks.niceLogDomain(0.013, 0.87), 0.01...1)
    }

    func testLabelsUseSuffixesAndTheFewestDecimals() {
        XCTAssertEqual(TickLabels.format([0, 5000, 10000, 25000]), ["0", "5k", "10k", "25k"])
        XCTAssertEqual(TickLabels.format([0, 2500, 5000]), ["0", "2.5k", "5k"])
        XCTAssertEqual(TickLabels.format([0.5, 1, 1.5]), ["0.5", "1", "1.5"])
        XCTAssertEqual(TickLabels.format([1e6, 2e6]), ["1M", "2M"])
        XCTAssertEqual(TickLabels.format([0.01, 0.02, 0.05]), ["0.01", "0.02", "0.05"])
    }

    func testScalesMapDomainOntoRange() {
        let linear = Scale(kind: .linear, domain: 0...100, range: 10...110)
        XCTAssertEqual(linear(50), 60)
        let y = Scale(kind: .linear, domain: 0...10, range: 0...200, inverted: true)
        XCTAssertEqual(y(10), 0)
        let log = Scale(kind: .log, domain: 1...100, range: 0...2)
        XCTAssertEqual(log(10), 1, accuracy: 1e-12)
    }
}
