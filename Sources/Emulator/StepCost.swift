import Catalog
import Foundation

/// The roofline cost model of one forward step on one deployment (MODELING.md).
///
/// Per layer: attention projections, attention (decode: KV bytes read; prefill: causal FLOPs),
/// a dense MLP or a mixture of experts (distinct experts touched by the batch, `ExpertCoverage`),
/// norms and activations, and the TP all-reduces or EP all-to-alls over the scale-up fabric (an
/// engine wider than one domain runs its all-reduces over the scale-out network, and sends the
/// share of its all-to-all bound for other domains over it);
/// then the LM head for sampled tokens, a fixed latency for every kernel launched, and the
/// engine's per-step and per-sequence CPU work. Each operator's work costs the overlapped
/// roofline ‖FLOPs / (η_c·P), bytes / (η_m·W)‖₂ (`overlapped`), P the GPU's sustained tensor rate
/// (`GPU.sustainedFLOPS`), W its HBM bandwidth; weights the tensor cores cannot
/// consume natively are also expanded on the vector units, overlapped the same way.
public struct StepCostModel: Sendable {
    let deployment: Deployment
    let gemmRate: Double
    let attentionRate: Double
    let bytesPerSecond: Double
    let fabricBytesPerSecond: Double
    /// One GPU's scale-out network (InfiniBand or RDMA Ethernet), at the engine's fabric efficiency.
    let scaleOutBytesPerSecond: Double
    /// Fixed latency of all kernels of one step.
    let launchTime: Double
    // Per-GPU weight bytes and FLOPs per token of each linear operator of one layer.
    let attentionWeights: Double, attentionFLOPsPerToken: Double
    let mlpWeights: Double, mlpFLOPsPerToken: Double
    let expertWeights: Double, sharedWeights: Double, sharedFLOPsPerToken: Double
    /// The LM head's weight bytes and FLOPs per sampled token on one GPU.
    let lmHeadWeights: Double, lmHeadFLOPsPerToken: Double
    /// Attention: FLOPs and KV bytes per unit of context for decode, FLOPs per query–key pair for prefill.
    let decodeFLOPsPerContext: Double, decodeBytesPerContext: Double, prefillFLOPsPerPair: Double
    /// Sparse attention's indexer per softmax layer: FLOPs per scored key, and key bytes read.
    let indexerFLOPsPerPair: Double, indexerBytesPerContext: Double
    /// A linear-attention layer: projection weights and FLOPs per token on one GPU; the state's
    /// FLOPs per token (recurrent update and read-out), all linear layers.
    let linearWeights: Double, linearFLOPsPerToken: Double, stateFLOPsPerToken: Double
    /// Seconds per byte of quantized weights spent expanding them on the vector units, where the
    /// tensor cores cannot consume the format (FP4 on Hopper and CDNA3); 0 otherwise.
    let expansionPerByte: Double
    /// Distinct experts a batch touches under skewed routing.
    let coverage: ExpertCoverage?
    /// Copies of each routed expert on average over the engine's slots (`Experts.replication`).
    let expertReplication: Double
    /// Share of the GEMM rate left to the TP-sliced MLPs (`shardEfficiency`): dense, routed
    /// experts (whole under EP), shared experts.
    let mlpShare: Double, expertShare: Double, sharedShare: Double
    /// The cost model of the MTP layer where it runs in other formats than the model
    /// (`Deployment.draftPrecision`); nil: this one.
    let draftCost: DraftCost?

    // MARK: Constants of the cost model (counts are exact; their sources beside them)

