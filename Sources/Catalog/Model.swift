import Foundation

/// A transformer's architecture, read from a Hugging Face `config.json`. Three families are
/// understood: dense GQA (Llama), MoE with alternating sliding-window attention (gpt-oss), and
/// MLA with routed + shared experts and leading dense layers (DeepSeek-V3/R1).
public struct ModelArchitecture: Sendable, Equatable {
    public enum Attention: Sendable, Equatable {
        /// Grouped-query attention: query heads, KV heads, head dimension.
        case gqa(queryHeads: Int, kvHeads: Int, headDim: Int)
        /// Multi-head latent attention (DeepSeek-V2/V3).
        case mla(heads: Int, qLoraRank: Int, kvLoraRank: Int, qkNopeDim: Int, qkRopeDim: Int, vDim: Int)
    }

    public struct Experts: Sendable, Equatable {
        public var routed: Int
        public var perToken: Int
        public var shared: Int
        /// Intermediate size of one expert.
        public var intermediate: Int
    }

    public var id: String
    public var layers: Int
    public var hidden: Int
    public var vocabulary: Int
    public var attention: Attention
    /// Dense MLP intermediate size (the dense layers of an MoE model too).
    public var intermediate: Int
    public var experts: Experts?
    /// Leading layers with a dense MLP in an MoE model (DeepSeek: 3).
    public var denseLayers: Int
    /// Sliding window in tokens, and how many layers use it.
    public var slidingWindow: Int?
    public var slidingLayers: Int
    /// Modules the checkpoint keeps unquantized (`quantization_config.modules_to_not_convert`).
    public var unquantizedAttention: Bool
    /// Multi-token-prediction layers shipped with the model (DeepSeek: 1).
    public var mtpLayers: Int
    /// The longest sequence the model was trained for (`max_position_embeddings`), tokens.
    public var contextLength: Int? = nil
    public var source: String

    /// Layers whose MLP is a mixture of experts.
    public var moeLayers: Int { experts == nil ? 0 : layers - denseLayers }

    /// Query heads (MLA: attention heads).
    public var queryHeads: Int {
        switch attention {
        case let .gqa(heads, _, _): heads
        case let .mla(heads, _, _, _, _, _): heads
        }
    }

    /// Parameters of one layer's attention block.
    public var attentionParameters: Double {
        switch attention {
        case let .gqa(q, kv, dim):
            return Double(hidden * (q + 2 * kv) * dim + q * dim * hidden)
        case let .mla(h, qr, kvr, nope, rope, v):
            let qA = hidden * qr, qB = qr * h * (nope + rope)
            let kvA = hidden * (kvr + rope), kvB = kvr * h * (nope + v)
            return Double(qA + qB + kvA + kvB + h * v * hidden)
        }
    }

    /// Parameters of a gated MLP of intermediate size `size`: 3·d·size.
    public func mlpParameters(_ size: Int) -> Double { Double(3 * hidden * size) }

    /// Parameters of all routed experts of one MoE layer.
    public var routedExpertParameters: Double {
        guard let experts else { return 0 }
        return Double(experts.routed) * mlpParameters(experts.intermediate)
    }

    /// Shared-expert and router parameters of one MoE layer.
    public var sharedExpertParameters: Double {
        guard let experts else { return 0 }
        return Double(experts.shared) * mlpParameters(experts.intermediate) + Double(hidden * experts.routed)
    }

    /// Input embedding plus LM head (untied).
    public var embeddingParameters: Double { Double(2 * hidden * vocabulary) }

    /// Total parameters (MTP layers excluded).
    public var totalParameters: Double {
        Double(layers) * attentionParameters + Double(denseLayers) * mlpParameters(intermediate)
            + Double(moeLayers) * (routedExpertParameters + sharedExpertParameters) + embeddingParameters
    }

