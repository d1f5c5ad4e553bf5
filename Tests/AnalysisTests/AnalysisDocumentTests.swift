@testable import Analysis
import Catalog
import Emulator
import XCTest

final class AnalysisDocumentTests: XCTestCase {
    func testEconomicsPerPointAndFrontiersPerSeries() throws {
        let m = MeasurementFile(source: "measured", provenance: [:], results: [
            result(conc: 4, tput: 1000, intvty: 80), result(conc: 64, tput: 5312, intvty: 30), result(conc: 32, tput: 900, intvty: 40),
        ])
        let doc = AnalysisDocument(measurements: [m], provenance: ["tool": "t"])
        XCTAssertEqual(doc.points.count, 3)
        let p = doc.points[1]
        XCTAssertEqual(p.series.label, "h200 · trtllm · fp8")
        XCTAssertEqual(p.scenario, "1k/1k")
        XCTAssertEqual(p.usd_per_mtok["hyperscaler"]!, 0.0737, accuracy: 0.00005)
        XCTAssertEqual(p.tok_per_s_per_mw / 1e6, 3.07, accuracy: 0.005)
        let frontier = try XCTUnwrap(doc.frontier(model: p.configuration.model, scenario: "1k/1k", series: p.series, metric: .tputPerGPU))
        XCTAssertEqual(frontier.points.map(\.index), [1, 0], "the conc-32 point is dominated")
    }

    /// A chosen KV-cache format is a series of its own; results without one keep InferenceMAX's names.
    func testAChosenKVCacheFormatNamesItsOwnSeries() {
        var bf16 = result(conc: 8, tput: 900, intvty: 40)
        bf16.configuration.kv_cache = "bf16"
        let doc = AnalysisDocument(
            measurements: [MeasurementFile(source: "emulated", provenance: [:], results: [result(conc: 8, tput: 1000, intvty: 40), bf16])],
            provenance: [:])
        XCTAssertEqual(doc.points.map(\.series.label), ["h200 · trtllm · fp8", "h200 · trtllm · fp8 · kv bf16"])
    }

    func testZeroAndNaNThroughputAreReportedNotAveraged() {
        let m = MeasurementFile(source: "measured", provenance: [:], results: [
            result(conc: 4, tput: 0, intvty: 80), result(conc: 8, tput: .nan, intvty: 40), result(conc: 16, tput: 100, intvty: 20),
            result(hw: "tpu9", conc: 16, tput: 100, intvty: 20),
        ])
        let doc = AnalysisDocument(measurements: [m], provenance: [:])
        XCTAssertEqual(doc.points.count, 1)
        XCTAssertEqual(doc.rejected.map(\.index), [0, 1, 3])
        XCTAssertTrue(doc.rejected[2].reason.contains("unknown hardware 'tpu9'"))
    }

    func testMalformedMeasurementFilesNameTheRecordAndTheField() throws {
        let good = try OutputFile.json(MeasurementFile(source: "emulated", provenance: [:], results: [result(conc: 4, tput: 1, intvty: 1)]))
        var text = String(decoding: good, as: UTF8.self)
        text = text.replacingOccurrences(of: #""tput_per_gpu" : 1\b"#, with: #""tput_per_gpu" : "fast""#, options: .regularExpression)
        XCTAssertThrowsError(try MeasurementReader.decode(Data(text.utf8), file: "m.json")) { error in
            XCTAssertTrue("\(error)".contains("m.json: field 'results', record 0, field 'tput_per_gpu': expected Double"), "\(error)")
        }
        XCTAssertThrowsError(try MeasurementReader.decode(Data("{".utf8), file: "m.json")) { error in
            XCTAssertTrue("\(error)".contains("malformed JSON"), "\(error)")
        }
    }
}
