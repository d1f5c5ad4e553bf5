import Catalog
@testable import Emulator
import XCTest

final class CostModelTests: XCTestCase {
    func testWindowedPairsMatchBruteForce() {
        for (from, to, window) in [(0, 10, 4), (3, 9, 128), (100, 300, 128), (0, 1, 1), (5, 5, 3)] {
            let brute = (from + 1...max(from + 1, to)).prefix(max(0, to - from)).reduce(0.0) { $0 + Double(min($1, window)) }
            XCTAssertEqual(BatchShape.windowedPairs(from: from, to: to, window: window), brute, "\(from)…\(to) w\(window)")
        }
    }

    func testInfeasibleConfigurationsSayWhy() {
        XCTAssertThrowsError(try deployment("h100", "llama-3.3-70b", "bf16")) { error in
            XCTAssertTrue("\(error)".contains("needs 141.1 GB per GPU of weights + 4.0 GB workspace"), "\(error)")
        }
        XCTAssertThrowsError(try deployment("b200", "llama-3.3-70b", "fp8", tp: 3)) { error in
            XCTAssertTrue("\(error)".contains("does not divide the 64 attention heads"), "\(error)")
        }
        XCTAssertThrowsError(try deployment("b200", "gpt-oss-120b", "mxfp4", tp: 8, ep: 3)) { error in
            XCTAssertTrue("\(error)".contains("must divide TP 8 and not exceed the 128 experts"), "\(error)")
        }
        XCTAssertThrowsError(try deployment("b200", "llama-3.3-70b", "fp8", tp: 12)) { error in
            XCTAssertTrue("\(error)".contains("scale-up domain of 8"), "\(error)")
        }
        XCTAssertThrowsError(try deployment("b200", "llama-3.3-70b", "fp8", conc: 0)) { error in
            XCTAssertTrue("\(error)".contains("key 'conc': must be a positive integer, got '0'"), "\(error)")
        }
    }

    /// A single-sequence decode step is bounded below by streaming the weights at the achieved
    /// bandwidth, and every operator adds time as batch and context grow.
    func testDecodeStepIsWeightStreamingPlusOverheadsAndGrowsWithLoad() throws {
        let d = try deployment("h200", "llama-3.3-70b", "fp8")
        let cost = StepCostModel(d)
        var one = BatchShape()
        one.decodeTokens = 1; one.sampled = 1; one.sequences = 1; one.decodeContext = 1024; one.decodeContextWindowed = 1024
        let streaming = d.memory.weightBytesPerGPU / (4.8e12 * d.profile.memoryEfficiency)
        let t1 = cost.time(one).total
        XCTAssertGreaterThan(t1, streaming)
        XCTAssertLessThan(t1, streaming * 1.25)
        var big = one
        big.decodeTokens = 64; big.sampled = 64; big.sequences = 64
        big.decodeContext = 64 * 4096; big.decodeContextWindowed = big.decodeContext
        XCTAssertGreaterThan(cost.time(big).attention, cost.time(one).attention * 10, "256× the KV bytes")
        XCTAssertGreaterThan(cost.time(big).total, t1)
    }

    /// Under TensorRT-LLM's overlap scheduler the host work of a decoding step hides behind the
    /// device work: a step with more device work than host work shows no overhead, a step with
    /// less shows the difference (device + overhead = host), and a prefill-only step, or an engine
    /// without the overlap, adds the host work whole (relative tolerance 1e-12: float rounding).
    func testOverlapSchedulerHidesHostWorkBehindTheDevice() throws {
        var d = try deployment("b200", "gpt-oss-120b", "mxfp4")
        XCTAssertTrue(d.profile.overlapScheduler)
        var decode = BatchShape()
        decode.decodeTokens = 1; decode.sampled = 1; decode.sequences = 1; decode.decodeContext = 1024
        decode.decodeContextWindowed = 1024
        let work = StepCostModel(d).work(decode)
        let host = d.profile.stepOverhead + d.profile.perSequence
        let device = work.device
        XCTAssertEqual(work.overhead, host, accuracy: host * 1e-12)
        XCTAssertGreaterThan(device, host, "gpt-oss's weights take longer to stream than 200 µs")
        XCTAssertEqual(StepCostModel(d).time(decode).overhead, 0)
        XCTAssertEqual(StepCostModel(d).time(decode).total, device, accuracy: device * 1e-12)

        d.profile.stepOverhead = device * 3
        let slow = StepCostModel(d).time(decode)
        XCTAssertEqual(slow.total, d.profile.stepOverhead + d.profile.perSequence, accuracy: device * 1e-12)

        var prefill = BatchShape()
        prefill.prefillTokens = 1024; prefill.prefillPairs = 1024 * 1025 / 2; prefill.prefillPairsWindowed = prefill.prefillPairs
        prefill.sampled = 1; prefill.sequences = 1
        XCTAssertEqual(StepCostModel(d).time(prefill), StepCostModel(d).work(prefill))

        d.profile.overlapScheduler = false
        XCTAssertEqual(StepCostModel(d).time(decode), StepCostModel(d).work(decode))
    }