    /// FLOPs of a multiply-add: a linear layer spends one per weight per token (MODELING.md: 2
    /// FLOPs per parameter per token), attention one per head dimension of each product.
    static let flopsPerMultiplyAdd = 2.0
    /// Bytes per GB (decimal, as fabric datasheets state GB/s) and FLOP/s per TFLOP/s.
    static let bytesPerGB = 1e9
    static let flopsPerTFLOP = 1e12
    /// Activation passes through HBM of one GEMM: its input read and its output written.
    static let activationPassesPerGEMM = 2.0
    /// Grouped GEMMs of a routed expert: gate-up and down (`LayerKernels`). Their activations are
    /// counted hidden-wide, in and out of each (`activationPassesPerGEMM`).
    static let groupedGEMMsPerExpert = 2.0
    /// Memory-bound elementwise kernels of a layer, each reading and writing the activations once
    /// (`LayerKernels`): attention norm, rotary embedding with KV append, MLP norm, activation.
    static let elementwiseKernelsPerLayer = 4.0
    /// Passes of an elementwise kernel over the activations: read, then write.
    static let elementwisePasses = 2.0
    /// Products with the state of a Gated DeltaNet per token: the delta-rule update (S k, then
    /// the rank-one correction) and the read-out S q, each a multiply-add per state element
    /// (Yang et al., arXiv:2412.06464, recurrent form; the chunked prefill form does the same
    /// work in matrix products).
    static let stateProductsPerToken = 3.0
    /// Passes over a decoding sequence's linear-attention state per step: read, then write.
    static let statePasses = 2.0
    /// Phases of a ring all-reduce, a reduce-scatter then an all-gather, each moving (t−1)/t of
    /// the message through every GPU's link (MODELING.md, Communication).
    static let ringPhases = 2.0
    /// Tensor-parallel all-reduces of a layer: after the attention output projection and after
    /// the MLP (Megatron-style sharding).
    static let allReducesPerLayer = 2.0
    /// Products of attention per query–key pair: the score QKᵀ and the value mix PV, so
    /// 2 × 2 FLOPs per head and head dimension (MODELING.md: 4·h_q·d_h·c in decode).
    static let attentionProductsPerPair = 2.0
    /// Cached tensors of a GQA layer: keys and values.
    static let keyAndValue = 2.0
    /// Token rows a W4A16 kernel multiplies per expansion of a weight tile: Marlin (IST-DASLab,
    /// `marlin_cuda`) takes M in 16-row blocks, at most 4 to a thread block, and runs a larger M
    /// as parallel 64-row problems that each load and expand the weights again. A property of
    /// the kernel, not of the engine: it is not the profile's `gemm_half_tokens`, though both
    /// are 64.
    static let w4a16RowsPerBlock = 64.0
    /// Kernels of a multi-token-prediction module around its transformer layer, per draft: the
    /// RMSNorms of the hidden state and of the token's embedding, the projection M of their
    /// concatenation, the output head's RMSNorm, its LM head, and the draft token's sampling
    /// (DeepSeek-V3 technical report §2.2; SGLang's `deepseek_nextn.py`: enorm, hnorm, eh_proj,
    /// shared_head.norm).
    static let draftModuleKernels = 6.0
    /// Vectors the projection M concatenates, the hidden state and the embedding: M maps 2d to d,
    /// 2·d² parameters, a plain BF16 linear layer whole on every rank (SGLang's and vLLM's
    /// `nn.Linear(2 * hidden_size, hidden_size)`), 206 MB for DeepSeek-R1 read once per draft.
    static let draftProjectionInputs = 2.0

