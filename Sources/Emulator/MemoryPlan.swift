import Catalog

/// What one engine's GPUs hold: weights, then the KV cache in what is left (MODELING.md, Memory).
///
/// Per GPU, free bytes = HBM × usable fraction − weight bytes − runtime reserve; the engine's KV
/// capacity is that times the ranks that hold distinct sequences (TP under DP attention, else 1,
/// since TP ranks hold shards of the same sequences). A sequence of n tokens occupies
/// (full layers · n + windowed layers · min(n, window)) × KV bytes per token per layer, plus the
/// sparse indexer's keys (softmax layers · n × their bytes) and the fixed state of each
/// linear-attention layer. Bytes throughout; HBM datasheet GB are GiB (`GPU.hbmBytes`).
public struct MemoryPlan: Sendable {
    /// Weight bytes held by each GPU.
    public let weightBytesPerGPU: Double
    /// KV bytes of one token in one layer on one GPU.
    public let kvBytesPerLayerToken: Double
    /// KV-cache bytes available to the engine, summed over the GPUs that hold distinct sequences.
    public let kvCapacityBytes: Double
    /// Sparse-indexer key bytes of one token (all softmax layers), on one GPU.
    public let indexerBytesPerToken: Double
    /// Linear-attention state bytes of one sequence (all linear layers), on one GPU.
    public let stateBytesPerSequence: Double
    /// GPUs that split each linear-attention state (by value heads): TP, at most the heads; 1
    /// under DP attention.
    public let stateShards: Int
    let fullLayers: Double
    let slidingLayers: Double
    let slidingWindow: Int?

    /// Fails, saying what does not fit and by how many GB, when weights and workspace leave the engine's
    /// fraction of HBM no room for the KV of one longest request.
    init(_ config: ServingConfiguration, gpu: GPU, model: ModelArchitecture, precision: Precision,
         profile: FrameworkProfile) throws(InputError) {
        let t = Double(config.tp)
        let attentionBytes = (Double(model.softmaxLayers) * model.attentionParameters
            + Double(model.linearLayers) * model.linearAttentionParameters) * attentionWeightBytes(model, precision)
        let replication = model.experts?.replication(ep: config.ep) ?? 1  // redundant expert slots
        let routedBytes = Double(model.moeLayers) * model.routedExpertParameters * replication * precision.weights.bytes
        let denseMLPBytes = (Double(model.denseLayers) * model.mlpParameters(model.intermediate)
            + Double(model.moeLayers) * model.sharedExpertParameters) * precision.weights.bytes
        let embeddingBytes = model.embeddingParameters * bf16Bytes  // every checkpoint here keeps embeddings in BF16
        // Under DP attention each rank holds attention, embedding, LM head, dense MLPs and shared
        // experts whole, and a shard of the routed experts. SGLang's DeepSeek builds its embedding
        // without TP under DP attention, its LM head over the attention group with
        // --enable-dp-lm-head and its dense MLPs whole with --moe-dense-tp-size 1, as the wide-EP
        // recipes launch it (srt-slurm recipes/b200-fp8/*/mtp/max-tpt-dep8-*.yaml), and its shared
        // experts whole beside an all-to-all backend (DeepEP, MoRI); TensorRT-LLM's DeepSeek-V3
        // gives its dense and shared MLPs TP 1 under attention DP (modeling_deepseekv3.py,
        // `_compute_shared_expert_tp_size`: "If using attention DP, the shared experts also use DP").
        let replicated = attentionBytes + embeddingBytes + denseMLPBytes
        weightBytesPerGPU = (config.dp_attention ? replicated : replicated / t) + routedBytes / t

        let perLayerToken = Double(model.kvElementsPerTokenPerLayer) * precision.kv.bytes
        switch model.attention {
        case let .gqa(_, kvHeads, _):
            // KV heads are split across TP ranks, replicated when TP exceeds their number.
            let shards = config.dp_attention ? 1 : min(config.tp, kvHeads)
            kvBytesPerLayerToken = perLayerToken / Double(shards)
        case .mla:
            kvBytesPerLayerToken = perLayerToken  // the latent is shared by all heads: every rank holds it whole
        }
        fullLayers = Double(model.fullLayers)
        slidingLayers = Double(model.slidingLayers)
        slidingWindow = model.slidingWindow
        // One indexer key head: every rank holds it whole, as MLA's latent.
        indexerBytesPerToken = Double(model.softmaxLayers) * (model.sparse?.keyBytesPerToken ?? 0)
        // Value heads (and their states) are split across TP ranks, replicated when they outnumber the heads.
        stateShards = config.dp_attention ? 1 : min(config.tp, model.linear?.valueHeads ?? config.tp)
        let stateBytes = model.linear.map { Double(model.linearLayers) * $0.stateElements * $0.stateBytes } ?? 0
        stateBytesPerSequence = stateBytes / Double(stateShards)
        let usable = gpu.hbmBytes * profile.memoryFraction
        let free = usable - weightBytesPerGPU - profile.runtimeReserveBytes
        kvCapacityBytes = free * Double(config.dp_attention ? config.tp : 1)
        // One longest request must fit on one GPU: its whole latent (MLA) or its shard of KV heads.
        let minimumKV = kvBytes(forTokens: config.isl + config.osl)
        guard free >= minimumKV else {
            func gb(_ bytes: Double) -> String { (bytes / 1e9).fixed(1) }
            throw InputError(key: "model", problem: "\(model.id) \(config.precision) does not fit on \(config.tp) × \(gpu.id) "
                + "(TP \(config.tp)): needs \(gb(weightBytesPerGPU)) GB per GPU of weights + \(gb(profile.runtimeReserveBytes)) GB "
                + "workspace + \(gb(minimumKV)) GB KV for one \(config.isl + config.osl)-token request, the engine may use "
                + "\(gb(usable)) GB of \(gb(gpu.hbmBytes)) GB (\(gpu.hbmGB.fixed(0)) GiB; \(profile.memoryFractionOption) "
                + "\(profile.memoryFraction.fixed(2))): \(gb(minimumKV - free)) GB short")
        }
    }

    /// Cache bytes a sequence of `tokens` occupies (windowed layers hold at most the window;
    /// linear-attention layers a fixed state).
    public func kvBytes(forTokens tokens: Int) -> Double {
        footprint.bytes(context: tokens, windowed: min(tokens, slidingWindow ?? tokens), sequences: tokens > 0 ? 1 : 0)
    }

    /// What the cache of many sequences occupies, from sums over them (`KVFootprint`).
    public var footprint: KVFootprint {
        KVFootprint(fullLayers: fullLayers, windowedLayers: slidingLayers, perLayerToken: kvBytesPerLayerToken,
                    indexerPerToken: indexerBytesPerToken, perSequence: stateBytesPerSequence)
    }

    /// Tokens the KV cache holds: capacity over the bytes of one more token (all layers),
    /// rounded down; a linear-attention state is per sequence, not per token.
    public var kvCapacityTokens: Int {
        Int(kvCapacityBytes / max(kvBytes(forTokens: 1) - stateBytesPerSequence, 1))
    }
}

/// Bytes of one BF16 value (weights kept unquantized, activations the kernels exchange).
let bf16Bytes = 2.0

/// Bytes per attention weight: BF16 when the checkpoint keeps attention unquantized (gpt-oss).
func attentionWeightBytes(_ model: ModelArchitecture, _ precision: Precision) -> Double {
    model.unquantizedAttention ? bf16Bytes : precision.weights.bytes
}