    /// Llama-3.3-70B at TP 8, four decode tokens: 80 layers × 4 elementwise kernels × 4 tokens ×
    /// 8,192 BF16 values read and written over the achieved bandwidth, and 2 ring all-reduces a
    /// layer of 4 × 8,192 BF16 values over 8 GPUs (relative tolerance 1e-12: float rounding).
    func testElementwiseAndCollectiveTermsCountTheirPasses() throws {
        let d = try deployment("b200", "llama-3.3-70b", "fp8", tp: 8)
        var batch = BatchShape()
        batch.decodeTokens = 4; batch.sampled = 4; batch.sequences = 4
        batch.decodeContext = 4096; batch.decodeContextWindowed = 4096
        let time = StepCostModel(d).time(batch)
        let elementwise = 80 * 4 * 4 * 8192 * 2 * 2 / (d.gpu.hbmBytesPerSecond * d.profile.memoryEfficiency)
        XCTAssertEqual(time.elementwise, elementwise, accuracy: elementwise * 1e-12)
        let message = 4 * 8192 * 2.0, fabric = d.gpu.scaleUpGBPerSecond * 1e9 * d.profile.fabricEfficiency
        let ring = d.profile.allReduceBase + d.profile.allReducePerHop * 7 + 2 * 7 / 8 * message / fabric
        XCTAssertEqual(time.communication, 80 * 2 * ring, accuracy: 80 * 2 * ring * 1e-12)
    }

    /// DeepSeek-R1 at DEP 16 over two 8-GPU B200 nodes (wide EP): dispatch and combine send 7/16
    /// of each rank's tokens over NVLink and 8/16 over the 400 Gb/s network at once, which sets
    /// the pace; within one GB200 NVL72 domain all 15/16 go over NVLink. The latency terms are
    /// the same (one Blackwell profile), so the transfers compare as (8/16 / 50) / (15/16 / 900).
    func testWideEPSendsItsOtherDomainsShareOverTheNetwork() throws {
        let nodes = try deployment("b200", "deepseek-r1", "fp4", tp: 16, ep: 16, dp: true, framework: "sglang")
        let rack = try deployment("gb200", "deepseek-r1", "fp4", tp: 16, ep: 16, dp: true, framework: "sglang")
        var batch = BatchShape()
        batch.decodeTokens = 256; batch.sampled = 256; batch.sequences = 256
        batch.decodeContext = 256 * 2048; batch.decodeContextWindowed = batch.decodeContext
        let p = nodes.profile, moeLayers = Double(nodes.model.moeLayers)
        // The latency: each token written once to each other rank its 8 experts reach, 15 × (1 − (15/16)^8).
        let latency = moeLayers * 2 * (p.allReduceBase + p.allReducePerHop * 15 * (1 - pow(15.0 / 16, 8)))
        let overNetwork = StepCostModel(nodes).time(batch).communication - latency
        let overNVLink = StepCostModel(rack).time(batch).communication - latency
        XCTAssertEqual(overNetwork / overNVLink, (8.0 / 15 / 50) / (15.0 / 15 / 900), accuracy: 1e-9)
        // Tokens per rank: 256 / 16, each once to the ranks of its 8 experts, 7,168 values each:
        // FP8 (1 byte) out, BF16 back; 8 of the 15 other ranks over the network.
        let perRank = 16.0 * 15 * (1 - pow(15.0 / 16, 8)) * 7168 * (nodes.precision.activations.bytes + 2)
        XCTAssertEqual(overNetwork, moeLayers * perRank * 8 / 15 / (50e9 * p.fabricEfficiency), accuracy: overNetwork * 1e-12)
        XCTAssertThrowsError(try deployment("b200", "deepseek-r1", "fp4", tp: 16, ep: 8, dp: true, framework: "sglang")) {
            XCTAssertTrue("\($0)".contains("a multiple of 8: TP across domains, or wide EP (dp_attention, ep = tp"), "\($0)")
        }
        XCTAssertThrowsError(try deployment("b200", "deepseek-r1", "fp4", tp: 12, ep: 12, dp: true, framework: "sglang")) {
            XCTAssertTrue("\($0)".contains("exceeds the b200 scale-up domain of 8"), "\($0)")
        }
    }

