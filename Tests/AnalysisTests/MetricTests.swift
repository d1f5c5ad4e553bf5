import Analysis
import Foundation
import XCTest

final class MetricTests: XCTestCase {
    /// Cost, energy and latencies improve downward; throughput, interactivity and power efficiency upward.
    func testDirections() {
        let down = Metric.all.filter { $0.goal == .minimize }.map(\.name)
        XCTAssertEqual(down, ["median_tpot", "median_ttft", "median_e2el", "usd_per_mtok", "usd_per_mtok_hyperscaler",
                              "usd_per_mtok_neocloud", "usd_per_mtok_rental_3yr", "usd_per_mtok_output", "usd_per_mtok_input",
                              "joules_per_token"])
        XCTAssertEqual(Metric.interactivity.goal, .maximize)
    }

    func testNamesAreUniqueAndLabelsCarryUnits() {
        XCTAssertEqual(Set(Metric.names).count, Metric.all.count)
        for metric in Metric.all where metric != .tokensPerSecondPerMW && metric != .concurrency {
            XCTAssertTrue(metric.label.hasSuffix(")"), "\(metric.name): \(metric.label)")
        }
    }

    /// Files carry a metric as its name; an unknown name fails to decode.
    func testCodableAsName() throws {
        let data = try JSONEncoder().encode([Metric.usdPerMtok])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"usd_per_mtok\"]")
        XCTAssertEqual(try JSONDecoder().decode([Metric].self, from: data), [.usdPerMtok])
        XCTAssertThrowsError(try JSONDecoder().decode([Metric].self, from: Data("[\"speed\"]".utf8)))
    }

    func testLookupErrorNamesTheKeyAndTheKnownMetrics() {
        XCTAssertThrowsError(try Metric.named("speed", key: "--metric")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("key '--metric': unknown metric 'speed'; allowed: conc, input_tput_per_gpu"), text)
        }
    }
}
