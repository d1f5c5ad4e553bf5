@testable import Analysis
import Emulator
import XCTest

final class FrontierComparisonTests: XCTestCase {
    func document(_ scale: Double) -> AnalysisDocument {
        let results = [(20.0, 6000.0), (50, 3000), (90, 1000)].map { result(conc: 8, tput: $0.1 * scale, intvty: $0.0) }
        return AnalysisDocument(measurements: [MeasurementFile(source: "emulated", provenance: [:], results: results)], provenance: [:])
    }

    func testChangesAtFixedInteractivity() throws {
        let comparison = FrontierComparison(base: document(1), candidate: document(1.07), metric: .tputPerGPU, levels: [50, 95])
        XCTAssertEqual(comparison.rows.count, 2)
        XCTAssertEqual(try XCTUnwrap(comparison.rows[0].change), 0.07, accuracy: 1e-12)
        XCTAssertNil(comparison.rows[1].change, "95 tok/s/user is outside both frontiers")
        let markdown = comparison.markdown()
        XCTAssertTrue(markdown.contains("| llama-3.3-70b | 1k/1k | h200 · trtllm · fp8 | 50 | 3000 | 3210 | +7.0% |"), markdown)
        XCTAssertTrue(markdown.contains("| n/a | n/a | n/a |"))
    }

    /// A review gate: throughput down (or cost up) by more than the limit at any level fails it,
    /// and the comment leads with one line saying so; the table folds away.
    func testWorseningBeyondALimitIsSummarizedFirst() throws {
        let worse = FrontierComparison(base: document(1), candidate: document(0.8), metric: .tputPerGPU, levels: [25, 50])
        XCTAssertEqual(try XCTUnwrap(worse.rows[0].worsening(.maximize)), 0.2, accuracy: 1e-12)
        XCTAssertEqual(worse.worsened(beyond: 0.05).count, 2)
        XCTAssertTrue(worse.worsened(beyond: 0.25).isEmpty)
        let markdown = worse.markdown(limit: 0.05)
        let summary = "**2 of 2 frontier values of tput_per_gpu worsen by more than 5.0%**; worst: h200 · trtllm · fp8"
        XCTAssertTrue(markdown.hasPrefix(summary), markdown)
        XCTAssertTrue(markdown.contains("-20.0%."), markdown)
        XCTAssertTrue(markdown.contains("<details><summary>") && markdown.hasSuffix("</details>\n"), markdown)
        let same = FrontierComparison(base: document(1), candidate: document(1), metric: .tputPerGPU, levels: [25, 50])
        XCTAssertTrue(same.worsened(beyond: 0).isEmpty)
        XCTAssertTrue(same.markdown(limit: 0.05).hasPrefix("**No frontier value of tput_per_gpu worsens by more than 5.0%** (2 values"))
        // Cost: up is worse.
        let cost = FrontierComparison(base: document(1), candidate: document(1.1), metric: .usdPerMtok, levels: [50])
        XCTAssertEqual(cost.rows.first?.worsening(.minimize) ?? 0, cost.rows.first?.change ?? 1, accuracy: 1e-12)
    }
}
