import Foundation

/// The one reader of Hugging Face `config.json` files. It recognizes the architecture family by
/// `model_type`, unwraps a multimodal config's `text_config`, reads an `hf_quant_config.json`
/// beside it, and understands each family's spelling of the same ideas (expert counts and sizes,
/// dense and MoE layers, layer kinds, MTP modules).
///
/// Every key is either one it reads or one known not to change the cost (token ids, norms,
/// rotary settings, router losses, generation defaults). Any other key might change the cost in
/// a way the emulator would silently ignore, so it is an error naming the key: never a silent
/// fallback to a simpler architecture.
public enum HuggingFaceConfig {
    /// Families by `model_type`, each with the keys beyond the common ones that it may carry.
    static let families: [String: Set<String>] = [
        "llama": [], "mistral": ["sliding_window"], "qwen2": ["sliding_window", "use_sliding_window", "max_window_layers"],
        "qwen3": ["sliding_window", "use_sliding_window", "max_window_layers"],
        "gpt_oss": ["num_local_experts", "experts_per_token", "sliding_window", "layer_types", "swiglu_limit"],
        "deepseek_v3": deepseekKeys, "kimi_k2": deepseekKeys,
        "deepseek_v32": deepseekKeys.union(sparseKeys), "glm_moe_dsa": deepseekKeys.union(sparseKeys).union(["qk_head_dim"]),
        "qwen3_moe": ["num_experts", "moe_intermediate_size", "decoder_sparse_step", "mlp_only_layers", "sliding_window",
                      "use_sliding_window", "max_window_layers"],
        "qwen3_next": qwenHybridKeys, "qwen3_5_moe_text": qwenHybridKeys,
        "minimax_m2": ["num_local_experts", "shared_intermediate_size", "attn_type_list", "use_mtp", "num_mtp_modules",
                       "mtp_transformer_layers"],
        "llama4_text": ["num_local_experts", "intermediate_size_mlp", "interleave_moe_layer_step", "attention_chunk_size",
                        "no_rope_layers", "no_rope_layer_interval", "moe_layers"],
    ]
    /// `model_type` of a multimodal wrapper → the family of its `text_config`.
    static let wrappers = ["kimi_k25": "kimi_k2", "qwen3_5_moe": "qwen3_5_moe_text", "llama4": "llama4_text"]

