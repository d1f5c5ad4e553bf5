@testable import Calibration
import Catalog
import Emulator
import XCTest

final class MeasuredPointsTests: XCTestCase {
    static let header = "model,hw,precision,framework,spec_decoding,disagg,isl,osl,conc,tp,ep,dp_attention,num_prefill_gpu,"
        + "num_decode_gpu,prefill_tp,prefill_ep,decode_tp,decode_ep,tput_per_gpu,median_ttft_s,median_tpot_s"

    /// A disaggregated row's layout: decode engines and prefill instances from its GPU columns.
    func testDisaggregatedRowsKeepTheirLayout() throws {
        let csv = Self.header + "\nllama-3.3-70b,gb200,fp8,trtllm,none,true,2048,64,32,,,false,2,4,2,1,2,1,900,0.2,0.02\n"
        let observations = try MeasuredPoints.curves(csv: csv, file: "d.csv")
        let config = try XCTUnwrap(observations.first?.candidates.first)
        XCTAssertTrue(config.disagg)
        XCTAssertEqual(config.prefill_instances, 1)
        XCTAssertEqual(config.prefill_tp, 2)
        XCTAssertEqual(config.decode_engines, 2)
        XCTAssertEqual(config.tp, 2)
        XCTAssertEqual(observations[0].group, "llama-3.3-70b gb200 trtllm fp8 disagg", "a deployment of its own")
        XCTAssertEqual(observations[0].label, "1P×TP2 2D×TP2 EP1 conc 32")
        let prediction = try XCTUnwrap(Predictor.predict(observations).first)
        XCTAssertNotNil(prediction.tput, prediction.note ?? "")

        let dynamo = csv.replacingOccurrences(of: ",trtllm,", with: ",dynamo-trt,")
        XCTAssertEqual(try MeasuredPoints.curves(csv: dynamo, file: "d.csv").first?.candidates.first?.framework, "trtllm",
                       "InferenceMAX's name of the orchestrator over the engine")

        let uneven = Self.header + "\nllama-3.3-70b,gb200,fp8,trtllm,none,true,2048,64,32,,,false,2,5,2,1,2,1,900,0.2,0.02\n"
        XCTAssertThrowsError(try MeasuredPoints.curves(csv: uneven, file: "d.csv")) { error in
            XCTAssertEqual("\(error)",
                           "d.csv:2: key 'num_decode_gpu': must be a whole number of 2-GPU instances, got '5'; allowed: multiples of 2")
        }
    }

    /// An `mtp_draft_tokens` column sets each MTP row's drafts; an empty cell leaves the engine's recipe.
    /// Little's law on a row's own latency: 4 clients, each request 922 + 922 tokens on average
    /// (lengths uniform in [820, 1024]) over a median E2E of 10 s on one GPU, move 737.6 tokens/s.
    /// A row measured at half that is a run its latencies cannot account for.
    func testARunItsOwnLatencyCannotAccountForIsNamed() throws {
        XCTAssertEqual(Lengths.mean(1024), 922)
        let header = "model,hw,precision,framework,disagg,isl,osl,conc,tp,ep,dp_attention,tput_per_gpu,median_tpot_s,median_e2el_s"
        let sound = try MeasuredPoints.curves(csv: header + "\nllama-3.3-70b,h200,fp8,vllm,false,1024,1024,4,1,1,false,722.8,0.01,10\n",
                                              file: "c.csv")[0]
        XCTAssertEqual(try XCTUnwrap(sound.e2e), 10)
        XCTAssertEqual(try XCTUnwrap(sound.littleShare), 0.98, accuracy: 1e-4)
        XCTAssertNil(sound.inconsistency)
        var failed = sound
        failed.tput = 368.8
        XCTAssertEqual(try XCTUnwrap(failed.littleShare), 0.5, accuracy: 1e-12)
        XCTAssertEqual(failed.inconsistency, "throughput 0.50× what its median E2E allows by Little's law (below 0.8): "
                       + "a run its own latencies cannot account for")
        failed.e2e = nil
        XCTAssertNil(failed.littleShare, "no latency to check it by")
    }

