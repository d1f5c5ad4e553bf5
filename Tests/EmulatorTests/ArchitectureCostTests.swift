import Catalog
@testable import Emulator
import XCTest

/// The cost model follows each layer kind: sparse top-k reads, linear-attention state, chunked
/// windows, and MoE models read from their configs (issue: Qwen3 MoE was once read as dense).
final class ArchitectureCostTests: XCTestCase {
    /// One decode step of `sequences` sequences, each `context` tokens long, on `deployment`.
    func decodeStep(_ d: Deployment, sequences: Int, context: Int) -> StepTime {
        var batch = BatchShape()
        batch.decodeTokens = sequences; batch.sampled = sequences; batch.sequences = sequences
        batch.decodeContext = sequences * context
        batch.decodeContextWindowed = sequences * min(context, d.model.readWindow ?? context)
        return StepCostModel(d).time(batch)
    }

    func testQwen3MoERunsWithExpertParallelism() throws {
        let d = try deployment("b200", "qwen3-235b-a22b", "fp8", tp: 8, ep: 8, framework: "sglang")
        XCTAssertEqual(d.model.experts?.routed, 128)
        let result = ServingSimulation(d).run()
        XCTAssertGreaterThan(result.tput_per_gpu, 100)
        XCTAssertEqual(result.configuration.ep, 8)
    }

    /// DeepSeek sparse attention reads at most 2,048 latent entries per query: past that, a
    /// longer context adds only the indexer's 132 bytes per token and layer, against MLA's
    /// 1,152 (FP8: 576) in DeepSeek-R1, whose projections match V3.2's.
    func testSparseAttentionReadsTopKPlusTheIndexer() throws {
        let sparse = try deployment("b200", "deepseek-v3.2", "fp8", tp: 8, ep: 8, framework: "sglang", isl: 32768, osl: 1024)
        let dense = try deployment("b200", "deepseek-r1", "fp8", tp: 8, ep: 8, framework: "sglang", isl: 32768, osl: 1024)
        func growth(_ d: Deployment) -> Double {
            decodeStep(d, sequences: 32, context: 32768).attention - decodeStep(d, sequences: 32, context: 4096).attention
        }
        XCTAssertLessThan(growth(sparse), growth(dense) / 3, "top-k caps what attention reads")
        XCTAssertGreaterThan(growth(sparse), 0, "the indexer still scores every key")
        // The cache keeps every token (the indexer picks any of them) plus the indexer's keys.
        XCTAssertEqual(sparse.memory.kvBytes(forTokens: 10000) - dense.memory.kvBytes(forTokens: 10000), 10000 * 61 * 132, accuracy: 1)
    }

    /// A linear-attention layer keeps one state per sequence whatever its length: Qwen3.5's 45
    /// Gated DeltaNet layers, 4.14 MiB each in FP32, split over TP 8 (64 value heads).
    func testLinearAttentionKeepsAFixedStatePerSequence() throws {
        let d = try deployment("b200", "qwen3.5-397b-a17b", "fp8", tp: 8, ep: 8, framework: "sglang")
        let state = 45 * (64 * 128 * 128 + (2 * 2048 + 8192) * 3) * 4.0 / 8
        XCTAssertEqual(d.memory.stateBytesPerSequence, state, accuracy: 1)
        let perToken = d.memory.kvBytes(forTokens: 2) - d.memory.kvBytes(forTokens: 1)
        XCTAssertEqual(perToken, 15 * 2 * 2 * 256 * 1.0 / 2, accuracy: 0.01, "15 full layers, 2 KV heads of 256 in FP8, split over 2")
        // Decode state traffic: each sequence's state read and written once a step.
        let one = decodeStep(d, sequences: 1, context: 1024).attention, many = decodeStep(d, sequences: 64, context: 1024).attention
        XCTAssertGreaterThan(many - one, 63 * 2 * state / (d.gpu.hbmBytesPerSecond * 1.01))
        XCTAssertGreaterThan(ServingSimulation(d).run().tput_per_gpu, 100)
    }

    /// Llama 4's chunked layers keep at most a chunk (8,192 tokens) of KV; its 12 global layers
    /// keep everything.
    func testChunkedLayersKeepAtMostOneChunk() throws {
        let d = try deployment("b200", "llama-4-maverick", "fp8", tp: 8, ep: 8, framework: "sglang", isl: 32768, osl: 1024)
        let perLayerToken = d.memory.kvBytesPerLayerToken
        XCTAssertEqual(d.memory.kvBytes(forTokens: 32768), (12 * 32768 + 36 * 8192) * perLayerToken, accuracy: 1)
    }
}
