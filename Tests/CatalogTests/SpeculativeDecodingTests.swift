@testable import Catalog
import XCTest

final class SpeculativeDecodingTests: XCTestCase {
    func testEachEngineAndModelHasItsOwnMeasuredYieldElseTheDefaults() {
        let table = Catalog.standard.speculative
        XCTAssertEqual(table.mtp("trtllm", model: "deepseek-r1"), SpeculativeDecoding(draftTokens: 3, tokensPerStep: 2.82))
        XCTAssertEqual(table.mtp("vllm", model: "deepseek-r1"), SpeculativeDecoding(draftTokens: 1, tokensPerStep: 1.82))
        XCTAssertEqual(table.mtp("atom", model: "deepseek-r1"), SpeculativeDecoding(draftTokens: 3, tokensPerStep: 2.53), "defaults")
    }

    func testAYieldOutsideOneToDraftsPlusOneIsRefused() throws {
        func error(_ text: String) -> String {
            do {
                _ = try SpeculativeDecoding.Table.read(TOMLFields(text: text, file: "w.toml"))
                return "accepted"
            } catch { return "\(error)" }
        }
        let defaults = "mtp_draft_tokens = 3\nmtp_tokens_per_step = 2.5\n"
        XCTAssertEqual(error(defaults), "accepted")
        XCTAssertEqual(error(defaults + "[sglang.deepseek-r1]\nmtp_draft_tokens = 1\nmtp_tokens_per_step = 2.5\n"),
                       "w.toml: key 'sglang.deepseek-r1.mtp_tokens_per_step': must lie between 1 and the drafts + 1, got '2.5'; "
                           + "allowed: 1…2")
        XCTAssertEqual(error("mtp_draft_tokens = 0\nmtp_tokens_per_step = 1\n"),
                       "w.toml: key 'mtp_draft_tokens': must be at least 1, got '0'; allowed: integers ≥ 1")
        XCTAssertTrue(error(defaults + "[sglang.deepseek-r1]\nacceptance = 0.7\n")
            .contains("key 'sglang.deepseek-r1.acceptance': unknown key"))
    }
}
