import Foundation

/// A transformer's architecture as the cost model sees it, read from a Hugging Face `config.json`
/// (`HuggingFaceConfig`): the attention of each layer kind, the MLP of dense and expert layers,
/// the embeddings, and multi-token-prediction modules. Counts, not per-layer lists: every cost
/// is a sum over layers of one kind (MODELING.md, Model architectures).
public struct ModelArchitecture: Sendable, Equatable {
    /// The projections of a softmax-attention layer.
    public enum Attention: Sendable, Equatable {
        /// Grouped-query attention: query heads, KV heads, head dimension.
        case gqa(queryHeads: Int, kvHeads: Int, headDim: Int)
        /// Multi-head latent attention (DeepSeek-V2/V3, Kimi K2, GLM-5).
        case mla(heads: Int, qLoraRank: Int, kvLoraRank: Int, qkNopeDim: Int, qkRopeDim: Int, vDim: Int)
    }

    public struct Experts: Sendable, Equatable {
        public var routed: Int
        public var perToken: Int
        public var shared: Int
        /// Intermediate size of one routed expert.
        public var intermediate: Int
        /// Intermediate size of one shared expert (Qwen3.5: `shared_expert_intermediate_size`).
        public var sharedIntermediate: Int

        /// Physical expert slots of an engine of `ep` expert-parallel ranks: the routed experts,
        /// rounded up to a multiple of `ep` so that every rank holds the same number, ⌈E / ep⌉.
        /// The extra slots hold copies of the most popular experts: SGLang's
        /// `--ep-num-redundant-experts`, TensorRT-LLM's MoE load balancer `num_slots`, vLLM's
        /// `--num-redundant-experts` (DeepSeek-R1's 256 experts on EP 48 or 72: 288 slots, the
        /// count of SGLang's and TensorRT-LLM's wide-EP recipes).
        public func slots(ep: Int) -> Int { (routed + ep - 1) / ep * ep }

        /// Copies of an expert on average, slots / E: 1 when `ep` divides the routed experts.
        public func replication(ep: Int) -> Double { Double(slots(ep: ep)) / Double(routed) }
    }

    /// How windowed layers limit what a query sees: the last W tokens (sliding, gpt-oss), or the
    /// tokens of its own chunk of W (chunked, Llama 4's `attention_chunk_size`). Either keeps at
    /// most W tokens of KV; the cost model charges a chunked layer as a window of W, an upper
    /// bound (a query sees W/2 tokens of its chunk on average).
    public enum WindowKind: String, Sendable, Equatable { case sliding, chunked }

    /// A linear-attention layer (Gated DeltaNet: Qwen3-Next, Qwen3.5): no KV cache, a fixed
    /// state of valueHeads × keyDim × valueDim per sequence, updated once per token.
    /// Yang, Kautz & Hatamizadeh, "Gated Delta Networks" (arXiv:2412.06464).
    public struct LinearAttention: Sendable, Equatable {
        public var keyHeads: Int
        public var valueHeads: Int
        public var keyDim: Int
        public var valueDim: Int
        /// Width of the causal convolution over q, k and v (`linear_conv_kernel_dim`).
        public var convKernel: Int
        /// Bytes of one state element (`mamba_ssm_dtype`: float32 → 4).
        public var stateBytes: Double

        var keyWidth: Int { keyHeads * keyDim }
        var valueWidth: Int { valueHeads * valueDim }

        /// in_proj_qkvz (q, k, v, output gate z), in_proj_ba (β, α per value head), the depthwise
        /// convolution over q, k, v, and out_proj.
        func parameters(hidden: Int) -> Double {
            let d = Double(hidden), keys = Double(keyWidth), values = Double(valueWidth)
            return d * (2 * keys + 2 * values) + d * 2 * Double(valueHeads) + (2 * keys + values) * Double(convKernel) + values * d
        }

        /// State elements of one sequence: the recurrent state plus the convolution's last
        /// kernel − 1 inputs.
        public var stateElements: Double {
            Double(valueHeads) * Double(keyDim) * Double(valueDim) + Double(2 * keyWidth + valueWidth) * Double(convKernel - 1)
        }
    }

    /// DeepSeek sparse attention (DeepSeek-V3.2, GLM-5): a lightning indexer scores every cached
    /// token with `indexerHeads` heads of `indexerDim` (FP8 keys), and the main attention reads
    /// only the top `topK`. The KV cache keeps every token. DeepSeek-AI, "DeepSeek-V3.2-Exp:
    /// Boosting long-context efficiency with DeepSeek sparse attention" (2025).
    public struct SparseAttention: Sendable, Equatable {
        public var topK: Int
        public var indexerHeads: Int
        public var indexerDim: Int

        /// Indexer key bytes per token and layer: FP8 keys plus one FP32 scale per 128 values.
        public var keyBytesPerToken: Double { Double(indexerDim) + 4 * Double((indexerDim + 127) / 128) }

        /// wq_b (from the query latent), wk and the per-head weights, for a model of `hidden`
        /// whose queries pass through a latent of `queryRank`.
        func parameters(hidden: Int, queryRank: Int) -> Double {
            Double(queryRank) * Double(indexerHeads * indexerDim) + Double(hidden) * Double(indexerDim + indexerHeads)
        }
    }

