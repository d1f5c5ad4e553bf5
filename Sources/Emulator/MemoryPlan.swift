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

    /// Fails, saying what did not fit, when the weights leave no room for one longest request's KV.
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
        let free = gpu.hbmBytes * profile.memoryFraction - weightBytesPerGPU - profile.runtimeReserveBytes
        kvCapacityBytes = free * Double(config.dp_attention ? config.tp : 1)
        guard free > 0, kvCapacityBytes >= kvBytes(forTokens: config.isl + config.osl) else {
            let need = weightBytesPerGPU * t / 1e9, perGPU = weightBytesPerGPU / 1e9
            throw InputError(key: "model", problem: "\(model.id) does not fit: needs \(need.fixed(0)) GB of weights; "
                + "\(gpu.id) has \(gpu.hbmGB.fixed(0)) GB per GPU × TP \(config.tp) (per GPU: \(perGPU.fixed(1)) GB "
                + "of weights, \((profile.runtimeReserveBytes / 1e9).fixed(1)) GB runtime reserve, KV for one "
                + "\(config.isl + config.osl)-token request)")
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