    public init(_ deployment: Deployment) {
        self.deployment = deployment
        let gpu = deployment.gpu, model = deployment.model, p = deployment.profile, precision = deployment.precision
        let t = Double(deployment.tp)
        gemmRate = gpu.sustainedFLOPS(precision.gemmMath)
        // Attention runs in the KV format's math where the GPU has it (FP8 attention), else BF16.
        attentionRate = gpu.sustainedFLOPS(precision.kv.math == "fp8" && gpu.peakFLOPS("fp8") > 0 ? "fp8" : "bf16") * p.attentionEfficiency
        bytesPerSecond = gpu.hbmBytesPerSecond * p.memoryEfficiency
        fabricBytesPerSecond = gpu.scaleUpGBPerSecond * Self.bytesPerGB * p.fabricEfficiency
        scaleOutBytesPerSecond = gpu.scaleOutGBPerSecond * Self.bytesPerGB * p.fabricEfficiency
        launchTime = LayerKernels(model).perStep(model) * p.kernelLatency
        let native = gpu.peakFLOPS(precision.weights.math) > 0
        expansionPerByte = native ? 0 : p.dequantOpsPerWeight / (precision.weights.bytes * gpu.vectorTFLOPS * Self.flopsPerTFLOP)
        coverage = model.experts.map { ExpertCoverage(experts: $0.routed, perToken: $0.perToken, skew: deployment.routingSkew,
                                                       maxTokens: p.maxNumTokens + deployment.config.conc) }
        expertReplication = model.experts?.replication(ep: deployment.ep) ?? 1
        let draftPrecision = deployment.draftPrecision
        if deployment.draftTokens > 0, draftPrecision != precision {
            var draftDeployment = deployment
            draftDeployment.precision = draftPrecision
            draftCost = DraftCost(StepCostModel(draftDeployment))
        } else {
            draftCost = nil
        }

        // Under DP attention every rank holds attention, the dense MLPs and the shared experts
        // whole and runs them on its own sequences (`MemoryPlan`); only routed experts are split.
        let attentionShards = deployment.config.dp_attention ? 1.0 : t
        attentionWeights = model.attentionParameters * attentionWeightBytes(model, precision) / attentionShards
        attentionFLOPsPerToken = Self.flopsPerMultiplyAdd * model.attentionParameters / attentionShards
        mlpWeights = model.mlpParameters(model.intermediate) * precision.weights.bytes / attentionShards
        mlpFLOPsPerToken = Self.flopsPerMultiplyAdd * model.mlpParameters(model.intermediate) / attentionShards
        if let experts = model.experts {
            let shared = Double(experts.shared) * model.mlpParameters(experts.sharedIntermediate)
            expertWeights = model.mlpParameters(experts.intermediate) * precision.weights.bytes / t
            sharedWeights = shared * precision.weights.bytes / attentionShards
            sharedFLOPsPerToken = Self.flopsPerMultiplyAdd * shared / attentionShards
        } else {
            expertWeights = 0
            sharedWeights = 0
            sharedFLOPsPerToken = 0
        }
        // Kept in BF16 (MemoryPlan); vocabulary-parallel over TP, whole on every rank under DP attention.
        lmHeadWeights = Double(model.hidden * model.vocabulary) * bf16Bytes / attentionShards
        lmHeadFLOPsPerToken = Self.flopsPerMultiplyAdd * Double(model.hidden * model.vocabulary) / attentionShards
        mlpShare = shardEfficiency(Double(model.intermediate) / attentionShards)
        // Under TP each GPU holds a 1/TP slice of every expert's intermediate dimension; under EP whole experts.
        expertShare = model.experts.map { shardEfficiency(Double($0.intermediate) / Double(deployment.tp / deployment.ep)) } ?? 1
        sharedShare = model.experts.map { shardEfficiency(Double($0.sharedIntermediate * $0.shared) / attentionShards) } ?? 1
        linearWeights = model.linearAttentionParameters * attentionWeightBytes(model, precision) / attentionShards
        linearFLOPsPerToken = Self.flopsPerMultiplyAdd * model.linearAttentionParameters / attentionShards
        stateFLOPsPerToken = model.linear.map { linear in
            let state = Double(linear.valueHeads) * Double(linear.keyDim * linear.valueDim) / Double(deployment.memory.stateShards)
            return Self.stateProductsPerToken * Self.flopsPerMultiplyAdd * state * Double(model.linearLayers)
        } ?? 0
        // One FP8 key head: every rank scores all of its sequences' keys with its share of the heads.
        indexerFLOPsPerPair = model.sparse.map { Self.flopsPerMultiplyAdd * Double($0.indexerHeads * $0.indexerDim) / attentionShards } ?? 0
        indexerBytesPerContext = model.sparse?.keyBytesPerToken ?? 0
        let heads = Double(model.queryHeads) / attentionShards
        let kvBytes = precision.kv.bytes
        switch model.attention {
        case let .gqa(_, kvHeads, dim):
            decodeFLOPsPerContext = Self.attentionProductsPerPair * Self.flopsPerMultiplyAdd * heads * Double(dim)
            // KV heads are split across the attention shards, replicated when they outnumber them.
            let kvHeadsPerGPU = Double(kvHeads) / Double(min(Int(attentionShards), kvHeads))
            decodeBytesPerContext = Self.keyAndValue * kvHeadsPerGPU * Double(dim) * kvBytes
            prefillFLOPsPerPair = Self.attentionProductsPerPair * Self.flopsPerMultiplyAdd * heads * Double(dim)
        case let .mla(_, _, kvr, nope, rope, v):
            // Absorbed decode: each head scores the 576-wide latent (kvr + rope) and mixes 512 values (kvr).
            decodeFLOPsPerContext = Self.flopsPerMultiplyAdd * heads * Double(kvr + rope + kvr)
            decodeBytesPerContext = Double(kvr + rope) * kvBytes
            // Prefill with the up-projected heads: scores over nope + rope, values of width v.
            prefillFLOPsPerPair = Self.flopsPerMultiplyAdd * heads * Double(nope + rope + v)
        }
    }

