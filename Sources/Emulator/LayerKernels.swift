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
    /// Dense MLP: norm, gate-up GEMM, activation, down GEMM.
    static let denseMLP = 4.0
    /// MoE: norm, router GEMM, top-k, permute, two grouped GEMMs, activation, combine.
    static let routedExperts = 8.0
    /// Gate-up GEMM, activation and down GEMM of the shared experts, where the model has them.
    static let sharedExperts = 3.0
    /// The LM head's GEMM, once per forward pass.
    static let lmHead = 1.0

    /// Kernels of one layer's attention block, dense MLP and MoE block.
    let attention: Double
    let dense: Double
    let moe: Double

    init(_ model: ModelArchitecture) {
        switch model.attention {
        case .gqa: attention = Self.groupedQueryAttention
        case .mla: attention = Self.latentAttention
        }
        dense = Self.denseMLP
        moe = Self.routedExperts + ((model.experts?.shared ?? 0) > 0 ? Self.sharedExperts : 0)
    }

    /// Kernels of a whole forward pass (all layers, plus the LM head).
    func perStep(_ model: ModelArchitecture) -> Double {
        Double(model.layers) * attention + Double(model.denseLayers) * dense + Double(model.moeLayers) * moe + Self.lmHead
    }
}
