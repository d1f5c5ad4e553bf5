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

    /// On demand (vLLM's rule: no output kept free), prompts of 100 bytes a token each are taken
    /// in while their prompts fit; when the decodes outgrow the cache the youngest is preempted,
    /// with its context and tokens left, and, resumed, it recomputes them without a second first token.
    func testOnDemandAdmissionPreemptsTheYoungestAndResumesIt() throws {
        let trtllm = try policy("trtllm")
        let footprint = KVFootprint(fullLayers: 1, windowedLayers: 0, perLayerToken: 100, indexerPerToken: 0, perSequence: 0)
        let onDemand = RunningBatch.OnDemand(footprint: footprint, reservedOutputShare: 0, admittedOutputShare: 0)
        var batch = RunningBatch(slots: 3, window: nil, kvCapacityBytes: 2_500, onDemand: onDemand)
        XCTAssertTrue(batch.admit(0, promptTokens: 10, outputTokens: 20, kvBytes: 1_000, prefilled: false))
        XCTAssertTrue(batch.admit(1, promptTokens: 10, outputTokens: 20, kvBytes: 1_000, prefilled: false))
        XCTAssertFalse(batch.admit(2, promptTokens: 10, outputTokens: 20, kvBytes: 1_000, prefilled: false), "3,000 > 2,500 bytes")
        XCTAssertEqual(batch.completePrefillChunks(batch.plan(trtllm).prefillChunks), [0, 1])
        XCTAssertEqual(batch.kvBytesInUse, 2 * 11 * 100, "prompt and first token of each")
        XCTAssertEqual(batch.preemptOverflow(), [])
        for _ in 0..<2 { batch.advanceDecodes(by: 1, kernel: .simd) }
        XCTAssertEqual(batch.kvBytesInUse, 2 * 13 * 100)
        XCTAssertEqual(batch.preemptOverflow(), [RunningBatch.Preempted(request: 1, context: 13, remaining: 17)], "2,600 > 2,500")
        XCTAssertEqual(batch.decoding, 1)
        XCTAssertEqual(batch.kvBytesInUse, 1_300)
        XCTAssertFalse(batch.admit(1, promptTokens: 13, outputTokens: 17, kvBytes: 1_300, prefilled: false, resumed: true),
                       "2,600 > 2,500 bytes: it waits")
        for _ in 0..<17 { batch.advanceDecodes(by: 1, kernel: .scalar) }
        XCTAssertEqual(batch.releaseFinished(), [0])
        XCTAssertTrue(batch.admit(1, promptTokens: 13, outputTokens: 17, kvBytes: 1_300, prefilled: false, resumed: true))
        XCTAssertEqual(batch.completePrefillChunks(batch.plan(trtllm).prefillChunks), [], "its first token came before")
        XCTAssertEqual(batch.decoding, 1)
        XCTAssertEqual(batch.plan(trtllm).shape.decodeContext, 14)
    }

    /// SGLang's rule keeps a share of every running sequence's output free: a prompt that fits
    /// the bytes in use may not fit beside that share, and a new request needs its whole output.
    func testOnDemandAdmissionKeepsTheOutputShares() throws {
        let footprint = KVFootprint(fullLayers: 1, windowedLayers: 0, perLayerToken: 100, indexerPerToken: 0, perSequence: 0)
        let sglang = RunningBatch.OnDemand(footprint: footprint, reservedOutputShare: 0.5, admittedOutputShare: 1)
        var batch = RunningBatch(slots: 3, window: nil, kvCapacityBytes: 5_000, onDemand: sglang)
        XCTAssertTrue(batch.admit(0, promptTokens: 10, outputTokens: 20, kvBytes: 1_000, prefilled: false), "1,000 + 2,000 <= 5,000")
        XCTAssertFalse(batch.admit(1, promptTokens: 10, outputTokens: 22, kvBytes: 1_000, prefilled: false),
                       "1,000 in use + 1,000 for half of its 20 tokens to come, + 1,000 + 2,200 > 5,000")
        XCTAssertTrue(batch.admit(1, promptTokens: 10, outputTokens: 20, kvBytes: 1_000, prefilled: false), "5,000 <= 5,000")
    }
}
