import Catalog

/// Kernels one transformer layer launches, from its architecture (what the engines run).
struct LayerKernels {
    /// Attention block: GQA — norm, QKV GEMM, rotary + KV append, attention, O GEMM (5);
    /// MLA — norm, q_a, q norm, q_b, kv_a, kv norm, rotary + KV append, absorbed-K BMM,
    /// attention, absorbed-V BMM, O GEMM (11).
    let attention: Double
    /// Dense MLP: norm, gate-up GEMM, activation, down GEMM (4).
    let dense: Double
    /// MoE: norm, router GEMM, top-k, permute, two grouped GEMMs, activation, combine (8),
    /// plus gate-up, activation and down of the shared experts (3).
    let moe: Double

    init(_ model: ModelArchitecture) {
        switch model.attention {
        case .gqa: attention = 5
        case .mla: attention = 11
        }
        dense = 4
        moe = 8 + ((model.experts?.shared ?? 0) > 0 ? 3 : 0)
    }

    /// Kernels of a whole forward pass (all layers, plus the LM head).
    func perStep(_ model: ModelArchitecture) -> Double {
        Double(model.layers) * attention + Double(model.denseLayers) * dense + Double(model.moeLayers) * moe + 1
    }
}
