import Catalog
@testable import Emulator
import XCTest

final class MemoryPlanTests: XCTestCase {
    /// Llama-70B FP8 on B200, TP 1: 68.45 GB of FP8 layers and 4.2 GB of BF16 embeddings.
    func testWeightsAndKVCapacity() throws {
        let d = try deployment("b200", "llama-3.3-70b", "fp8")
        XCTAssertEqual(d.memory.weightBytesPerGPU / 1e9, 68.45 + 4.2, accuracy: 0.2, "FP8 layers plus BF16 embedding and LM head")
        XCTAssertEqual(d.memory.kvBytes(forTokens: 1), 163_840, "FP8 KV: 80 layers × 2 × 8 heads × 128")
        let free = 180 * 1_073_741_824 * 0.9 - d.memory.weightBytesPerGPU - 4e9  // datasheet GB of HBM are GiB
        XCTAssertEqual(d.memory.kvCapacityBytes, free, accuracy: 1)
        let tp8 = try deployment("b200", "llama-3.3-70b", "fp8", tp: 8)
        XCTAssertEqual(tp8.memory.kvBytes(forTokens: 1), 20_480, "8 KV heads split over 8 GPUs")
        let h100 = try deployment("h100", "llama-3.3-70b", "fp8", tp: 2, framework: "vllm")
        XCTAssertEqual(h100.memory.kvBytes(forTokens: 1), 163_840, "vLLM as InferenceMAX launches it on H100: BF16 KV, 2 GPUs")
        let h200 = try deployment("h200", "llama-3.3-70b", "fp8", tp: 2, framework: "vllm")
        XCTAssertEqual(h200.memory.kvBytes(forTokens: 1), 81_920)
        var chosen = ServingConfiguration(hw: "h100", model: "llama-3.3-70b", framework: "vllm", precision: "fp8", isl: 1024, osl: 1024,
                                          conc: 16, tp: 2, kv_cache: "fp8")
        XCTAssertEqual(try Deployment(chosen).memory.kvBytes(forTokens: 1), 81_920, "a chosen format wins over the recipe")
        chosen.kv_cache = "fp6"
        XCTAssertThrowsError(try Deployment(chosen)) { error in
            XCTAssertEqual("\(error)", "key 'kv_cache': unknown KV-cache format 'fp6'; allowed: bf16, fp8, mxfp4, nvfp4")
        }
    }

    func testSlidingWindowLayersHoldAtMostTheWindow() throws {
        let d = try deployment("b200", "gpt-oss-120b", "mxfp4")
        XCTAssertEqual(d.memory.kvBytes(forTokens: 1000), (18 * 1000 + 18 * 128) * 2 * 8 * 64 * 1, "FP8 KV under TensorRT-LLM")
        let vllm = try deployment("h200", "gpt-oss-120b", "mxfp4", framework: "vllm")
        XCTAssertEqual(vllm.memory.kvBytes(forTokens: 1000), (18 * 1000 + 18 * 128) * 2 * 8 * 64 * 2, "BF16 KV as the checkpoint ships")
    }

    /// The same Llama-70B FP8 plan in tokens: (180 GiB × 0.9 − 72.7 GB − 4 GB) / 163,840 B ≈ 594 thousand
    /// tokens, within 1% (the weight estimate's own tolerance above), rounded down.
    func testCapacityInTokens() throws {
        let memory = try deployment("b200", "llama-3.3-70b", "fp8").memory
        XCTAssertEqual(memory.kvCapacityTokens, Int(memory.kvCapacityBytes / 163_840))
        XCTAssertEqual(Double(memory.kvCapacityTokens), 594_000, accuracy: 594_000 * 0.01)
    }

    /// MLA caches the 576-wide latent whole on every rank (MODELING.md: 70,272 B a token for
    /// DeepSeek-R1 in BF16, 61 × 576 × 2); under DP attention each of the TP ranks holds its own
    /// sequences, so the engine's capacity is TP times one GPU's free memory, less what holding
    /// attention, embedding, LM head, dense MLPs and shared experts whole takes.
    func testLatentCacheAndDataParallelAttention() throws {
        let dp = try deployment("b200", "deepseek-r1", "fp4", tp: 8, ep: 8, dp: true, framework: "sglang")
        XCTAssertEqual(dp.memory.kvBytes(forTokens: 1), 61 * 576 * dp.precision.kv.bytes, accuracy: 1e-9)
        let perGPU = 180 * 1_073_741_824 * dp.profile.memoryFraction - dp.memory.weightBytesPerGPU - dp.profile.runtimeReserveBytes
        XCTAssertEqual(dp.memory.kvCapacityBytes, 8 * perGPU, accuracy: 8)
        let tp = try deployment("b200", "deepseek-r1", "fp4", tp: 8, ep: 8, framework: "sglang")
        XCTAssertEqual(tp.memory.kvBytes(forTokens: 1), dp.memory.kvBytes(forTokens: 1), "the latent is not split by TP")
        XCTAssertLessThan(tp.memory.kvCapacityBytes, dp.memory.kvCapacityBytes / 7)
        // Every DP rank holds attention, embedding, LM head, the 3 dense MLPs and the 58 layers'
        // shared experts and routers whole: 7/8 of them more than a TP rank.
        let m = dp.model
        let denseMLPs = (3 * m.mlpParameters(18_432) + 58 * (m.mlpParameters(2_048) + 7168 * 256)) * dp.precision.weights.bytes
        let replicated = Double(m.softmaxLayers) * m.attentionParameters * attentionWeightBytes(m, dp.precision)
            + m.embeddingParameters * 2 + denseMLPs
        XCTAssertEqual(dp.memory.weightBytesPerGPU - tp.memory.weightBytesPerGPU, replicated * 7 / 8, accuracy: 1)
        XCTAssertEqual(StepCostModel(dp).lmHeadWeights, 7168 * 129_280 * 2, "BF16 LM head, whole")
        XCTAssertEqual(StepCostModel(tp).lmHeadWeights, 7168 * 129_280 * 2 / 8, "vocabulary-parallel over TP 8")
    }

