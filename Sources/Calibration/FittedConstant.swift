import Catalog

/// A software constant that calibration may fit: its `frameworks.toml` key, the range the model
/// allows, and how far from its documented value the prior lets the data move it. Hardware
/// facts (rates, bandwidths, capacities) are never among them.
public struct FittedConstant: Sendable, Equatable {
    public var key: String
    /// Bounds in the key's units.
    public var lower: Double
    public var upper: Double
    /// One standard deviation of the prior about the documented value, as a log ratio (0.35:
    /// the documented value is trusted to about ±35%).
    public var priorWidth: Double
    /// Shows in TTFT alone (the front end's latency): fitted only where TTFT was measured.
    public var needsTTFT: Bool

    /// Every fittable constant, in the order a cell with few measurements takes them: what
    /// decides decode (HBM streaming), then prefill (GEMMs), the engine's CPU time per step,
    /// attention, kernel latency, the front end.
    public static let all = [
        // HBM streaming is well characterized (aiconfigurator 0.8; ROCm 0.6-0.7): a narrow prior.
        FittedConstant(key: "memory_efficiency", lower: 0.3, upper: 0.98, priorWidth: 0.15, needsTTFT: false),
        // GEMM efficiency of whole steps ranges from 0.12 (SGLang prefill) to 0.9 of the sustained rate.
        FittedConstant(key: "gemm_efficiency", lower: 0.03, upper: 1.0, priorWidth: 0.35, needsTTFT: false),
        // CPU time per step: 0.1-1 ms across engines (MODELING.md), known to a factor of two.
        FittedConstant(key: "step_overhead_us", lower: 10, upper: 10_000, priorWidth: 0.7, needsTTFT: false),
        FittedConstant(key: "attention_efficiency", lower: 0.05, upper: 1.0, priorWidth: 0.35, needsTTFT: false),
        // Launch gaps and tails: 2-6 µs a kernel on CUDA and HIP graphs.
        FittedConstant(key: "kernel_latency_us", lower: 0.5, upper: 50, priorWidth: 0.5, needsTTFT: false),
        // HTTP, tokenization and hand-off: 10-100 ms, known to a factor of two.
        FittedConstant(key: "request_latency_ms", lower: 0.5, upper: 2_000, priorWidth: 0.7, needsTTFT: true),
        // Vector work to expand an FP4 weight where tensor cores lack FP4: about 6 operations.
        FittedConstant(key: "dequant_ops_per_weight", lower: 0.5, upper: 60, priorWidth: 0.5, needsTTFT: false),
        // Latency a ring hop adds to a small all-reduce: 0.3-2 µs on NVLink and Infinity Fabric
        // (custom one-shot kernels at the low end, NCCL rings at the high), known to a factor of two.
        FittedConstant(key: "allreduce_per_hop_us", lower: 0.02, upper: 20, priorWidth: 0.7, needsTTFT: false),
    ]

    /// The constants named by `keys`, or an error naming the unknown one.
    public static func named(_ keys: [String]) throws(InputError) -> [FittedConstant] {
        var result: [FittedConstant] = []
        for key in keys {
            guard let constant = all.first(where: { $0.key == key }) else {
                throw InputError(key: "constants", value: key, problem: "not a constant calibration fits", allowed: all.map(\.key).listed)
            }
            result.append(constant)
        }
        return result
    }
}
