import Catalog
@testable import Emulator
import Foundation
import XCTest

final class ServingConfigurationTests: XCTestCase {
    let config = ServingConfiguration(hw: "h100", model: "deepseek-r1", framework: "sglang", precision: "fp8", isl: 1024, osl: 1024,
                                      conc: 4, tp: 4, seed: 1, prefill_instances: 0, prefill_tp: 4)

    func keys(_ data: Data) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A result record is flat, with InferenceMAX's names and no seed or prefill pool; it reads back equal.
    func testAResultRecordCarriesTheConfigurationFlat() throws {
        let result = ServingSimulation(try Deployment(ServingConfiguration(
            hw: "b200", model: "gpt-oss-120b", framework: "trtllm", precision: "mxfp4", isl: 1024, osl: 256, conc: 4, tp: 2, ep: 2,
            seed: 3))).run()
        let data = try OutputFile.json(result)
        let object = try keys(data)
        for key in ["hw", "model", "framework", "precision", "spec_decoding", "disagg", "isl", "osl", "conc", "tp", "ep",
                    "dp_attention", "tput_per_gpu", "emulator"] {
            XCTAssertNotNil(object[key], key)
        }
        for key in ["configuration", "seed", "prefill_instances", "prefill_tp", "kv_cache", "num_prefill_gpu"] {
            XCTAssertNil(object[key], key)
        }
        XCTAssertEqual(object["hw"] as? String, "b200")
        XCTAssertEqual(try JSONDecoder().decode(BenchmarkResult.self, from: data), result)
    }

    /// A skipped configuration is one snake_case object with every field the emulation used.
    func testASkippedConfigurationIsSnakeCase() throws {
        let skipped = MeasurementFile.Skipped(config: config, reason: "does not fit")
        let object = try XCTUnwrap(try keys(try OutputFile.json(skipped))["config"] as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["hw", "model", "framework", "precision", "spec_decoding", "disagg", "isl", "osl", "conc",
                                          "tp", "ep", "dp_attention", "seed", "prefill_instances", "prefill_tp"])
        XCTAssertEqual(try JSONDecoder().decode(MeasurementFile.Skipped.self, from: try OutputFile.json(skipped)), skipped)
    }

    /// `disagg` follows the prefill instances unless stated; a contradiction is refused by name.
    func testDisaggregationFollowsThePrefillInstances() throws {
        var disaggregated = config
        disaggregated.prefill_instances = 2
        XCTAssertThrowsError(try disaggregated.checkBounds()) { error in
            XCTAssertEqual((error as? InputError)?.key, "prefill_instances")
        }
        disaggregated.disagg = true
        XCTAssertNoThrow(try disaggregated.checkBounds())
        XCTAssertTrue(ServingConfiguration(hw: "h100", model: "m", framework: "f", precision: "p", isl: 1, osl: 1, conc: 1,
                                           prefill_instances: 1, prefill_tp: 1).disagg)
    }

    /// A draft count needs speculative decoding, and a positive one.
    func testMTPDraftsNeedMTP() throws {
        var drafting = config
        drafting.mtp_draft_tokens = 2
        XCTAssertThrowsError(try drafting.checkBounds()) {
            XCTAssertEqual("\($0)",
                           "key 'mtp_draft_tokens': drafts need spec_decoding = mtp; got '2'; allowed: none (no speculative decoding)")
        }
        drafting.spec_decoding = "mtp"
        XCTAssertNoThrow(try drafting.checkBounds())
        drafting.mtp_draft_tokens = 0
        XCTAssertThrowsError(try drafting.checkBounds()) {
            XCTAssertEqual("\($0)", "key 'mtp_draft_tokens': must be a positive integer, got '0'; allowed: integers ≥ 1")
        }
    }

    /// Whether prefill instances draft concerns disaggregated MTP alone.
    func testPrefillDraftsNeedDisaggregatedMTP() throws {
        var mtp = config
        (mtp.spec_decoding, mtp.prefill_drafts) = ("mtp", false)
        XCTAssertThrowsError(try mtp.checkBounds()) {
            XCTAssertEqual("\($0)", "key 'prefill_drafts': needs disaggregated serving with spec_decoding = mtp; got 'false'; "
                               + "allowed: no prefill_drafts without prefill instances and MTP")
        }
        (mtp.prefill_instances, mtp.prefill_tp, mtp.disagg) = (1, 4, true)
        XCTAssertNoThrow(try mtp.checkBounds())
        mtp.spec_decoding = "none"
        XCTAssertThrowsError(try mtp.checkBounds())
    }
}

extension ServingConfigurationTests {
    /// Limits with their reasons: concurrency the simulation can serve, lengths within the
    /// model's context; each refusal names the key, the value and the allowed range.
    func testConfigurationsBeyondTheLimitsAreRefusedNamingTheLimit() {
        func message(_ change: (inout ServingConfiguration) -> Void) -> String {
            var config = ServingConfiguration(hw: "b200", model: "llama-3.3-70b", framework: "trtllm", precision: "fp8", isl: 1024,
                                              osl: 1024, conc: 64, tp: 8)
            change(&config)
            do { _ = try Deployment(config); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(message { _ in }, "no error")
        XCTAssertEqual(message { $0.conc = 1_000_000_000 },
                       "key 'conc': above the limit of 16384: '1000000000'; allowed: 1…16384 clients: the simulation grows with the "
                           + "square of concurrency; InferenceMAX sweeps stop at 2048")
        XCTAssertEqual(message { $0.isl = 300_000 },
                       "key 'isl': a request longer than llama-3.3-70b's context of 131072 tokens: '300000 + osl 1024'; "
                           + "allowed: isl + osl ≤ 131072 (max_position_embeddings)")
        XCTAssertTrue(message { $0.tp = 100_000 }.hasPrefix("key 'tp': above the limit of 576: '100000'"))
        XCTAssertEqual(message { $0.isl = 130_048 }, "no error", "isl + osl at the context exactly")
        XCTAssertEqual(message { $0.max_num_tokens = 0 },
                       "key 'max_num_tokens': must be a positive integer, got '0'; allowed: integers ≥ 1")
        XCTAssertEqual(message { $0.max_num_tokens = 2_000_000 },
                       "key 'max_num_tokens': above the limit of 1048576: '2000000'; allowed: 1…1048576 tokens a step")
    }
}
