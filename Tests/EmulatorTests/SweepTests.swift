import Catalog
@testable import Emulator
import XCTest

final class SweepTests: XCTestCase {
    let base = """
    title = "t"
    gpus = ["b200"]
    models = ["llama-3.3-70b"]
    precisions = ["fp8"]
    frameworks = ["trtllm"]
    scenarios = [[1024, 1024], [8192, 1024]]
    tp = [1, 2]
    concurrency = [4, 8, 16]
    """

    func testTheCrossProductIsExpanded() throws {
        let sweep = try Sweep(file: "sweeps/t.toml", text: base)
        XCTAssertEqual(sweep.name, "t")
        XCTAssertEqual(sweep.configs.count, 2 * 2 * 3)
        XCTAssertEqual(Set(sweep.configs).count, 12)
    }

    func testMatricesInheritAndOverride() throws {
        let text = base + """

        [[matrix]]
        gpus = ["h200"]

        [[matrix]]
        gpus = ["mi355x"]
        frameworks = ["vllm"]
        precisions = ["fp8", "fp4"]
        """
        let sweep = try Sweep(file: "m.toml", text: text)
        XCTAssertEqual(sweep.configs.count, 12 + 24)
        XCTAssertEqual(sweep.configs.filter { $0.hw == "mi355x" && $0.precision == "fp4" }.count, 12)
    }

    func testDisaggregatedListsDoNotRepeatAggregatedConfigurations() throws {
        let sweep = try Sweep(file: "d.toml", text: base.replacingOccurrences(of: "\"b200\"", with: "\"gb200\"")
            + "\nprefill_instances = [0, 2]\nprefill_tp = [2, 4]\n")
        XCTAssertEqual(sweep.configs.count, 12 * (1 + 2), "aggregated once, disaggregated per prefill TP")
        XCTAssertEqual(Set(sweep.configs).count, sweep.configs.count)
        let xPyD = try Sweep(file: "d.toml", text: base.replacingOccurrences(of: "\"b200\"", with: "\"gb200\"")
            + "\nprefill_instances = [0, 2]\nprefill_tp = [4]\ndecode_engines = [1, 2]\n")
        XCTAssertEqual(xPyD.configs.count, 12 * (1 + 2), "decode engines multiply the disaggregated layouts only")
        XCTAssertEqual(Set(xPyD.configs.map(\.decode_engines)), [nil, 2])
    }

    /// A KV-cache list multiplies the product; without it the precision and engine decide (nil).
    func testKVCacheFormatsAreAnAxisOfTheProduct() throws {
        XCTAssertEqual(Set(try Sweep(file: "k.toml", text: base).configs.map(\.kv_cache)), [nil])
        let sweep = try Sweep(file: "k.toml", text: base + "\nkv_cache = [\"fp8\", \"bf16\"]\n")
        XCTAssertEqual(sweep.configs.count, 12 * 2)
        XCTAssertEqual(sweep.configs.filter { $0.kv_cache == "bf16" }.count, 12)
    }

    /// Draft counts multiply the MTP configurations only; without the list the engine's recipe decides (nil).
    func testMTPDraftCountsAreAnAxisOfTheMTPConfigurations() throws {
        let deepSeek = base.replacingOccurrences(of: "llama-3.3-70b", with: "deepseek-r1")
            .replacingOccurrences(of: "\"fp8\"", with: "\"fp4\"") + "\nspec_decoding = [\"none\", \"mtp\"]\n"
        XCTAssertEqual(Set(try Sweep(file: "s.toml", text: deepSeek).configs.map(\.mtp_draft_tokens)), [nil])
        let sweep = try Sweep(file: "s.toml", text: deepSeek + "mtp_draft_tokens = [1, 3]\n")
        XCTAssertEqual(sweep.configs.count, 12 * (1 + 2), "plain once, MTP per draft count")
        XCTAssertEqual(sweep.configs.filter { $0.spec_decoding == "none" }.map(\.mtp_draft_tokens), Array(repeating: nil, count: 12))
        XCTAssertEqual(sweep.configs.filter { $0.mtp_draft_tokens == 1 }.count, 12)
        XCTAssertThrowsError(try Sweep(file: "s.toml", text: deepSeek + "mtp_draft_tokens = [0]\n")) {
            XCTAssertEqual("\($0)", "s.toml: key 'mtp_draft_tokens': must be a positive integer, got '0'; allowed: integers ≥ 1")
        }
        XCTAssertThrowsError(try Sweep(file: "s.toml", text: base + "\nmtp_draft_tokens = [1]\n")) {
            XCTAssertEqual("\($0)", "s.toml: key 'mtp_draft_tokens': drafts need \"mtp\" among spec_decoding, which is 'none'; "
                               + "allowed: spec_decoding = [\"mtp\", …]")
        }
    }