    /// gpt-oss-120b on B200 at TP 4 with DP attention and EP 1 (TensorRT-LLM's DTP, its all-to-all
    /// "NotEnabled"): around each of its 36 MoE layers the 64 tokens of all ranks are gathered
    /// in FP8 and their outputs reduce-scattered in BF16, each a ring's latency and 3/4 of
    /// 64 × 2,880 values over NVLink, with no copy per expert; at EP 4 each rank's 16 tokens go
    /// once to each other rank of their 4 experts and back, one-shot (relative tolerance 1e-12:
    /// float rounding).
    func testDPAttentionWithoutExpertParallelismGathersTheTokens() throws {
        let dtp = try deployment("b200", "gpt-oss-120b", "mxfp4", tp: 4, dp: true)
        let dep = try deployment("b200", "gpt-oss-120b", "mxfp4", tp: 4, ep: 4, dp: true)
        var batch = BatchShape()
        batch.decodeTokens = 64; batch.sampled = 64; batch.sequences = 64
        batch.decodeContext = 64 * 1024; batch.decodeContextWindowed = 64 * 128
        let p = dtp.profile, fabric = dtp.gpu.scaleUpGBPerSecond * 1e9 * p.fabricEfficiency
        let outAndBack = dtp.precision.activations.bytes + 2
        let gathers = 2 * (p.allReduceBase + p.allReducePerHop * 3) + 3.0 / 4 * 64 * 2880 * outAndBack / fabric
        XCTAssertEqual(StepCostModel(dtp).time(batch).communication, 36 * gathers, accuracy: 36 * gathers * 1e-12)
        let destinations: Double = 3 * (1 - pow(0.75, 4)), copies = 16 * destinations * 2880 * outAndBack
        let exchanges = 2 * (p.allReduceBase + p.allReducePerHop * destinations) + copies / fabric
        XCTAssertEqual(StepCostModel(dep).time(batch).communication, 36 * exchanges, accuracy: 36 * exchanges * 1e-12)
    }

    /// What one-shot all-to-all moves, against a measured library: MoRI-EP's IntraNode kernels on
    /// 8 × MI355X (ROCm/mori docs/EP8.en.md @ ac97b1d6; DeepSeek-R1's 7,168 values a token, top 8,
    /// FP8) receive 122.95 GB/s × 39.5 µs at 128 tokens a rank and 216.08 GB/s × 89.9 µs at 512,
    /// local copies included: 5.29 copies a token, each rank once, not one per expert (8). The
    /// model sends `expertDestinations` copies to the other ranks, and the rank's own experts
    /// hold one of the 8 with probability 1 − (7/8)^8: 5.25 in all (tolerance 2%).
    func testAnAllToAllSendsATokenOnceToEachRankOfItsExperts() {
        for (tokens, gbPerSecond, microseconds) in [(128.0, 122.95, 39.5), (512.0, 216.08, 89.9)] {
            let measuredCopies = gbPerSecond * 1e9 * microseconds * 1e-6 / (tokens * 7168)
            let modelCopies = expertDestinations(ranks: 8, perToken: 8) + (1 - pow(7.0 / 8, 8))
            XCTAssertEqual(modelCopies / measuredCopies, 1, accuracy: 0.02, "\(tokens) tokens: \(measuredCopies) copies measured")
        }
    }