    /// Linear-attention layers of one step: their projections, the state's products for every
    /// token, and each decoding sequence's state (`MemoryPlan.stateBytesPerSequence`) read and
    /// written once.
    func linearAttentionTime(_ batch: BatchShape, tokens: Double) -> Double {
        let model = deployment.model
        guard model.linearLayers > 0 else { return 0 }
        let sequences = Double(batch.decodeTokens) / Double(deployment.attentionRanks)
        let projections = gemm(tokens: tokens, weights: linearWeights, flopsPerToken: linearFLOPsPerToken,
                               width: Double(model.hidden), quantized: !model.unquantizedAttention)
        let state = rooflineTime(flops: tokens * stateFLOPsPerToken,
                                 bytes: sequences * Self.statePasses * deployment.memory.stateBytesPerSequence,
                                 flopsPerSecond: attentionRate, bytesPerSecond: bytesPerSecond)
        return Double(model.linearLayers) * projections + state
    }

    /// Work time of a GEMM of `tokens` rows over `weights` bytes with `flopsPerToken`, activations
    /// in and out; quantized weights that the tensor cores cannot consume are expanded on the
    /// vector units while the next tiles load (Marlin-style W4A16), a third overlapped resource.
    @inline(__always)
    func gemm(tokens: Double, weights: Double, flopsPerToken: Double, width: Double, share: Double = 1,
              quantized: Bool = true) -> Double {
        guard tokens > 0 else { return 0 }
        let p = deployment.profile
        let activationBytes = tokens * width * Self.activationPassesPerGEMM * deployment.precision.activations.bytes
        let compute = gemmComputeTime(tokens: tokens, rows: 1, flopsPerToken: flopsPerToken, rate: gemmRate,
                                      efficiency: p.gemmEfficiency * share, halfTokens: p.gemmHalfTokens)
        let expansion = quantized ? weights * expansionPerByte * expansionPasses(rowsPerWeight: tokens) : 0
        return overlapped(compute, (weights + activationBytes) / bytesPerSecond, expansion)
    }

    /// Times each weight is expanded when its GEMM has `rowsPerWeight` token rows: a W4A16 kernel
    /// expands a weight tile in registers for every block of `w4a16RowsPerBlock` rows it
    /// multiplies, so once for decode and M / 64 times for a long prefill chunk.
    @inline(__always)
    func expansionPasses(rowsPerWeight: Double) -> Double {
        max(1, rowsPerWeight / Self.w4a16RowsPerBlock)
    }

    /// Dispatch or combine of wide EP under DP attention, one-shot (DeepEP, MoRI, TensorRT-LLM's
    /// MNNVL kernels): each rank writes each of its `tokensPerRank` tokens once to every other
    /// rank holding one of its k experts (`expertDestinations`), `bytesPerValue` a hidden value,
    /// the rank's own experts served locally. Those copies spread evenly over the other t − 1
    /// ranks: (d − 1)/(t − 1) of them to the GPUs of its domain of d, the rest over the network,
    /// at once. The latency grows with the destinations, not with a ring's t − 1 hops.
    @inline(__always)
    func allToAll(tokensPerRank: Double, experts: ModelArchitecture.Experts, bytesPerValue: Double) -> Double {
        let p = deployment.profile, t = Double(deployment.tp), d = Double(min(deployment.tp, deployment.gpu.domainGPUs))
        let destinations = expertDestinations(ranks: t, perToken: Double(experts.perToken))
        let perRank = tokensPerRank * destinations * Double(deployment.model.hidden) * bytesPerValue
        let transfer = max(perRank * (d - 1) / (t - 1) / fabricBytesPerSecond, perRank * (t - d) / (t - 1) / scaleOutBytesPerSecond)
        return p.allReduceBase + p.allReducePerHop * destinations + transfer
    }