    /// Whether prefill instances draft multiplies the disaggregated MTP configurations only; true
    /// is the default (nil).
    func testPrefillDraftingIsAnAxisOfTheDisaggregatedMTPConfigurations() throws {
        let deepSeek = base.replacingOccurrences(of: "llama-3.3-70b", with: "deepseek-r1")
            .replacingOccurrences(of: "\"fp8\"", with: "\"fp4\"") + "\nspec_decoding = [\"none\", \"mtp\"]\nprefill_instances = [0, 1]\n"
        let sweep = try Sweep(file: "s.toml", text: deepSeek + "prefill_drafts = [true, false]\n")
        XCTAssertEqual(sweep.configs.count, 12 * (2 + 1 + 2), "aggregated twice, disaggregated plain once and MTP twice")
        XCTAssertEqual(sweep.configs.filter { $0.prefill_drafts == false }.map { $0.disagg && $0.spec_decoding == "mtp" },
                       Array(repeating: true, count: 12))
        XCTAssertThrowsError(try Sweep(file: "s.toml", text: base + "\nprefill_drafts = [false]\n")) {
            XCTAssertEqual("\($0)", "s.toml: key 'prefill_drafts': concerns MTP, but spec_decoding is 'none'; "
                               + "allowed: spec_decoding = [\"mtp\", …]")
        }
    }

    /// Token budgets multiply the product; without the list the engine's recipe decides (nil).
    func testTokenBudgetsAreAnAxisOfTheProduct() throws {
        XCTAssertEqual(Set(try Sweep(file: "b.toml", text: base).configs.map(\.max_num_tokens)), [nil])
        let sweep = try Sweep(file: "b.toml", text: base + "\nmax_num_tokens = [2048, 16384]\n")
        XCTAssertEqual(sweep.configs.count, 12 * 2)
        XCTAssertEqual(sweep.configs.filter { $0.max_num_tokens == 2048 }.count, 12)
        XCTAssertThrowsError(try Sweep(file: "b.toml", text: base + "\nmax_num_tokens = [0]\n")) {
            XCTAssertEqual("\($0)", "b.toml: key 'max_num_tokens': must be a positive integer, got '0'; allowed: integers ≥ 1")
        }
    }

    func testBadInputNamesFileKeyValueAndWhatIsAllowed() {
        func message(_ text: String) -> String {
            do { _ = try Sweep(file: "sweeps/bad.toml", text: text); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(message(base + "\ncolor = 1"),
                       "sweeps/bad.toml: key 'color': unknown key; allowed: concurrency, decode_engines, dp_attention, ep, "
                           + "frameworks, gpus, kv_cache, matrix, max_num_tokens, model_configs, models, mtp_draft_tokens, precisions, "
                           + "prefill_drafts, prefill_instances, "
                           + "prefill_tp, "
                           + "profile, scenarios, seed, spec_decoding, title, tp")
        XCTAssertEqual(message(base + "\nprofile = \"nowhere.toml\""),
                       "sweeps/nowhere.toml: cannot read the file: No such file or directory", "a profile is read relative to the sweep")
        XCTAssertEqual(message(base + "\nkv_cache = [\"fp6\"]"),
                       "sweeps/bad.toml: key 'kv_cache': unknown value 'fp6'; allowed: bf16, fp8, mxfp4, nvfp4")
        XCTAssertEqual(message(base + "\nspec_decoding = [\"eagle\"]"),
                       "sweeps/bad.toml: key 'spec_decoding': unknown value 'eagle'; allowed: mtp, none")
        XCTAssertEqual(message(base.replacingOccurrences(of: "\"b200\"", with: "\"b900\"")),
                       "sweeps/bad.toml: key 'gpus': unknown value 'b900'; allowed: "
                           + "b200, b300, gb200, gb300, h100, h200, mi300x, mi325x, mi355x")
        XCTAssertEqual(message(base.replacingOccurrences(of: "[4, 8, 16]", with: "[4, -8]")),
                       "sweeps/bad.toml: key 'concurrency': must be a positive integer, got '-8'; allowed: integers ≥ 1")
        XCTAssertTrue(message(base.replacingOccurrences(of: "[8192, 1024]", with: "[8192, 0]")).contains("key 'scenarios'"))
        XCTAssertTrue(message(base.replacingOccurrences(of: "[4, 8, 16]", with: "[\"many\"]")).contains("expected an array of integers"))
    }

    func testInfeasibleConfigurationsAreSkippedWithTheirReason() throws {
        let text = base.replacingOccurrences(of: "\"b200\"", with: "\"h100\"").replacingOccurrences(of: "[1, 2]", with: "[1, 2, 3]")
            .replacingOccurrences(of: "\"fp8\"", with: "\"bf16\"")
        let sweep = try Sweep(file: "s.toml", text: text)
        let measurement = MeasurementFile.emulate(sweep, jobs: 2, digest: "d", version: "test")
        XCTAssertEqual(measurement.results.count + measurement.skipped.count, sweep.configs.count)
        XCTAssertTrue(measurement.skipped.contains { $0.config.tp == 1 && $0.reason.contains("does not fit") })
        XCTAssertTrue(measurement.skipped.contains { $0.config.tp == 3 && $0.reason.contains("does not divide") })
        XCTAssertEqual(measurement.results.map(\.configuration.tp), Array(repeating: 2, count: measurement.results.count))
        // Results keep the sweep's order whatever the thread count.
        XCTAssertEqual(measurement, MeasurementFile.emulate(sweep, jobs: 1, digest: "d", version: "test"))
    }
}