    /// DeepSeek-R1 FP8 on two H100 nodes at TP 16 (InferenceMAX's Dynamo-SGLang decode engines):
    /// each ring all-reduce steps through the hops between the nodes, so a GPU's 400 Gb/s
    /// InfiniBand link, not NVLink, carries its 2 × 15/16 of the message.
    func testTPAcrossDomainsRunsItsAllReducesOverTheNetwork() throws {
        let d = try deployment("h100", "deepseek-r1", "fp8", tp: 16, framework: "sglang")
        let p = d.profile, message = 64 * 7168 * 2.0
        let expected = p.allReduceBase + p.allReducePerHop * 15 + 2 * 15.0 / 16 * message / (50e9 * p.fabricEfficiency)
        XCTAssertEqual(StepCostModel(d).allReduce(bytes: message, ranks: 16), expected, accuracy: expected * 1e-12)
        let node = try deployment("h100", "llama-3.3-70b", "fp8", tp: 8, framework: "sglang")
        let overNVLink = node.profile.allReduceBase + node.profile.allReducePerHop * 7
            + 2 * 7.0 / 8 * message / (node.gpu.scaleUpGBPerSecond * 1e9 * node.profile.fabricEfficiency)
        XCTAssertEqual(StepCostModel(node).allReduce(bytes: message, ranks: 8), overNVLink, accuracy: overNVLink * 1e-12)
        let h200 = try deployment("h200", "deepseek-r1", "fp8", tp: 8, framework: "sglang")
        XCTAssertEqual(d.memory.weightBytesPerGPU * 16, h200.memory.weightBytesPerGPU * 8, accuracy: 16, "the model sliced 16 ways")
    }

    func testPrefillChunksAreComputeBound() throws {
        let d = try deployment("b200", "llama-3.3-70b", "fp8")
        var chunk = BatchShape()
        chunk.addPrefill(chunk: 8192, after: 0, window: nil)
        let time = StepCostModel(d).time(chunk)
        // 2 FLOPs per parameter per token at the profile's share (0.64) of B200's sustained FP8
        // rate (4.5 PFLOP/s × 1,745 / 2,250 measured), plus one padded tile per GEMM at 0.9;
        // streaming the 68 GB of weights (11 ms) adds 0.1% in quadrature.
        XCTAssertEqual(d.profile.gemmEfficiency, 0.64)
        let linearFLOPs = 2 * (8192 / 0.64 + 64 / 0.9) * 68.45e9
        XCTAssertEqual(time.linear, linearFLOPs / (4.5e15 * 1745 / 2250), accuracy: time.linear * 0.05)
    }

    /// Same die, same datasheet peak: MI325X's higher power limit sustains a 17% faster clock
    /// under dense GEMMs (784.9 against 668.4 TFLOP/s measured), so its compute-bound prefill
    /// is that much faster while HBM (6.0 against 5.3 TB/s) barely matters there.
    func testPowerLimitedClocksSeparateChipsOfOneDie() throws {
        var chunk = BatchShape()
        chunk.addPrefill(chunk: 8192, after: 0, window: nil)
        let mi300x = StepCostModel(try deployment("mi300x", "llama-3.3-70b", "fp8", framework: "vllm")).time(chunk).linear
        let mi325x = StepCostModel(try deployment("mi325x", "llama-3.3-70b", "fp8", framework: "vllm")).time(chunk).linear
        XCTAssertEqual(mi300x / mi325x, 784.9 / 668.4, accuracy: 0.01)
    }

