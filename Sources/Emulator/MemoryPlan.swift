import Catalog

/// What one engine's GPUs hold: weights, then the KV cache in what is left (MODELING.md, Memory).
///
/// Per GPU, free bytes = HBM × usable fraction − weight bytes − runtime reserve; the engine's KV
/// capacity is that times the ranks that hold distinct sequences (TP under DP attention, else 1,
/// since TP ranks hold shards of the same sequences). A sequence of n tokens occupies
/// (full layers · n + sliding layers · min(n, window)) × KV bytes per token per layer. Bytes
/// throughout; HBM datasheet GB are GiB (`GPU.hbmBytes`).
public struct MemoryPlan: Sendable {
    /// Weight bytes held by each GPU.
    public let weightBytesPerGPU: Double
    /// KV bytes of one token in one layer on one GPU.
    public let kvBytesPerLayerToken: Double
    /// KV-cache bytes available to the engine, summed over the GPUs that hold distinct sequences.
    public let kvCapacityBytes: Double
    let fullLayers: Double
    let slidingLayers: Double
    let slidingWindow: Int?

    /// Fails, saying what does not fit and by how many GB, when weights and workspace leave the engine's
    /// fraction of HBM no room for the KV of one longest request.
    init(_ config: ServingConfiguration, gpu: GPU, model: ModelArchitecture, precision: Precision,
         profile: FrameworkProfile) throws(InputError) {
        let t = Double(config.tp)
        let layers = Double(model.layers)
        let attentionBytes = layers * model.attentionParameters * attentionWeightBytes(model, precision)
        let mlpBytes = (Double(model.denseLayers) * model.mlpParameters(model.intermediate)
            + Double(model.moeLayers) * (model.routedExpertParameters + model.sharedExpertParameters)) * precision.weights.bytes
        let embeddingBytes = model.embeddingParameters * bf16Bytes  // every checkpoint here keeps embeddings in BF16
        weightBytesPerGPU = (config.dp_attention ? attentionBytes : attentionBytes / t) + (mlpBytes + embeddingBytes) / t

        let perLayerToken = Double(model.kvElementsPerTokenPerLayer) * precision.kv.bytes
        switch model.attention {
        case let .gqa(_, kvHeads, _):
            // KV heads are split across TP ranks, replicated when TP exceeds their number.
            let shards = config.dp_attention ? 1 : min(config.tp, kvHeads)
            kvBytesPerLayerToken = perLayerToken / Double(shards)
        case .mla:
            kvBytesPerLayerToken = perLayerToken  // the latent is shared by all heads: every rank holds it whole
        }
        fullLayers = Double(model.layers - model.slidingLayers)
        slidingLayers = Double(model.slidingLayers)
        slidingWindow = model.slidingWindow
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

    /// KV bytes a sequence of `tokens` occupies (sliding-window layers hold at most the window).
    public func kvBytes(forTokens tokens: Int) -> Double {
        let full = fullLayers * Double(tokens)
        let windowed = slidingLayers * Double(min(tokens, slidingWindow ?? tokens))
        return (full + windowed) * kvBytesPerLayerToken
    }

    /// Tokens the KV cache holds: capacity over the bytes of one token (all layers), rounded down.
    public var kvCapacityTokens: Int { Int(kvCapacityBytes / kvBytes(forTokens: 1)) }
}

/// Bytes of one BF16 value (weights kept unquantized, activations the kernels exchange).
let bf16Bytes = 2.0

/// Bytes per attention weight: BF16 when the checkpoint keeps attention unquantized (gpt-oss).
func attentionWeightBytes(_ model: ModelArchitecture, _ precision: Precision) -> Double {
    model.unquantizedAttention ? bf16Bytes : precision.weights.bytes
}