    func testMTPRowsKeepTheirDraftCount() throws {
        let csv = Self.header + ",mtp_draft_tokens\n"
            + "deepseek-r1,b200,nvfp4,trtllm,mtp,true,1024,1024,10,8,8,false,4,40,4,4,8,8,119,,0.0036,3\n"
            + "deepseek-r1,b200,nvfp4,trtllm,mtp,true,1024,1024,10,8,8,false,4,40,4,4,8,8,119,,0.0036,\n"
        let observations = try MeasuredPoints.curves(csv: csv, file: "m.csv")
        XCTAssertEqual(observations.map { $0.candidates[0].mtp_draft_tokens }, [3, nil])
        XCTAssertEqual(observations[0].label, "1P×TP4 5D×TP8 EP8 MTP3 conc 10")
        XCTAssertEqual(observations[0].group, observations[1].group, "one deployment whatever its drafts")
        XCTAssertThrowsError(try MeasuredPoints.curves(csv: csv.replacingOccurrences(of: "0.0036,3", with: "0.0036,x"), file: "m.csv")) {
            XCTAssertEqual("\($0)", "m.csv:2: key 'mtp_draft_tokens': expected a positive number, got 'x'")
        }
    }

    /// A `prefill_drafts` column says where the prefill instances do not run the draft module;
    /// true and empty cells leave the default.
    func testMTPRowsSayWhetherTheirPrefillDrafts() throws {
        let csv = Self.header + ",mtp_draft_tokens,prefill_drafts\n"
            + "deepseek-r1,b200,fp8,sglang,mtp,true,1024,1024,10,8,8,false,8,40,8,8,8,8,119,,0.0036,2,false\n"
            + "deepseek-r1,b200,fp8,sglang,mtp,true,1024,1024,10,8,8,false,8,40,8,8,8,8,119,,0.0036,2,true\n"
            + "deepseek-r1,b200,fp8,sglang,mtp,true,1024,1024,10,8,8,false,8,40,8,8,8,8,119,,0.0036,2,\n"
        let observations = try MeasuredPoints.curves(csv: csv, file: "m.csv")
        XCTAssertEqual(observations.map { $0.candidates[0].prefill_drafts }, [false, nil, nil])
        XCTAssertEqual(observations[0].label, "1P×TP8 5D×TP8 EP8 MTP2 decode-only drafts conc 10")
        XCTAssertThrowsError(try MeasuredPoints.curves(csv: csv.replacingOccurrences(of: ",2,false", with: ",2,no"), file: "m.csv")) {
            XCTAssertEqual("\($0)", "m.csv:2: key 'prefill_drafts': expected a boolean, got 'no'; allowed: true, false or empty")
        }
    }

    func testACSVIsReadByItsHeader() throws {
        XCTAssertThrowsError(try MeasuredPoints.csv("a,b\n1,2\n", file: "x.csv")) { error in
            XCTAssertTrue("\(error)".hasPrefix("x.csv: a CSV of neither measured curves nor published points"), "\(error)")
        }
        let published = "model,hw,precision,framework,disagg,isl,osl,conc,tp,tput_per_gpu,median_tpot_ms\n"
            + "llama-3.3-70b,h200,fp8,trtllm,false,1024,1024,,,5312,45.8\n"
        let observations = try MeasuredPoints.csv(published, file: "p.csv")
        XCTAssertEqual(observations.first?.candidates.count, 4, "TP 1, 2, 4, 8 for a dense model")
        XCTAssertEqual(observations.first?.tpot, 0.0458)
        XCTAssertEqual(observations.first?.label, "1k/1k conc 64 (assumed)", "no other row of its GPU states one")
    }
}