    /// KV-cache elements per token per layer for the whole model (all heads).
    public var kvElementsPerTokenPerLayer: Int {
        switch attention {
        case let .gqa(_, kv, dim): 2 * kv * dim
        case let .mla(_, _, kvr, _, rope, _): kvr + rope
        }
    }

    /// Reads a `config.json`; `id` is the catalog name.
    public static func read(json data: Data, id: String, file: String) throws(InputError) -> ModelArchitecture {
        let config: HFConfig
        do { config = try JSONDecoder().decode(HFConfig.self, from: data) } catch {
            throw InputError(file: file, problem: "not a readable config.json: \(error)")
        }
        func need(_ value: Int?, _ key: String) throws(InputError) -> Int {
            guard let value, value > 0 else { throw InputError(file: file, key: key, problem: "missing or not positive") }
            return value
        }
        let hidden = try need(config.hidden_size, "hidden_size")
        let heads = try need(config.num_attention_heads, "num_attention_heads")
        let attention: Attention
        if let kvr = config.kv_lora_rank {
            attention = .mla(heads: heads, qLoraRank: config.q_lora_rank ?? 0, kvLoraRank: kvr,
                             qkNopeDim: try need(config.qk_nope_head_dim, "qk_nope_head_dim"),
                             qkRopeDim: try need(config.qk_rope_head_dim, "qk_rope_head_dim"),
                             vDim: try need(config.v_head_dim, "v_head_dim"))
        } else {
            attention = .gqa(queryHeads: heads, kvHeads: config.num_key_value_heads ?? heads,
                             headDim: config.head_dim ?? hidden / heads)
        }
        let routed = config.n_routed_experts ?? config.num_local_experts
        let experts = try routed.map { (count) throws(InputError) in
            Experts(routed: count, perToken: try need(config.num_experts_per_tok ?? config.experts_per_token, "num_experts_per_tok"),
                    shared: config.n_shared_experts ?? 0,
                    intermediate: try need(config.moe_intermediate_size ?? config.intermediate_size, "moe_intermediate_size"))
        }
        let layers = try need(config.num_hidden_layers, "num_hidden_layers")
        let sliding = config.layer_types?.filter { $0 == "sliding_attention" }.count ?? 0
        let keepAttention = config.quantization_config?.modules_to_not_convert?.contains { $0.contains("self_attn") } ?? false
        return ModelArchitecture(
            id: id, layers: layers, hidden: hidden, vocabulary: try need(config.vocab_size, "vocab_size"),
            attention: attention, intermediate: try need(config.intermediate_size, "intermediate_size"),
            experts: experts, denseLayers: experts == nil ? layers : (config.first_k_dense_replace ?? 0),
            slidingWindow: sliding > 0 ? config.sliding_window : nil, slidingLayers: sliding,
            unquantizedAttention: keepAttention, mtpLayers: config.num_nextn_predict_layers ?? 0,
            contextLength: config.max_position_embeddings, source: config._source ?? file)
    }
}

/// The fields of a Hugging Face `config.json` that the cost model uses.
struct HFConfig: Decodable {
    struct Quantization: Decodable { var modules_to_not_convert: [String]? }
    var _source: String?
    var hidden_size: Int?
    var intermediate_size: Int?
    var num_attention_heads: Int?
    var num_key_value_heads: Int?
    var head_dim: Int?
    var num_hidden_layers: Int?
    var vocab_size: Int?
    var num_local_experts: Int?
    var n_routed_experts: Int?
    var n_shared_experts: Int?
    var num_experts_per_tok: Int?
    var experts_per_token: Int?
    var moe_intermediate_size: Int?
    var first_k_dense_replace: Int?
    var q_lora_rank: Int?
    var kv_lora_rank: Int?
    var qk_nope_head_dim: Int?
    var qk_rope_head_dim: Int?
    var v_head_dim: Int?
    var sliding_window: Int?
    var layer_types: [String]?
    var num_nextn_predict_layers: Int?
    var max_position_embeddings: Int?
    var quantization_config: Quantization?
}