    static let deepseekKeys: Set<String> = [
        "n_routed_experts", "n_shared_experts", "moe_intermediate_size", "first_k_dense_replace", "moe_layer_freq",
        "q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim", "num_nextn_predict_layers",
    ]
    static let sparseKeys: Set<String> = ["index_topk", "index_n_heads", "index_head_dim"]
    static let qwenHybridKeys: Set<String> = [
        "num_experts", "moe_intermediate_size", "shared_expert_intermediate_size", "decoder_sparse_step", "mlp_only_layers",
        "layer_types", "full_attention_interval", "linear_num_key_heads", "linear_num_value_heads", "linear_key_head_dim",
        "linear_value_head_dim", "linear_conv_kernel_dim", "mamba_ssm_dtype", "attn_output_gate", "mtp_num_hidden_layers",
    ]
    /// Keys every family reads.
    static let common: Set<String> = [
        "hidden_size", "num_hidden_layers", "vocab_size", "num_attention_heads", "num_key_value_heads", "head_dim",
        "intermediate_size", "num_experts_per_tok", "tie_word_embeddings", "max_position_embeddings", "quantization_config",
        "model_type", "architectures", "_name_or_path", "_source",
    ]
    /// Keys that do not change the cost: identity, token ids, dtype, initialization, norms,
    /// rotary embedding, router losses and scoring (not the expert counts), QK norms, generation
    /// defaults of `PretrainedConfig`, and a multimodal wrapper's vision settings (the emulator
    /// serves text).
    static let neutral: Set<String> = [
        "auto_map", "transformers_version", "dtype", "torch_dtype", "use_cache", "initializer_range", "rms_norm_eps",
        "hidden_act", "attention_bias", "attention_dropout", "mlp_bias", "bos_token_id", "eos_token_id", "pad_token_id",
        "rope_theta", "rope_scaling", "rope_parameters", "rope_interleave", "indexer_rope_interleave", "partial_rotary_factor",
        "rotary_dim", "norm_topk_prob", "routed_scaling_factor", "scoring_func", "topk_method", "n_group", "topk_group",
        "aux_loss_alpha", "seq_aux", "router_aux_loss_coef", "output_router_logits", "router_jitter_noise", "ep_size",
        "pretraining_tp", "use_qk_norm", "qk_norm_type", "use_routing_bias", "mtp_use_dedicated_embeddings",
        "attn_temperature_tuning", "attn_scale", "floor_scale", "for_llm_compressor", "_attn_implementation_autoset",
        // PretrainedConfig's defaults, written out by some exporters (Kimi K2.5's text_config).
        "add_cross_attention", "bad_words_ids", "begin_suppress_tokens", "chunk_size_feed_forward",
        "cross_attention_hidden_size", "decoder_start_token_id", "diversity_penalty", "do_sample", "early_stopping",
        "encoder_no_repeat_ngram_size", "exponential_decay_length_penalty", "finetuning_task", "forced_bos_token_id",
        "forced_eos_token_id", "id2label", "is_decoder", "is_encoder_decoder", "label2id", "length_penalty", "max_length",
        "min_length", "no_repeat_ngram_size", "num_beam_groups", "num_beams", "num_return_sequences", "output_attentions",
        "output_hidden_states", "output_scores", "prefix", "problem_type", "pruned_heads", "remove_invalid_values",
        "repetition_penalty", "return_dict", "return_dict_in_generate", "sep_token_id", "suppress_tokens",
        "task_specific_params", "temperature", "tf_legacy_loss", "tie_encoder_decoder", "tokenizer_class", "top_k", "top_p",
        "torchscript", "typical_p", "use_bfloat16",
        // A multimodal wrapper around the text model.
        "text_config", "vision_config", "image_token_id", "video_token_id", "vision_start_token_id", "vision_end_token_id",
        "image_token_index", "boi_token_index", "eoi_token_index", "media_placeholder_token_id", "video_placeholder",
        "use_unified_vision_chunk", "ignore_index",
    ]

    /// Reads `data` (a config.json, at `file` for messages); `quantization` is the bytes of an
    /// `hf_quant_config.json` beside it. `id` overrides the id the config gives.
    public static func read(json data: Data, file: String, id: String? = nil, quantization: Data? = nil) throws(InputError)
        -> ModelArchitecture {
        let outer = try ConfigFields(data, file: file)
        let wrapperType = try outer.optionalString("model_type")
        let fields = outer.has("text_config") ? try outer.nested("text_config") : outer
        let modelType = try fields.optionalString("model_type") ?? wrapperType
        let family = modelType.flatMap { families[$0] != nil ? $0 : wrappers[$0] }
        guard let family, let keys = families[family] else {
            throw InputError(file: file, key: "model_type", value: modelType ?? "(none)", problem: "unknown architecture family",
                             allowed: families.keys.listed)
        }
        for source in [outer, fields] {
            if let key = source.keys.first(where: { !common.contains($0) && !keys.contains($0) && !neutral.contains($0) }) {
                throw InputError(file: file, key: key, problem: "a \(family) config with a key that may change the cost and that "
                                 + "this reader does not understand", allowed: "the keys of MODELING.md, Model architectures")
            }
        }
        var model = try Reader(fields: fields, family: family).architecture(id: id ?? defaultID(outer, file: file), file: file)
        if !fields.has("tie_word_embeddings"), let tied = try outer.optionalBool("tie_word_embeddings") { model.tiedEmbeddings = tied }
        if let quantization { try applyQuantization(quantization, file: file, to: &model) }
        return model
    }

