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
        XCTAssertTrue(
            comparison.markdown.contains("| llama-3.3-70b | 1k/1k | h200 · trtllm · fp8 | 50 | 3000 | 3210 | +7.0% |"), comparison.markdown)
        XCTAssertTrue(comparison.markdown.contains("| n/a | n/a | n/a |"))
    }
}