    /// All-gather (or reduce-scatter) of the engine's `bytes` of activations over its TP ranks, in
    /// one domain: under DP attention without expert parallelism every rank runs its slice of every
    /// expert on every rank's tokens, so the tokens are gathered before the MoE layer and its
    /// outputs reduced and scattered back after (TensorRT-LLM's attention DP with MoE TP, whose
    /// all-to-all is "NotEnabled" at EP 1; SGLang's DP attention without an all-to-all backend).
    /// A ring of one phase: α(t) and (t − 1)/t of the message over the scale-up fabric.
    @inline(__always)
    func gather(bytes: Double) -> Double { ring(bytes: bytes, ranks: deployment.tp, phases: 1) }

    /// Ring all-reduce of `bytes` over `ranks` GPUs: a reduce-scatter and an all-gather, 2(t−1)/t
    /// of the message.
    @inline(__always)
    func allReduce(bytes: Double, ranks: Int) -> Double { ring(bytes: bytes, ranks: ranks, phases: Self.ringPhases) }

    /// A ring collective of `phases` passes over `ranks` GPUs: latency α(t) = base + per hop ×
    /// (t − 1), plus phases × (t−1)/t of the message over the scale-up fabric, or over the
    /// scale-out network when the ranks span several domains.
    @inline(__always)
    func ring(bytes: Double, ranks: Int, phases: Double) -> Double {
        guard ranks > 1 else { return 0 }
        let p = deployment.profile, t = Double(ranks)
        // A ring over several domains steps in lockstep through its hops between them, so each
        // GPU's scale-out link sets the pace (NCCL runs one ring per NIC rail).
        let link = ranks > deployment.gpu.domainGPUs ? scaleOutBytesPerSecond : fabricBytesPerSecond
        return p.allReduceBase + p.allReducePerHop * (t - 1) + phases * (t - 1) / t * bytes / link
    }

    /// Time of one step processing `batch`: its device work and, after it, the host's (`overhead`).
    /// Under an overlap scheduler the host prepares a decoding step while the GPU still runs the
    /// one before, so only the host work the device work does not cover shows:
    /// overhead = max(0, host − device). A prefill-only step pays its host work in full, as the
    /// disaggregated recipes launch their context servers without the overlap.
    public func time(_ batch: BatchShape) -> StepTime {
        var step = work(batch)
        if deployment.profile.overlapScheduler, batch.decodeTokens > 0 {
            step.overhead = max(0, step.overhead - step.device)
        }
        return step
    }

    /// The device and host work of one step processing `batch`. Under speculative decoding every
    /// decoding sequence verifies its drafted tokens plus one in the full model, after the draft
    /// module ran once per drafted token: one layer, the LM head, and around them the module's own
    /// projection and kernels (`draftModuleKernels`, `draftProjectionInputs`).
    func work(_ batch: BatchShape) -> StepTime {
        let drafts = deployment.draftTokens
        guard drafts > 0, batch.decodeTokens > 0 else { return forward(batch, verify: 1) }
        var step = forward(batch, verify: Double(drafts + 1))
        step.accumulate((draftCost?.model.draft(batch) ?? draft(batch)).scaled(by: Double(drafts)))
        return step
    }

    /// One pass of the MTP module over `batch`'s decoding sequences, in this model's formats: its
    /// layer (a layer's share of a forward pass), the LM head, the module's own kernels, and the
    /// projection of [hidden; embedding] each rank runs for its own sequences (all of them under TP).
    func draft(_ batch: BatchShape) -> StepTime {
        var draftBatch = BatchShape()
        draftBatch.decodeTokens = batch.decodeTokens
        draftBatch.decodeContext = batch.decodeContext
        draftBatch.decodeContextWindowed = batch.decodeContextWindowed
        draftBatch.sampled = batch.decodeTokens
        let pass = forward(draftBatch, verify: 1)
        let layers = Double(deployment.model.layers)
        let hidden = Double(deployment.model.hidden), projection = Self.draftProjectionInputs * hidden * hidden
        var step = StepTime()
        step.linear = pass.linear / layers + gemm(tokens: Double(batch.decodeTokens) / Double(deployment.attentionRanks),
                                                  weights: projection * bf16Bytes, flopsPerToken: Self.flopsPerMultiplyAdd * projection,
                                                  width: hidden, quantized: false)
        step.attention = pass.attention / layers
        step.moe = pass.moe / Double(max(deployment.model.moeLayers, 1))
        step.communication = pass.communication / layers
        step.launch = pass.launch / layers + Self.draftModuleKernels * deployment.profile.kernelLatency
        step.lmHead = pass.lmHead
        return step
    }