    /// Slicing experts by TP narrows their GEMMs: DeepSeek-R1's 2,048-wide experts at TP 8 keep
    /// half the rate, whole experts under EP = TP 89%.
    func testNarrowShardsLoseGEMMEfficiency() throws {
        XCTAssertEqual(shardEfficiency(256), 0.5)
        XCTAssertEqual(shardEfficiency(2048), 2048.0 / 2304, accuracy: 1e-12)
        var chunk = BatchShape()
        chunk.addPrefill(chunk: 8192, after: 0, window: nil)
        let sliced = StepCostModel(try deployment("b200", "deepseek-r1", "fp8", tp: 8, framework: "sglang")).time(chunk).moe
        let whole = StepCostModel(try deployment("b200", "deepseek-r1", "fp8", tp: 8, ep: 8, framework: "sglang")).time(chunk).moe
        XCTAssertGreaterThan(sliced, whole * 1.4, "compute-bound prefill: 0.89 / 0.5 of the rate, less EP's load imbalance")
    }

    /// Under DP attention the dense MLPs and shared experts run data-parallel, as attention does
    /// (TensorRT-LLM gives them TP 1 under attention DP; SGLang's wide-EP recipes pass
    /// --moe-dense-tp-size 1): each rank streams them whole for its own sequences, where a TP rank
    /// streams a 1/8 slice for all of them. DeepSeek-R1 FP8 on 8 B200 at 64 decoding sequences.
    func testDataParallelAttentionRunsDenseAndSharedMLPsWholeOnEveryRank() throws {
        let dp = StepCostModel(try deployment("b200", "deepseek-r1", "fp8", tp: 8, ep: 8, dp: true, framework: "sglang"))
        let tp = StepCostModel(try deployment("b200", "deepseek-r1", "fp8", tp: 8, ep: 8, framework: "sglang"))
        let m = dp.deployment.model, bytes = dp.deployment.precision.weights.bytes
        XCTAssertEqual(dp.mlpWeights, m.mlpParameters(18_432) * bytes, "a dense MLP whole")
        XCTAssertEqual(dp.mlpWeights, tp.mlpWeights * 8, accuracy: 1)
        XCTAssertEqual(dp.sharedWeights, m.mlpParameters(2_048) * bytes, "one shared expert whole")
        XCTAssertEqual(dp.sharedFLOPsPerToken, 2 * m.mlpParameters(2_048))
        XCTAssertEqual(tp.sharedFLOPsPerToken * 8, dp.sharedFLOPsPerToken, accuracy: 1)
        var batch = BatchShape()
        batch.decodeTokens = 64; batch.sampled = 64; batch.sequences = 64
        batch.decodeContext = 64 * 1024; batch.decodeContextWindowed = batch.decodeContext
        // The 3 dense layers: each rank's 8 tokens through the whole MLP.
        let dense = 3 * dp.gemm(tokens: 8, weights: dp.mlpWeights, flopsPerToken: dp.mlpFLOPsPerToken, width: 7168, share: dp.mlpShare)
        let attention = 61 * dp.gemm(tokens: 8, weights: dp.attentionWeights, flopsPerToken: dp.attentionFLOPsPerToken, width: 7168)
        XCTAssertEqual(dp.time(batch).linear, dense + attention, accuracy: (dense + attention) * 1e-12)
        // Weight streaming at this batch: whole MLPs cost a DP rank close to 8 × a TP rank's slices.
        XCTAssertGreaterThan(dense, 3 * tp.gemm(tokens: 64, weights: tp.mlpWeights, flopsPerToken: tp.mlpFLOPsPerToken, width: 7168,
                                                share: tp.mlpShare) * 4)
    }