    /// The config's own name: `_name_or_path`'s last component, else the folder's name for a file
    /// called config.json, else the file's base name without "_config"; the part after the last
    /// "--" (Hugging Face's cache folders and aiconfigurator's files spell "Qwen--Qwen3-8B"),
    /// lower-cased like the catalog's ids.
    static func defaultID(_ fields: ConfigFields, file: String) -> String {
        let url = URL(fileURLWithPath: file)
        var name = url.lastPathComponent == "config.json" ? url.deletingLastPathComponent().lastPathComponent
            : url.deletingPathExtension().lastPathComponent
        if let path = try? fields.optionalString("_name_or_path"), let last = path.split(separator: "/").last { name = String(last) }
        if name.hasSuffix("_config") { name.removeLast("_config".count) }
        if let range = name.range(of: "--", options: .backwards) { name = String(name[range.upperBound...]) }
        return name.lowercased()
    }

    /// NVIDIA ModelOpt's `hf_quant_config.json`: the checkpoint's format, its KV-cache format,
    /// and whether attention stays unquantized (`exclude_modules`).
    static func applyQuantization(_ data: Data, file: String, to model: inout ModelArchitecture) throws(InputError) {
        let path = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("hf_quant_config.json").path
        let fields = try ConfigFields(data, file: path).nested("quantization")
        let algorithm = try fields.string("quant_algo")
        let kv = try fields.optionalString("kv_cache_quant_algo").map { ", KV \($0)" } ?? ""
        model.checkpoint = "\(algorithm)\(kv) (hf_quant_config.json)"
        let excluded = try fields.optionalStrings("exclude_modules") ?? []
        if excluded.contains(where: { $0.contains("self_attn") || $0.contains(".attn.") }) { model.unquantizedAttention = true }
    }
}

/// The reading of one family's text-model fields into an architecture.
private struct Reader {
    let fields: ConfigFields
    let family: String

    func architecture(id: String, file: String) throws(InputError) -> ModelArchitecture {
        let hidden = try fields.positive("hidden_size")
        let layers = try fields.positive("num_hidden_layers")
        let heads = try fields.positive("num_attention_heads")
        let experts = try self.experts()
        let kinds = try layerKinds(layers: layers)
        let denseLayers = experts == nil ? layers : layers - (try moeLayerCount(layers: layers))
        // Llama 4 sizes its dense layers apart; MiniMax, gpt-oss and Llama 4 use intermediate_size for experts.
        let intermediate = try fields.optionalPositive(anyOf: ["intermediate_size_mlp", "intermediate_size"]) ?? 0
        if denseLayers > 0, intermediate == 0 { _ = try fields.positive("intermediate_size") }
        let model = ModelArchitecture(
            id: id, family: family, layers: layers, hidden: hidden, vocabulary: try fields.positive("vocab_size"),
            attention: try attention(hidden: hidden, heads: heads), queryGate: try fields.optionalBool("attn_output_gate") ?? false,
            intermediate: intermediate, experts: experts, denseLayers: denseLayers,
            slidingWindow: kinds.window, slidingLayers: kinds.windowed, windowKind: kinds.kind,
            linear: kinds.linear, linearLayers: kinds.linearLayers, sparse: try sparse(),
            tiedEmbeddings: try fields.optionalBool("tie_word_embeddings") ?? false,
            unquantizedAttention: try modulesToNotConvert().contains { $0.contains("self_attn") },
            mtpLayers: try mtpLayers(),
            contextLength: try fields.optionalPositive("max_position_embeddings", limit: ConfigFields.contextLimit),
            checkpoint: try checkpoint(), source: try fields.optionalString("_source") ?? file)
        if model.experts != nil, model.moeLayers == 0 {
            throw InputError(file: file, key: "num_hidden_layers", problem: "a mixture of experts with no expert layer")
        }
        return model
    }

