@testable import Catalog
import XCTest

final class SpeculativeDecodingTests: XCTestCase {
    func testEachEngineAndModelHasItsOwnMeasuredYieldsElseTheDefaults() {
        let table = Catalog.standard.speculative
        let deepSeek: [Int: Double] = [1: 1.76, 2: 2.30, 3: 2.50, 4: 2.64, 5: 2.66]
        XCTAssertEqual(table.mtp("trtllm", model: "deepseek-r1"), SpeculativeDecoding(draftTokens: 3, yields: deepSeek))
        XCTAssertEqual(table.mtp("sglang", model: "deepseek-r1").yields[3], 2.50)
        XCTAssertEqual(table.mtp("vllm", model: "deepseek-r1"), SpeculativeDecoding(draftTokens: 1, yields: [1: 1.82]))
        XCTAssertEqual(table.mtp("atom", model: "deepseek-r1"), SpeculativeDecoding(draftTokens: 3, yields: [1: 1.7, 2: 2.19, 3: 2.53]),
                       "defaults")
        // SGLang PR #32207: 2.97 tokens a step with 3 drafts without a drafting prefill, 3.28 with one.
        XCTAssertEqual(table.gainWithoutPrefillDrafts, 1.97 / 2.28, accuracy: 5e-4)
    }

    func testYieldsOutsideTheirRangeOrGainingMoreThanEarlierDraftsAreRefused() throws {
        func error(_ text: String) -> String {
            do {
                _ = try SpeculativeDecoding.Table.read(TOMLFields(text: text, file: "w.toml"))
                return "accepted"
            } catch { return "\(error)" }
        }
        let gain = "gain_without_prefill_drafts = 0.9\n"
        let defaults = gain + "mtp_draft_tokens = 3\nmtp_tokens_per_step = { 1 = 1.8, 3 = 2.5 }\n"
        XCTAssertEqual(error(defaults), "accepted")
        XCTAssertEqual(error(defaults.replacingOccurrences(of: "0.9", with: "1.2")),
                       "w.toml: key 'gain_without_prefill_drafts': must be a share of the drafts' gain, got '1.2'; "
                           + "allowed: 0 < share ≤ 1")
        XCTAssertTrue(error(defaults.replacingOccurrences(of: gain, with: ""))
            .contains("gain_without_prefill_drafts"))
        XCTAssertEqual(error(defaults + "[sglang.deepseek-r1]\nmtp_draft_tokens = 1\nmtp_tokens_per_step = { 1 = 2.5 }\n"),
                       "w.toml: key 'sglang.deepseek-r1.mtp_tokens_per_step.1': must lie between 1 and the drafts + 1, got '2.5'; "
                           + "allowed: 1…2")
        // The second draft counts only when the first was accepted: it cannot add more than the first.
        XCTAssertEqual(error(gain + "mtp_draft_tokens = 2\nmtp_tokens_per_step = { 1 = 1.3, 2 = 2.0 }\n"),
                       "w.toml: key 'mtp_tokens_per_step.2': must gain at most what each earlier draft gained and never fall, "
                           + "got '2.0'; allowed: 1.3…1.6")
        XCTAssertEqual(error(gain + "mtp_draft_tokens = 2\nmtp_tokens_per_step = { 1 = 1.8 }\n"),
                       "w.toml: key 'mtp_draft_tokens': has no yield in mtp_tokens_per_step: '2'; allowed: 1")
        XCTAssertEqual(error(gain + "mtp_draft_tokens = 1\nmtp_tokens_per_step = { one = 1.8 }\n"),
                       "w.toml: key 'mtp_tokens_per_step.one': draft counts must be positive integers, got 'one'; allowed: 1, 2, 3, …")
        XCTAssertEqual(error(gain + "mtp_draft_tokens = 0\nmtp_tokens_per_step = { 1 = 1 }\n"),
                       "w.toml: key 'mtp_draft_tokens': must be at least 1, got '0'; allowed: integers ≥ 1")
        XCTAssertTrue(error(defaults + "[sglang.deepseek-r1]\nacceptance = 0.7\n")
            .contains("key 'sglang.deepseek-r1.acceptance': unknown key"))
    }
}