    public var id: String
    /// The config's `model_type` (the family the reader recognized it as).
    public var family: String
    public var layers: Int
    public var hidden: Int
    public var vocabulary: Int
    public var attention: Attention
    /// A sigmoid gate on the attention output, projected with the queries (`attn_output_gate`).
    public var queryGate: Bool = false
    /// Dense MLP intermediate size (the dense layers of an MoE model too).
    public var intermediate: Int
    public var experts: Experts?
    /// Layers with a dense MLP (all of a dense model; DeepSeek's first 3; Llama 4's every other).
    public var denseLayers: Int
    /// Window in tokens of the windowed softmax layers, and how many layers use it.
    public var slidingWindow: Int?
    public var slidingLayers: Int
    public var windowKind: WindowKind = .sliding
    /// Linear-attention layers and their shape (hybrid models).
    public var linear: LinearAttention? = nil
    public var linearLayers: Int = 0
    /// Sparse top-k selection on every softmax layer.
    public var sparse: SparseAttention? = nil
    /// The LM head shares the input embedding (`tie_word_embeddings`).
    public var tiedEmbeddings: Bool = false
    /// Modules the checkpoint keeps unquantized (`quantization_config.modules_to_not_convert`).
    public var unquantizedAttention: Bool
    /// Multi-token-prediction layers shipped with the model (DeepSeek: 1).
    public var mtpLayers: Int
    /// The longest sequence the model was trained for (`max_position_embeddings`), tokens.
    public var contextLength: Int? = nil
    /// The checkpoint's quantization, as its config or `hf_quant_config.json` states it.
    public var checkpoint: String? = nil
    public var source: String
    /// The published figures a catalog model is checked against (`card.toml`); nil for a user's config.
    public var card: ModelCard? = nil

    /// Layers whose MLP is a mixture of experts.
    public var moeLayers: Int { layers - denseLayers }

    /// Layers with softmax attention (full, windowed or sparse).
    public var softmaxLayers: Int { layers - linearLayers }

    /// Softmax layers that attend over the whole context.
    public var fullLayers: Int { softmaxLayers - slidingLayers }

    /// The most tokens one query of a softmax layer reads: the window, or the sparse top-k
    /// (nil: the whole context). Memory keeps every token under sparse attention.
    public var readWindow: Int? { slidingWindow ?? sparse?.topK }

    /// Softmax layers that read at most `readWindow` tokens per query.
    public var windowedReadLayers: Int { sparse == nil ? slidingLayers : softmaxLayers }

    /// Query heads (MLA: attention heads).
    public var queryHeads: Int {
        switch attention {
        case let .gqa(heads, _, _): heads
        case let .mla(heads, _, _, _, _, _): heads
        }
    }

    /// Parameters of one softmax layer's attention block, with its sparse indexer.
    public var attentionParameters: Double {
        switch attention {
        case let .gqa(q, kv, dim):
            let d = Double(hidden), queries = Double(q * dim) * (queryGate ? 2 : 1)
            return d * (queries + Double(2 * kv * dim)) + Double(q * dim) * d
        case let .mla(h, qr, kvr, nope, rope, v):
            // Doubles throughout: a config's sizes multiply past Int's range long before they are absurd.
            let d = Double(hidden), heads = Double(h), rank = Double(qr)
            let query = qr > 0 ? d * rank + rank * heads * Double(nope + rope) : d * heads * Double(nope + rope)
            let kvA = d * Double(kvr + rope), kvB = Double(kvr) * heads * Double(nope + v)
            let indexer = sparse?.parameters(hidden: hidden, queryRank: qr) ?? 0
            return query + kvA + kvB + heads * Double(v) * d + indexer
        }
    }

    /// Parameters of one linear-attention layer's token mixer.
    public var linearAttentionParameters: Double { linear?.parameters(hidden: hidden) ?? 0 }

    /// Parameters of a gated MLP of intermediate size `size`: 3·d·size.
    public func mlpParameters(_ size: Int) -> Double { 3 * Double(hidden) * Double(size) }

    /// Parameters of all routed experts of one MoE layer.
    public var routedExpertParameters: Double {
        guard let experts else { return 0 }
        return Double(experts.routed) * mlpParameters(experts.intermediate)
    }

    /// Shared-expert and router parameters of one MoE layer.
    public var sharedExpertParameters: Double {
        guard let experts else { return 0 }
        return Double(experts.shared) * mlpParameters(experts.sharedIntermediate) + Double(hidden) * Double(experts.routed)
    }

    /// Input embedding plus LM head (one matrix when tied).
    public var embeddingParameters: Double { (tiedEmbeddings ? 1 : 2) * Double(hidden) * Double(vocabulary) }

    /// Token-mixing parameters of all layers.
    var mixerParameters: Double { Double(softmaxLayers) * attentionParameters + Double(linearLayers) * linearAttentionParameters }

    /// Total parameters (MTP layers and vision encoders excluded).
    public var totalParameters: Double {
        mixerParameters + Double(denseLayers) * mlpParameters(intermediate)
            + Double(moeLayers) * (routedExpertParameters + sharedExpertParameters) + embeddingParameters
    }

    /// Parameters one token passes through: every routed expert replaced by the `perToken`
    /// chosen ones. Embeddings included (input lookup and LM head), as most model cards count.
    public var activeParameters: Double {
        let routedActive = experts.map { Double($0.perToken) * mlpParameters($0.intermediate) } ?? 0
        return mixerParameters + Double(denseLayers) * mlpParameters(intermediate)
            + Double(moeLayers) * (routedActive + sharedExpertParameters) + embeddingParameters
    }

    /// KV-cache elements per token per softmax layer for the whole model (all heads).
    public var kvElementsPerTokenPerLayer: Int {
        switch attention {
        case let .gqa(_, kv, dim): 2 * kv * dim
        case let .mla(_, _, kvr, _, rope, _): kvr + rope
        }
    }
}