    /// One forward pass where each decoding sequence carries `verify` tokens.
    func forward(_ batch: BatchShape, verify: Double) -> StepTime {
        let model = deployment.model, p = deployment.profile
        let tokens = Double(batch.decodeTokens) * verify + Double(batch.prefillTokens)
        var step = StepTime()
        step.overhead = p.stepOverhead + p.perSequence * Double(batch.sequences)
        guard tokens > 0 else { return step }
        step.launch = launchTime
        let ranks = Double(deployment.attentionRanks)
        let hidden = Double(model.hidden)
        let layers = Double(model.layers)
        let softmax = Double(model.softmaxLayers), windowed = Double(model.windowedReadLayers)

        // Attention projections: per rank under DP attention, sharded by TP otherwise.
        let attentionTokens = tokens / ranks
        step.linear += softmax * gemm(tokens: attentionTokens, weights: attentionWeights, flopsPerToken: attentionFLOPsPerToken,
                                      width: hidden, quantized: !model.unquantizedAttention)
        step.attention += linearAttentionTime(batch, tokens: attentionTokens)

        // Attention kernels: decode reads KV (windowed or top-k layers at most readWindow tokens
        // per query), prefill is compute-bound; a sparse model's indexer scores every cached key.
        let full = softmax - windowed
        let context = (full * Double(batch.decodeContext) + windowed * Double(batch.decodeContextWindowed)) / ranks
        let indexed = softmax * Double(batch.decodeContext) / ranks
        if batch.decodeTokens > 0 {
            step.attention += rooflineTime(flops: verify * (context * decodeFLOPsPerContext + indexed * indexerFLOPsPerPair),
                                           bytes: context * decodeBytesPerContext + indexed * indexerBytesPerContext,
                                           flopsPerSecond: attentionRate, bytesPerSecond: bytesPerSecond)
        }
        if batch.prefillTokens > 0 {
            let pairs = (full * batch.prefillPairs + windowed * batch.prefillPairsWindowed) / ranks
            step.attention += (pairs * prefillFLOPsPerPair + softmax * batch.prefillPairs / ranks * indexerFLOPsPerPair) / attentionRate
            if batch.decodeTokens > 0 { step.launch += softmax * p.kernelLatency }  // a second attention kernel
        }

        // MLP: dense layers (per rank under DP attention, as attention), then expert layers.
        if model.denseLayers > 0 {
            step.linear += Double(model.denseLayers) * gemm(tokens: attentionTokens, weights: mlpWeights, flopsPerToken: mlpFLOPsPerToken,
                                                            width: hidden, share: mlpShare)
        }
        if let experts = model.experts {
            step.moe = Double(model.moeLayers) * moeLayerTime(tokens: tokens, experts: experts)
        }

        // Norms, rotary embedding with KV append, activation: BF16 activations through HBM.
        step.elementwise = layers * Self.elementwiseKernelsPerLayer * attentionTokens * hidden * bf16Bytes * Self.elementwisePasses
            / bytesPerSecond

        // Collectives: two all-reduces per layer under TP; under DP attention, around each MoE layer,
        // dispatch + combine with expert parallelism, or an all-gather + reduce-scatter without. The
        // first carries the GEMMs' input format, the second sums the experts' outputs in BF16
        // (DeepEP: "FP8 dispatching and BF16 combining"; MoRI and TensorRT-LLM's all-to-all alike).
        if deployment.config.dp_attention {
            if let experts = model.experts, deployment.tp > 1 {
                let exchange = { (bytesPerValue: Double) -> Double in
                    self.deployment.ep > 1 ? self.allToAll(tokensPerRank: attentionTokens, experts: experts, bytesPerValue: bytesPerValue)
                                           : self.gather(bytes: tokens * hidden * bytesPerValue)
                }
                step.communication = Double(model.moeLayers) * (exchange(deployment.precision.activations.bytes) + exchange(bf16Bytes))
            }
        } else {
            // Messages of BF16 activations.
            step.communication = layers * Self.allReducesPerLayer * allReduce(bytes: tokens * hidden * bf16Bytes, ranks: deployment.tp)
        }

        // LM head for the sampled tokens: vocabulary-parallel over TP; under DP attention each rank
        // projects its own sequences' tokens through the whole head.
        step.lmHead = gemm(tokens: (Double(batch.sampled) + Double(batch.decodeTokens) * (verify - 1)) / ranks, weights: lmHeadWeights,
                           flopsPerToken: lmHeadFLOPsPerToken, width: hidden, quantized: false)
        return step
    }

