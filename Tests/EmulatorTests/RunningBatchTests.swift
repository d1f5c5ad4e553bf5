import Catalog
@testable import Emulator
import XCTest

final class RunningBatchTests: XCTestCase {
    func policy(_ framework: String) throws -> SchedulerPolicy {
        SchedulerPolicy(try Catalog.standard.frameworks.profile(framework, on: try Catalog.standard.gpu("b200")), conc: 2)
    }

    /// Admission needs a free slot and room for the request's whole KV cache; nothing is evicted.
    func testAdmissionWhileSlotsAndKVSpaceAreFree() {
        var batch = RunningBatch(slots: 2, window: nil, kvCapacityBytes: 1000)
        XCTAssertTrue(batch.admit(0, promptTokens: 100, outputTokens: 3, kvBytes: 600, prefilled: false))
        XCTAssertFalse(batch.admit(1, promptTokens: 50, outputTokens: 3, kvBytes: 500, prefilled: false), "1,100 > 1,000 bytes")
        XCTAssertTrue(batch.admit(1, promptTokens: 50, outputTokens: 3, kvBytes: 400, prefilled: false))
        XCTAssertFalse(batch.admit(2, promptTokens: 10, outputTokens: 3, kvBytes: 0, prefilled: false), "no free slot")
        XCTAssertEqual(batch.kvBytesInUse, 1000)
        XCTAssertEqual(batch.prefillQueue, [0, 1], "slot 0 first")
        XCTAssertEqual(batch.size, 2)
    }

    /// Two prompts prefilled in one step start decoding with context prompt + 1; three output
    /// tokens are the first token and two decode steps, after which slots and KV are free again.
    func testPrefillThenDecodeThenRelease() throws {
        let trtllm = try policy("trtllm")
        var batch = RunningBatch(slots: 2, window: 64, kvCapacityBytes: 1000)
        _ = batch.admit(7, promptTokens: 100, outputTokens: 3, kvBytes: 600, prefilled: false)
        _ = batch.admit(8, promptTokens: 50, outputTokens: 3, kvBytes: 400, prefilled: false)
        let prefill = batch.plan(trtllm)
        XCTAssertEqual(prefill.prefillChunks, [100, 50])
        XCTAssertEqual(prefill.shape.prefillTokens, 150)
        XCTAssertEqual(prefill.shape.sampled, 2)
        XCTAssertEqual(batch.completePrefillChunks(prefill.prefillChunks), [7, 8])
        XCTAssertEqual(batch.decoding, 2)
        let decode = batch.plan(trtllm)
        XCTAssertEqual(decode.decodes, 2)
        XCTAssertEqual(decode.shape.decodeContext, 101 + 51)
        XCTAssertEqual(decode.shape.decodeContextWindowed, 64 + 51)
        batch.advanceDecodes(by: 1, kernel: .simd)
        XCTAssertFalse(batch.hasFinished)
        XCTAssertEqual(batch.plan(trtllm).shape.decodeContext, 102 + 52)
        batch.advanceDecodes(by: 1, kernel: .scalar)
        XCTAssertEqual(batch.decoding, 0)
        XCTAssertEqual(batch.releaseFinished(), [7, 8])
        XCTAssertEqual(batch.kvBytesInUse, 0)
        XCTAssertTrue(batch.isIdle)
    }

    /// A 10,000-token prompt under SGLang's 8,192-token budget: two chunks, the first token after
    /// the second; a disaggregated request asking for one token finishes on admission.
    func testChunkedPromptAndSingleTokenRequest() throws {
        let sglang = try policy("sglang")
        var batch = RunningBatch(slots: 2, window: nil, kvCapacityBytes: 1e9)
        _ = batch.admit(0, promptTokens: 10_000, outputTokens: 2, kvBytes: 1, prefilled: false)
        let first = batch.plan(sglang)
        XCTAssertEqual(first.prefillChunks, [8192])
        XCTAssertEqual(first.shape.sampled, 0)
        XCTAssertEqual(batch.completePrefillChunks(first.prefillChunks), [])
        let second = batch.plan(sglang)
        XCTAssertEqual(second.prefillChunks, [1808])
        XCTAssertEqual(second.shape.prefillPairs, (10_000.0 * 10_000 - 8192 * 8192) / 2)
        XCTAssertEqual(batch.completePrefillChunks(second.prefillChunks), [0])
        XCTAssertTrue(batch.admit(1, promptTokens: 500, outputTokens: 1, kvBytes: 1, prefilled: true))
        XCTAssertEqual(batch.decoding, 1)
        XCTAssertEqual(batch.releaseFinished(), [1])
    }
}