    /// Each MTP draft runs one layer and the LM head, and around them the module's own work: 6
    /// kernels (two RMSNorms, the projection, the head's norm, the LM head, sampling) and the
    /// projection of the 2d-wide concatenation, a BF16 layer of 2 × 7,168² parameters whole on every
    /// rank. DeepSeek-R1 FP8 on 8 B200 at TP 8, 8 sequences drafting 2 tokens each.
    func testEachDraftRunsTheMTPModulesProjectionAndKernels() throws {
        let config = ServingConfiguration(hw: "b200", model: "deepseek-r1", framework: "sglang", precision: "fp8",
                                          spec_decoding: "mtp", mtp_draft_tokens: 2, isl: 1024, osl: 1024, conc: 8, tp: 8)
        let cost = StepCostModel(try Deployment(config))
        var batch = BatchShape()
        batch.decodeTokens = 8; batch.sampled = 8; batch.sequences = 8
        batch.decodeContext = 8 * 1024; batch.decodeContextWindowed = batch.decodeContext
        let step = cost.time(batch), verify = cost.forward(batch, verify: 3), draft = cost.forward(batch, verify: 1)
        let latency = cost.deployment.profile.kernelLatency
        XCTAssertEqual(step.launch, verify.launch + 2 * (draft.launch / 61 + 6 * latency), accuracy: 1e-15)
        let projection = cost.gemm(tokens: 8, weights: 2 * 7168 * 7168 * 2, flopsPerToken: 2 * 2 * 7168 * 7168, width: 7168,
                                   quantized: false)
        XCTAssertEqual(step.linear, verify.linear + 2 * (draft.linear / 61 + projection), accuracy: 1e-15)
        // 206 MB a draft, about 41 µs on B200 at the profile's HBM efficiency: the weights' stream sets
        // it, activations and the overlapped FLOPs adding under 2%.
        XCTAssertEqual(projection, 205.5e6 / cost.bytesPerSecond, accuracy: projection * 0.02)
    }

    /// An NVFP4 checkpoint's MTP layer is BF16: its draft streams 2 bytes a weight where the model
    /// streams 0.5625, and computes in BF16. DeepSeek-R1 on 8 B200, TP 8, 64 sequences drafting 1.
    func testAnUnquantizedMTPLayerDraftsInBF16() throws {
        let config = ServingConfiguration(hw: "b200", model: "deepseek-r1", framework: "trtllm", precision: "fp4",
                                          spec_decoding: "mtp", mtp_draft_tokens: 1, isl: 1024, osl: 1024, conc: 64, tp: 8)
        let deployment = try Deployment(config)
        let cost = StepCostModel(deployment), module = try XCTUnwrap(cost.draftCost).model
        XCTAssertEqual(module.deployment.precision.weights.name, "bf16")
        XCTAssertEqual(module.deployment.precision.gemmMath, "bf16")
        XCTAssertEqual(module.expertWeights / cost.expertWeights, 2 / 0.5625, accuracy: 1e-12)
        var batch = BatchShape()
        batch.decodeTokens = 64; batch.sampled = 64; batch.sequences = 64
        batch.decodeContext = 64 * 1024; batch.decodeContextWindowed = batch.decodeContext
        let draft = module.forward(batch, verify: 1)
        XCTAssertEqual(cost.time(batch).moe, cost.forward(batch, verify: 2).moe + draft.moe / 58, accuracy: 1e-15)
        var fp8 = config
        fp8.precision = "fp8"
        XCTAssertNil(StepCostModel(try Deployment(fp8)).draftCost, "the FP8 checkpoint drafts in its own format")
    }