    /// Expert slots whose weights a batch of `tokens` reads in one MoE layer, over the engine: the
    /// distinct experts touched, each in as many copies as redundant slots give it on average (the
    /// copies go to the popular experts a batch touches first), at most every slot.
    func slotsRead(tokens: Double, experts: ModelArchitecture.Experts) -> Double {
        min(Double(experts.routed), coverage?(tokens) ?? 0) * expertReplication
    }

    /// One MoE layer's work: grouped GEMMs over the expert slots the batch reads (weights read
    /// once per slot), with the busiest EP rank setting the pace, and the shared experts (each
    /// rank on its own sequences under DP attention).
    func moeLayerTime(tokens: Double, experts: ModelArchitecture.Experts) -> Double {
        let k = Double(experts.perToken)
        let touched = slotsRead(tokens: tokens, experts: experts)
        let perExpertFLOPs = Self.flopsPerMultiplyAdd * deployment.model.mlpParameters(experts.intermediate) / Double(deployment.tp)
        let imbalance = expertImbalance(tokens: tokens, perToken: k, ranks: Double(deployment.ep))
        let p = deployment.profile
        let routedTokens = tokens * k
        let activationBytes = routedTokens * Double(deployment.model.hidden) * Self.groupedGEMMsPerExpert * Self.activationPassesPerGEMM
            * deployment.precision.activations.bytes
        let compute = gemmComputeTime(tokens: routedTokens * imbalance, rows: touched, flopsPerToken: perExpertFLOPs, rate: gemmRate,
                                      efficiency: p.gemmEfficiency * expertShare, halfTokens: p.gemmHalfTokens)
        let rowsPerExpert = routedTokens * imbalance / max(touched, 1)
        let expansion = touched * expertWeights * expansionPerByte * expansionPasses(rowsPerWeight: rowsPerExpert)
        let routed = overlapped(compute, (touched * expertWeights + activationBytes) / bytesPerSecond, expansion)
        let shared = experts.shared > 0
            ? gemm(tokens: tokens / Double(deployment.attentionRanks), weights: sharedWeights, flopsPerToken: sharedFLOPsPerToken,
                   width: Double(deployment.model.hidden), share: sharedShare)
            : 0
        return routed + shared
    }
}

/// The MTP layer's cost model, held by reference so that a cost model can hold another.
final class DraftCost: Sendable {
    let model: StepCostModel
    init(_ model: StepCostModel) { self.model = model }
}

/// Expected number of other ranks that one token's `k` experts live on when they spread
/// uniformly over `t` EP ranks: (t − 1)·(1 − (1 − 1/t)^k), each other rank holding at least one of
/// the k with probability 1 − (1 − 1/t)^k. A one-shot all-to-all writes the token once to each:
/// DeepSeek-R1 (k = 8) reaches 4.6 of 7 other ranks at EP 8 and 7.3 of 47 at EP 48, so its latency
/// barely grows past EP 16, as measured (GB300 Dynamo-SGLang decode, 1k/1k, about 457 sequences:
/// TPOT 13.7 ms at DEP 32, 13.4 ms at DEP 48; docs/VALIDATION.md).
func expertDestinations(ranks t: Double, perToken k: Double) -> Double {
    guard t > 1 else { return 0 }
    return (t - 1) * (1 - Foundation.pow(1 - 1 / t, k))
}

/// Expected busiest-rank load over the mean when `tokens`·k assignments spread uniformly over
/// `ranks` EP ranks: 1 + √(2 ln r · (r − 1) / (T·k)) (Gaussian maximum of binomial loads), at most r.
func expertImbalance(tokens: Double, perToken k: Double, ranks r: Double) -> Double {
    guard r > 1, tokens > 0 else { return 1 }
    return min(r, 1 + (2 * Foundation.log(r) * (r - 1) / (tokens * k)).squareRoot())
}
