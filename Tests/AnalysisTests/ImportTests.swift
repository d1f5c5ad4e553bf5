@testable import Analysis
import Catalog
import Emulator
import XCTest

final class ImportTests: XCTestCase {
    /// The reference sample in data/inferencemax/ (an input of the pipeline, not a test fixture).
    func sample() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../data/inferencemax/agg_bmk-sample.json"))
    }

    /// The real artifacts as they are: Hugging Face ids, hw suffixes, `trt`, booleans as strings.
    func testTheRealArtifactsMapOntoCatalogNames() throws {
        let m = try InferenceMAXImport.read(try sample(), file: "agg_bmk-sample.json")
        XCTAssertEqual(m.source, "measured")
        XCTAssertEqual(m.results.count, 120)
        XCTAssertEqual(Set(m.results.map(\.configuration.model)), ["gpt-oss-120b", "deepseek-r1"])
        XCTAssertEqual(Set(m.results.map(\.configuration.hw)), ["b200", "h200"])
        XCTAssertEqual(Set(m.results.map(\.configuration.framework)), ["trtllm", "vllm", "sglang"])
        XCTAssertEqual(Set(m.results.filter { $0.configuration.model == "gpt-oss-120b" }.map(\.configuration.precision)), ["mxfp4"])
        XCTAssertEqual(Set(m.results.filter { $0.configuration.model == "deepseek-r1" }.map(\.configuration.precision)), ["fp8", "nvfp4"])
        XCTAssertEqual(m.results.filter(\.configuration.dp_attention).count, 5)
        let first = m.results[0]
        XCTAssertEqual(first.tput_per_gpu, 4210.379852127225, accuracy: 1e-9)
        XCTAssertEqual(first.median_tpot, 0.014938129848544035, accuracy: 1e-15)
        XCTAssertEqual(first.median_intvty, 66.942784012382, accuracy: 1e-9)
        // Analysis treats the imported points like emulated ones.
        let doc = AnalysisDocument(measurements: [m], provenance: [:])
        XCTAssertEqual(doc.points.count, 120)
        XCTAssertTrue(doc.rejected.isEmpty)
    }

    /// One valid InferenceMAX record (b200, TensorRT-LLM, gpt-oss-120b, FP4).
    static let good =
        #"{"hw":"b200-trt","model":"openai/gpt-oss-120b","framework":"trt","precision":"fp4","isl":1024,"osl":1024,"conc":4,"#
            + #""tp":8,"ep":1,"dp_attention":"false","disagg":false,"tput_per_gpu":444,"output_tput_per_gpu":222,"#
            + #""input_tput_per_gpu":222,"mean_ttft":0.03,"median_ttft":0.03,"p99_ttft":0.05,"mean_tpot":0.0022,"#
            + #""median_tpot":0.0022,"p99_tpot":0.0023,"mean_itl":0.0022,"median_itl":0.0022,"p99_itl":0.003,"#
            + #""mean_e2el":2.3,"median_e2el":2.3,"p99_e2el":2.4}"#

    func testBadRecordsNameTheRecordAndTheField() {
        func message(_ json: String) -> String {
            do { _ = try InferenceMAXImport.read(Data(json.utf8), file: "a.json"); return "no error" } catch { return "\(error)" }
        }
        let good = Self.good
        XCTAssertEqual(message("[\(good)]"), "no error")
        XCTAssertTrue(message("[\(good), \(good.replacingOccurrences(of: #""tput_per_gpu":444,"#, with: ""))]")
            .contains("a.json: key 'record 1, field tput_per_gpu': missing field"))
        XCTAssertTrue(
            message("[\(good.replacingOccurrences(of: "openai/gpt-oss-120b", with: "acme/chat-9"))]").contains(
                "unknown model 'acme/chat-9'"))
        XCTAssertTrue(message("[\(good.replacingOccurrences(of: #""median_tpot":0.0022"#, with: #""median_tpot":22.0"#))]")
            .contains("field median_tpot': unit not understood: expected seconds, got '22.0'"))
        XCTAssertTrue(message("[\(good.replacingOccurrences(of: #""dp_attention":"false""#, with: #""dp_attention":"maybe""#))]")
            .contains("expected true or false, got 'maybe'"))
        XCTAssertTrue(message("[\(good.replacingOccurrences(of: #""p99_itl":0.003,"#, with: ""))]")
            .contains("a.json: key 'record 0, field p99_itl': missing field"))
        XCTAssertTrue(message("{").contains("malformed JSON"))
        XCTAssertTrue(message("{}").contains("expected a JSON array"))
        // Numbers that would crash or mislead: not finite, negative, out of range, fractional counts.
        let bad: [(String, String, String)] = [
            (#""isl":1024"#, #""isl":"nan""#, "field isl': expected a finite number ≥ 0, got 'nan'"),
            (#""isl":1024"#, #""isl":1e300"#, "field isl': expected a whole number, got '1e+300'; allowed: 1…16777216"),
            (#""conc":4"#, #""conc":1e300"#, "field conc': expected a whole number, got '1e+300'"),
            (#""isl":1024"#, #""isl":-5"#, "field isl': expected a finite number ≥ 0, got '-5'"),
            (#""tp":8"#, #""tp":0"#, "field tp': expected a whole number, got '0'"),
            (#""conc":4"#, #""conc":2.5"#, "field conc': expected a whole number, got '2.5'"),
            (#""precision":"fp4""#, #""precision":"fp3""#, "field precision': unknown precision 'fp3'; allowed: bf16, fp4, fp8"),
            (#""tput_per_gpu":444"#, #""tput_per_gpu":"inf""#, "field tput_per_gpu': expected a finite number ≥ 0, got 'inf'"),
            (#""framework":"trt""#, #""framework":"tgi""#,
             "field framework': unknown framework 'tgi'; allowed: atom, dynamo-trt, sglang, trt, trtllm, vllm, "
                + "or one of them after dynamo- or mori-"),
            (#""framework":"trt""#, #""framework":"dynamo-tgi""#, "field framework': unknown framework 'dynamo-tgi'"),
        ]
        for (from, to, expected) in bad {
            let text = message("[\(good.replacingOccurrences(of: from, with: to))]")
            XCTAssertTrue(text.hasPrefix("a.json: key 'record 0, ") && text.contains(expected), text)
        }
    }

    func testOrchestratorsOverKnownEnginesAreAccepted() throws {
        for (text, expected) in [("dynamo-trt", "dynamo-trtllm"), ("dynamo-sglang", "dynamo-sglang"), ("mori-sglang", "mori-sglang")] {
            let record = Self.good.replacingOccurrences(of: #""framework":"trt""#, with: #""framework":"\#(text)""#)
            let m = try InferenceMAXImport.read(Data("[\(record)]".utf8), file: "a.json")
            XCTAssertEqual(m.results.first?.configuration.framework, expected)
        }
    }

    func testEmulatedAgainstMeasuredOnTheSameConfiguration() throws {
        let measured = try InferenceMAXImport.read(try sample(), file: "s.json")
        let target = measured.results[0]
        let config = target.configuration
        let emulated = MeasurementFile(source: "emulated", provenance: [:], results: [ServingSimulation(try Deployment(config)).run()])
        let rows = Comparison.table([emulated, measured])
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0.configuration == target.configuration })
        XCTAssertLessThan(abs(rows[0].tput_error), 0.35)
        let csv = try XCTUnwrap(CSVTables.tables(AnalysisDocument(measurements: [emulated, measured], provenance: [:]))["comparison.csv"])
        XCTAssertTrue(csv.hasPrefix("hw,model,framework,precision,isl,osl,conc,tp,ep,dp_attention,measured_tput_per_gpu"))
    }

    func testCSVQuotesFieldsThatNeedIt() {
        XCTAssertEqual(CSVTables.csv(["a", "b"], [["x,y", "say \"hi\""], ["1", ""]]), "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n1,\n")
    }
}

extension ImportTests {
    /// A measurement file of another schema version is refused, naming the version this tool reads.
    func testAMeasurementFileOfAnotherSchemaIsRefused() throws {
        var measurement = try InferenceMAXImport.read(try sample(), file: "agg_bmk-sample.json")
        XCTAssertNoThrow(try MeasurementReader.decode(try OutputFile.json(measurement), file: "m.json"))
        measurement.schema = 99
        XCTAssertThrowsError(try MeasurementReader.decode(try OutputFile.json(measurement), file: "m.json")) { error in
            XCTAssertEqual("\(error)", "m.json: key 'schema': unknown measurement schema '99'; allowed: 1 (written by this tokenomics)")
        }
    }
}
