import Catalog

/// Kernels one transformer layer launches, from its architecture (what the engines run; each
/// pays the profile's fixed kernel latency).
struct LayerKernels {
    /// Attention block of grouped-query attention: norm, QKV GEMM, rotary + KV append,
    /// attention, O GEMM.
    static let groupedQueryAttention = 5.0
    /// Attention block of multi-head latent attention (DeepSeek): norm, q_a, q norm, q_b, kv_a,
    /// kv norm, rotary + KV append, absorbed-K BMM, attention, absorbed-V BMM, O GEMM.
    static let latentAttention = 11.0
    /// Sparse attention's lightning indexer (DeepSeek-V3.2): q GEMM, k GEMM with norm and rotary,
    /// weights GEMM, FP8 key append, score kernel, top-k.
    static let sparseIndexer = 6.0
    /// Gated DeltaNet block (Qwen3-Next / Qwen3.5, as vLLM runs it): norm, in_proj_qkvz GEMM,
    /// in_proj_ba GEMM, causal convolution, gating, the recurrent (or chunked) delta rule, gated
    /// norm, out_proj GEMM.
    static let linearAttention = 8.0
    /// Dense MLP: norm, gate-up GEMM, activation, down GEMM.
    static let denseMLP = 4.0
    /// MoE: norm, router GEMM, top-k, permute, two grouped GEMMs, activation, combine.
    static let routedExperts = 8.0
    /// Gate-up GEMM, activation and down GEMM of the shared experts, where the model has them.
    static let sharedExperts = 3.0
    /// The LM head's GEMM, once per forward pass.
    static let lmHead = 1.0

    /// Kernels of one layer's attention block (softmax or linear), dense MLP and MoE block.
    let attention: Double
    let linear: Double
    let dense: Double
    let moe: Double

    init(_ model: ModelArchitecture) {
        switch model.attention {
        case .gqa: attention = Self.groupedQueryAttention + (model.sparse == nil ? 0 : Self.sparseIndexer)
        case .mla: attention = Self.latentAttention + (model.sparse == nil ? 0 : Self.sparseIndexer)
        }
        linear = Self.linearAttention
        dense = Self.denseMLP
        moe = Self.routedExperts + ((model.experts?.shared ?? 0) > 0 ? Self.sharedExperts : 0)
    }

    /// Kernels of a whole forward pass (all layers, plus the LM head).
    func perStep(_ model: ModelArchitecture) -> Double {
        Double(model.softmaxLayers) * attention + Double(model.linearLayers) * linear + Double(model.denseLayers) * dense
            + Double(model.moeLayers) * moe + Self.lmHead
    }
}