    /// The overlapped roofline: the larger term alone far from the ridge, √2 of it at the ridge.
    func testOverlappedRooflineIsTheEuclideanNormOfTheResourceTimes() {
        XCTAssertEqual(overlapped(3, 0), 3)
        XCTAssertEqual(overlapped(1, 1), 2.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(overlapped(3, 1), 3 * (1 + 1.0 / 9).squareRoot(), accuracy: 1e-12, "a 3:1 ratio adds 5%")
        XCTAssertEqual(overlapped(2, 3, 6), 7, accuracy: 1e-12)
        XCTAssertEqual(rooflineTime(flops: 4e12, bytes: 3e9, flopsPerSecond: 1e15, bytesPerSecond: 1e12), 5e-3, accuracy: 1e-15)
    }

    /// FP4 weights on Hopper are expanded on the vector units (67 TFLOP/s FP32, 6 ops a weight),
    /// once per 64-row block of the GEMM; Blackwell's tensor cores read them as they are.
    func testFP4WeightsWithoutFP4TensorCoresPayForExpansion() throws {
        let hopper = StepCostModel(try deployment("h200", "gpt-oss-120b", "mxfp4", framework: "vllm"))
        XCTAssertEqual(hopper.expansionPerByte, 6 / (0.53125 * 67e12), accuracy: 1e-20)
        XCTAssertEqual(hopper.expansionPasses(rowsPerWeight: 8), 1, "a decode GEMM expands each weight once")
        XCTAssertEqual(hopper.expansionPasses(rowsPerWeight: 256), 4, "a 256-row prefill GEMM four times")
        var retuned = try deployment("h200", "gpt-oss-120b", "mxfp4", framework: "vllm")
        retuned.profile.gemmHalfTokens = 32
        XCTAssertEqual(StepCostModel(retuned).expansionPasses(rowsPerWeight: 256), 4, "the kernel's block, not the GEMM curve's knee")
        XCTAssertEqual(StepCostModel(try deployment("b200", "gpt-oss-120b", "mxfp4")).expansionPerByte, 0)
        XCTAssertEqual(StepCostModel(try deployment("h200", "llama-3.3-70b", "fp8")).expansionPerByte, 0, "FP8 is native on Hopper")
    }

    func testKernelCountsFollowTheArchitecture() throws {
        let catalog = Catalog.standard
        XCTAssertEqual(LayerKernels(try catalog.model("llama-3.3-70b")).perStep(try catalog.model("llama-3.3-70b")), 80 * 9 + 1)
        let r1 = try catalog.model("deepseek-r1")
        let expected: Double = 61 * 11 + 3 * 4 + 58 * 11 + 1
        XCTAssertEqual(LayerKernels(r1).perStep(r1), expected)
    }

    /// Uniform routing touches E·(1 − (1 − 1/E)^(T·k)) experts; skew touches fewer at moderate T.
    func testExpertCoverage() {
        let uniform = ExpertCoverage(experts: 128, perToken: 4, skew: 0)
        for t in [1.0, 8, 64, 1000] {
            XCTAssertEqual(uniform(t), 128 * (1 - pow(1 - 1.0 / 128, t * 4)), accuracy: 128 * (1 - pow(1 - 1.0 / 128, t * 4)) * 0.01)
        }
        let skewed = ExpertCoverage(experts: 128, perToken: 4, skew: 0.6)
        XCTAssertLessThan(skewed(16), uniform(16))
        XCTAssertEqual(skewed(1), 4, accuracy: 0.2, "one token picks about k experts")
        XCTAssertGreaterThan(skewed(100_000), 127)
        XCTAssertEqual(skewed(0), 0)
        var previous = 0.0
        for t in stride(from: 1.0, to: 5000, by: 7) {
            XCTAssertGreaterThanOrEqual(skewed(t), previous)
            previous = skewed(t)
        }
    }

    func testAnAllToAllReachesAtMostTheRanksOfATokensExperts() {
        XCTAssertEqual(expertDestinations(ranks: 1, perToken: 8), 0)
        XCTAssertEqual(expertDestinations(ranks: 2, perToken: 1), 0.5, accuracy: 1e-12)
        // DeepSeek-R1's 8 experts: 7 × (1 − (7/8)^8) = 4.59 at EP 8, 47 × (1 − (47/48)^8) = 7.29 at EP 48.
        XCTAssertEqual(expertDestinations(ranks: 8, perToken: 8), 4.5947, accuracy: 1e-4)
        XCTAssertEqual(expertDestinations(ranks: 48, perToken: 8), 7.2853, accuracy: 1e-4)
        var previous = 0.0
        for t in 2...256 {
            let d = expertDestinations(ranks: Double(t), perToken: 8)
            XCTAssertGreaterThan(d, previous)
            XCTAssertLessThan(d, min(Double(t - 1), 8) + 1e-12)
            previous = d
        }
    }

    func testExpertImbalanceShrinksWithTokens() {
        XCTAssertEqual(expertImbalance(tokens: 100, perToken: 4, ranks: 1), 1)
        XCTAssertGreaterThan(expertImbalance(tokens: 1, perToken: 4, ranks: 8), expertImbalance(tokens: 1000, perToken: 4, ranks: 8))
        XCTAssertLessThanOrEqual(expertImbalance(tokens: 1, perToken: 1, ranks: 8), 8)
    }
}