    func attention(hidden: Int, heads: Int) throws(InputError) -> ModelArchitecture.Attention {
        if fields.has("kv_lora_rank") {
            return .mla(heads: heads, qLoraRank: try fields.optionalPositive("q_lora_rank") ?? 0,
                        kvLoraRank: try fields.positive("kv_lora_rank"), qkNopeDim: try fields.positive("qk_nope_head_dim"),
                        qkRopeDim: try fields.positive("qk_rope_head_dim"), vDim: try fields.positive("v_head_dim"))
        }
        let kvHeads = try fields.optionalPositive("num_key_value_heads") ?? heads
        guard heads % kvHeads == 0 else {
            throw fields.error("num_key_value_heads", "must divide num_attention_heads (\(heads))", value: "\(kvHeads)")
        }
        if !fields.has("head_dim"), hidden % heads != 0 {
            throw fields.error("num_attention_heads", "must divide hidden_size (\(hidden)) when head_dim is not given", value: "\(heads)")
        }
        return .gqa(queryHeads: heads, kvHeads: kvHeads, headDim: try fields.optionalPositive("head_dim") ?? hidden / heads)
    }

    /// Routed and shared experts, in each family's spelling.
    func experts() throws(InputError) -> ModelArchitecture.Experts? {
        guard let routed = try fields.optionalPositive(anyOf: ["n_routed_experts", "num_experts", "num_local_experts"]) else {
            return nil
        }
        let perToken = try fields.positive(anyOf: ["num_experts_per_tok", "experts_per_token"])
        guard perToken <= routed else {
            throw fields.error("num_experts_per_tok", "exceeds the \(routed) routed experts", value: "\(perToken)")
        }
        // MiniMax, gpt-oss and Llama 4 size their experts with intermediate_size.
        let width = try fields.positive(anyOf: ["moe_intermediate_size", "intermediate_size"])
        var shared = try fields.optionalCount("n_shared_experts") ?? 0, sharedWidth = width
        if let size = try fields.optionalCount(anyOf: ["shared_expert_intermediate_size", "shared_intermediate_size"]) {
            (shared, sharedWidth) = size > 0 ? (1, size) : (0, width)
        }
        if family == "llama4_text" { shared = 1 }  // one shared expert of intermediate_size (Llama4TextMoe)
        return .init(routed: routed, perToken: perToken, shared: shared, intermediate: width, sharedIntermediate: sharedWidth)
    }

    /// Layers with experts: DeepSeek's `first_k_dense_replace` and `moe_layer_freq` (layer i when
    /// i ≥ k and i mod freq = 0), Qwen's `decoder_sparse_step` and `mlp_only_layers` ((i + 1) mod
    /// step = 0), Llama 4's `interleave_moe_layer_step` (the same).
    func moeLayerCount(layers: Int) throws(InputError) -> Int {
        let first = try fields.optionalCount("first_k_dense_replace") ?? 0
        let frequency = try fields.optionalPositive("moe_layer_freq") ?? 1
        let step = try fields.optionalPositive(anyOf: ["decoder_sparse_step", "interleave_moe_layer_step"]) ?? 1
        let denseOnly = Set(try fields.optionalInts("mlp_only_layers") ?? [])
        return (0..<layers).filter { i in i >= first && i % frequency == 0 && (i + 1) % step == 0 && !denseOnly.contains(i) }.count
    }

    struct LayerKinds {
        var windowed = 0, window: Int?, kind = ModelArchitecture.WindowKind.sliding
        var linearLayers = 0, linear: ModelArchitecture.LinearAttention?
    }

