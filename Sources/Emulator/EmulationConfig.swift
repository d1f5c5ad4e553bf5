import Catalog

/// One serving configuration as a user names it (catalog ids, lengths, parallelism, load).
public struct EmulationConfig: Sendable, Equatable, Hashable, Codable {
    public var gpu: String
    public var model: String
    public var precision: String
    public var framework: String
    /// Nominal input and output lengths; requests draw from [0.8·L, L].
    public var isl: Int
    public var osl: Int
    /// Tensor-parallel GPUs of the engine (its GPU count), expert-parallel degree of the MoE layers.
    public var tp: Int
    public var ep: Int
    /// Attention data-parallel across the TP ranks (MoE layers stay expert-parallel).
    public var dpAttention: Bool
    /// Client's maximum concurrency; 10 × conc requests are sent.
    public var conc: Int
    public var seed: UInt64
    /// Speculative decoding: "none", or "mtp" (the model's multi-token-prediction module drafts).
    public var specDecoding: String
    /// Disaggregated serving: prefill instances of `prefillTP` GPUs each feed the decode engine
    /// (`tp`, `ep`, `dpAttention`) over the scale-up fabric; 0 instances means aggregated.
    public var prefillInstances: Int
    public var prefillTP: Int
    /// KV-cache format chosen for this configuration ("fp8", "bf16", …); nil: the precision
    /// label's, or the engine's recipe on that GPU (frameworks.toml `kv_cache`).
    public var kvCache: String?

    public var disaggregated: Bool { prefillInstances > 0 }

    public static let specDecodingModes = ["none", "mtp"]

    public init(gpu: String, model: String, precision: String, framework: String, isl: Int, osl: Int,
                tp: Int = 1, ep: Int = 1, dpAttention: Bool = false, conc: Int, seed: UInt64 = 1, specDecoding: String = "none",
                prefillInstances: Int = 0, prefillTP: Int = 1, kvCache: String? = nil) {
        self.gpu = gpu
        self.model = model
        self.precision = precision
        self.framework = framework
        self.isl = isl
        self.osl = osl
        self.tp = tp
        self.ep = ep
        self.dpAttention = dpAttention
        self.conc = conc
        self.seed = seed
        self.specDecoding = specDecoding
        self.prefillInstances = prefillInstances
        self.prefillTP = prefillTP
        self.kvCache = kvCache
    }

    /// Requests the client sends: 10 × concurrency (InferenceMAX).
    public var requestCount: Int { 10 * conc }

    /// Rejects non-positive lengths, concurrency and parallelism, and unknown speculative modes.
    public func checkBounds() throws(InputError) {
        guard Self.specDecodingModes.contains(specDecoding) else {
            throw InputError(key: "spec_decoding", value: specDecoding, problem: "unknown speculative decoding mode",
                             allowed: Self.specDecodingModes.listed)
        }
        if prefillInstances < 0 {
            throw InputError(key: "prefill_instances", value: "\(prefillInstances)", problem: "must not be negative, got",
                             allowed: "0 (aggregated) or more")
        }
        let counts = [("isl", isl), ("osl", osl), ("conc", conc), ("tp", tp), ("ep", ep), ("prefill_tp", prefillTP)]
        for (key, value) in counts where value < 1 {
            throw InputError(key: key, value: "\(value)", problem: "must be a positive integer, got", allowed: "integers ≥ 1")
        }
    }
}