    /// EP 48 over DeepSeek-R1's 256 experts needs 288 slots, 6 a GPU (SGLang's and TensorRT-LLM's
    /// wide-EP recipes): 32 redundant experts of 58 MoE layers × 3 × 7,168 × 2,048 parameters more
    /// than EP 16 holds on the same 48 GPUs, spread over them.
    func testRedundantExpertSlotsWhereEPDoesNotDivideTheExperts() throws {
        let experts = try XCTUnwrap(Catalog.standard.model("deepseek-r1").experts)
        XCTAssertEqual([8, 24, 48, 72].map { experts.slots(ep: $0) }, [256, 264, 288, 288])
        XCTAssertEqual(experts.replication(ep: 48), 1.125)
        let ep48 = try deployment("gb300", "deepseek-r1", "fp4", tp: 48, ep: 48, dp: true, framework: "sglang")
        let ep16 = try deployment("gb300", "deepseek-r1", "fp4", tp: 48, ep: 16, dp: true, framework: "sglang")
        let extra = 32 * 58 * 3 * 7168 * 2048 * ep48.precision.weights.bytes / 48
        XCTAssertEqual(ep48.memory.weightBytesPerGPU - ep16.memory.weightBytesPerGPU, extra, accuracy: 1)
        // A batch reads the touched experts' copies: every slot once it touches every expert.
        let (cost48, cost16) = (StepCostModel(ep48), StepCostModel(ep16))
        XCTAssertEqual(cost48.slotsRead(tokens: 8192, experts: experts), 288, accuracy: 0.5)
        XCTAssertEqual(cost16.slotsRead(tokens: 8192, experts: experts), 256, accuracy: 0.5)
        XCTAssertEqual(cost48.slotsRead(tokens: 1, experts: experts) / cost16.slotsRead(tokens: 1, experts: experts), 1.125,
                       accuracy: 1e-12)
        XCTAssertThrowsError(try deployment("gb300", "deepseek-r1", "fp4", tp: 48, ep: 5, dp: true, framework: "sglang")) { error in
            XCTAssertTrue("\(error)".contains("key 'ep': must divide TP 48"), "\(error)")
        }
    }

    /// The engines' memory rules: FP8 DeepSeek-R1 (671 B parameters at 1 B, 3.7 GB of BF16 embeddings, over 4 GPUs:
    /// 168.2 GB) does not fit in SGLang's 0.8 of a 192 GiB MI300X (164.9 GB) with its 2 GB workspace and the
    /// 0.07 GB latent of one 2,048-token request: 5.4 GB short. InferenceMAX ran it at TP 8 (84 GB a GPU).
    func testEngineMemoryFractionRulesOutFP8DeepSeekOnFourMI300X() throws {
        XCTAssertThrowsError(try deployment("mi300x", "deepseek-r1", "fp8", tp: 4, ep: 4, framework: "sglang", conc: 64)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("does not fit on 4 × mi300x (TP 4)"), message)
            let short = message.split(separator: ": ").last.flatMap { Double($0.split(separator: " ")[0]) }
            XCTAssertEqual(short ?? -1, 5.4, accuracy: 0.3, message)
        }
        let tp8 = try deployment("mi300x", "deepseek-r1", "fp8", tp: 8, ep: 8, framework: "sglang", conc: 64)
        XCTAssertEqual(tp8.profile.memoryFraction, 0.8)
        XCTAssertEqual(tp8.memory.weightBytesPerGPU / 1e9, 84.1, accuracy: 0.3)
        let free = 192 * 1_073_741_824 * 0.8 - tp8.memory.weightBytesPerGPU - 2e9
        XCTAssertEqual(tp8.memory.kvCapacityBytes, free, accuracy: 1)
        XCTAssertGreaterThan(tp8.memory.kvCapacityTokens, 64 * 2048, "room for the whole batch")
        // 4 × B200 holds it under SGLang's NVIDIA fraction, as InferenceMAX's v0.5.6 runs did.
        XCTAssertNoThrow(try deployment("b200", "deepseek-r1", "fp8", tp: 4, framework: "sglang", isl: 8192, conc: 32))
    }

    /// The footprint of many sequences from their sums is the sum of each one's bytes, windowed
    /// layers included (gpt-oss: half its layers keep 128 tokens); a further token costs the full
    /// layers alone.
    func testFootprintOfManySequencesIsTheSumOfEach() throws {
        let memory = try deployment("h100", "gpt-oss-120b", "mxfp4", framework: "vllm").memory
        let lengths = [1_000, 50, 4_097]
        let each = lengths.map { memory.kvBytes(forTokens: $0) }.reduce(0, +)
        let sums = memory.footprint.bytes(context: lengths.reduce(0, +), windowed: lengths.map { min($0, 128) }.reduce(0, +),
                                          sequences: lengths.count)
        XCTAssertEqual(sums, each, accuracy: 1e-9 * each)
        XCTAssertEqual(memory.footprint.perFurtherToken, memory.kvBytes(forTokens: 1_001) - memory.kvBytes(forTokens: 1_000),
                       accuracy: 1e-6)
        XCTAssertLessThan(memory.footprint.perFurtherToken, memory.kvBytes(forTokens: 1), "windowed layers stop growing")
    }
}