    /// How many layers use each attention kind: `layer_types` where given; Llama 4's chunked
    /// layers (all but every `no_rope_layer_interval`-th, default 4); MiniMax's `attn_type_list`
    /// (1 = full attention, the only kind understood); a window on every layer otherwise.
    func layerKinds(layers: Int) throws(InputError) -> LayerKinds {
        var kinds = LayerKinds()
        if let types = try fields.optionalStrings("layer_types") {
            guard types.count == layers else {
                throw fields.error("layer_types", "must list one kind per layer (\(layers))", value: "\(types.count) kinds")
            }
            let known = ["full_attention", "sliding_attention", "linear_attention"]
            if let other = types.first(where: { !known.contains($0) }) {
                throw fields.error("layer_types", "unknown layer kind", value: other, allowed: known.joined(separator: ", "))
            }
            kinds.windowed = types.filter { $0 == "sliding_attention" }.count
            kinds.linearLayers = types.filter { $0 == "linear_attention" }.count
        } else if let chunk = try fields.optionalPositive("attention_chunk_size") {
            let interval = try fields.optionalPositive("no_rope_layer_interval") ?? 4
            let noRope = try fields.optionalInts("no_rope_layers")
            if let noRope, noRope.count != layers {
                throw fields.error("no_rope_layers", "must give one flag per layer (\(layers))", value: "\(noRope.count) flags")
            }
            let global = noRope.map { $0.filter { $0 == 0 }.count } ?? layers / interval
            (kinds.windowed, kinds.window, kinds.kind) = (layers - global, chunk, .chunked)
        } else if let types = try fields.optionalInts("attn_type_list") {
            guard types.allSatisfy({ $0 == 1 }) else {
                throw fields.error("attn_type_list", "layer kinds other than full attention (1) are not understood",
                                   value: types.map(String.init).joined(separator: ","))
            }
        } else if try fields.optionalBool("use_sliding_window") ?? true, fields.has("sliding_window"),
                  family == "mistral" || family == "qwen2" || family == "qwen3" {
            kinds.windowed = layers
        }
        if kinds.windowed > 0, kinds.window == nil { kinds.window = try fields.positive("sliding_window") }
        if kinds.linearLayers > 0 {
            kinds.linear = .init(keyHeads: try fields.positive("linear_num_key_heads"),
                                 valueHeads: try fields.positive("linear_num_value_heads"),
                                 keyDim: try fields.positive("linear_key_head_dim"), valueDim: try fields.positive("linear_value_head_dim"),
                                 convKernel: try fields.positive("linear_conv_kernel_dim"),
                                 stateBytes: try fields.optionalString("mamba_ssm_dtype") == "float32" ? 4 : 2)
        }
        return kinds
    }

    func sparse() throws(InputError) -> ModelArchitecture.SparseAttention? {
        guard let topK = try fields.optionalPositive("index_topk") else { return nil }
        return .init(topK: topK, indexerHeads: try fields.positive("index_n_heads"), indexerDim: try fields.positive("index_head_dim"))
    }

    /// MTP modules: DeepSeek's `num_nextn_predict_layers`, Qwen3.5's `mtp_num_hidden_layers`,
    /// MiniMax's `num_mtp_modules` when `use_mtp`.
    func mtpLayers() throws(InputError) -> Int {
        if let layers = try fields.optionalCount(anyOf: ["num_nextn_predict_layers", "mtp_num_hidden_layers"]) {
            return layers
        }
        return try fields.optionalBool("use_mtp") == true ? try fields.optionalCount("num_mtp_modules") ?? 1 : 0
    }

    func modulesToNotConvert() throws(InputError) -> [String] {
        guard fields.has("quantization_config") else { return [] }
        return try fields.nested("quantization_config").optionalStrings("modules_to_not_convert") ?? []
    }

    /// The checkpoint's own quantization (`quantization_config`): method and format.
    func checkpoint() throws(InputError) -> String? {
        guard fields.has("quantization_config") else { return nil }
        let q = try fields.nested("quantization_config")
        let method = try q.optionalString("quant_method") ?? "quantized"
        let format = try q.optionalString(anyOf: ["fmt", "format"])
        return format.map { "\(method) (\($0))" } ?? method
    }
}
