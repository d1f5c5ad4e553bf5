import Catalog

/// One serving configuration: catalog ids, lengths, load, parallelism, speculative decoding,
/// disaggregation and KV-cache format, under InferenceMAX's field names (`utils/process_result.py`).
/// Every output carries it under these names: flat in a result record or an analysed point, as
/// an object in a measurement file's `skipped[].config`.
public struct ServingConfiguration: Sendable, Equatable, Hashable, Codable {
    /// Catalog ids of the GPU, the model, the engine and the precision recipe.
    public var hw: String
    public var model: String
    public var framework: String
    public var precision: String
    /// Speculative decoding: "none", or "mtp" (the model's multi-token-prediction module drafts).
    public var spec_decoding: String
    /// Under "mtp", the tokens drafted per step; nil: the engine's recipe for the model
    /// (workload.toml [speculative]). InferenceMAX's recipes name it (`mtp1` … `mtp3`).
    public var mtp_draft_tokens: Int?
    /// Disaggregated serving: prefill instances feed the decode engine (`tp`, `ep`, `dp_attention`).
    public var disagg: Bool
    /// Disaggregated serving under "mtp": false where the prefill instances do not run the draft
    /// module, as SGLang launches that pass the speculative flags to decode alone (InferenceMAX's
    /// MoRI script, `amd_utils/models.yaml`; the Dynamo B200 recipes): the decode engine's drafts
    /// then accept less (workload.toml `gain_without_prefill_drafts`). nil: they do.
    public var prefill_drafts: Bool?
    /// Nominal input and output lengths; requests draw from [0.8·L, L].
    public var isl: Int
    public var osl: Int
    /// Client's maximum concurrency; 10 × conc requests are sent.
    public var conc: Int
    /// Tensor-parallel GPUs of the engine (its GPU count), expert-parallel degree of the MoE layers.
    public var tp: Int
    public var ep: Int
    /// Attention data-parallel across the TP ranks (MoE layers stay expert-parallel).
    public var dp_attention: Bool
    /// KV-cache format chosen for this configuration ("fp8", "bf16", …); nil: the precision
    /// label's, or the engine's recipe on that GPU (frameworks.toml `kv_cache`).
    public var kv_cache: String?
    /// What only an emulation states, nil in a result record: the seed of the request lengths
    /// (nil: 1), and for disaggregated serving the prefill instances of `prefill_tp` GPUs each,
    /// which feed the decode engine over the scale-up fabric.
    public var seed: UInt64?
    public var prefill_instances: Int?
    public var prefill_tp: Int?
    /// Disaggregated serving: decode engines (each of `tp` GPUs, with `ep` and `dp_attention`)
    /// behind the prefill instances, among which the router spreads the client's requests
    /// (`Deployment.engineLoads`); nil: one. A record reports their GPUs as `num_decode_gpu`.
    public var decode_engines: Int?
    /// Token budget of one scheduler step, prefill chunks included, as the launch sets it (SGLang
    /// `--chunked-prefill-size`, vLLM `--max-num-batched-tokens`, TensorRT-LLM `--max_num_tokens`);
    /// nil: the engine's recipe (frameworks.toml `max_num_tokens`). Prefill instances use it too.
    public var max_num_tokens: Int?

    public static let specDecodingModes = ["none", "mtp"]
    /// How labels, legends and tables say `prefill_drafts = false`.
    public static let decodeOnlyDrafts = "decode-only drafts"

    /// `disagg` defaults to whether there are prefill instances.
    public init(hw: String, model: String, framework: String, precision: String, spec_decoding: String = "none",
                mtp_draft_tokens: Int? = nil, prefill_drafts: Bool? = nil, disagg: Bool? = nil, isl: Int, osl: Int, conc: Int,
                tp: Int = 1, ep: Int = 1,
                dp_attention: Bool = false,
                kv_cache: String? = nil, seed: UInt64? = nil, prefill_instances: Int? = nil, prefill_tp: Int? = nil,
                decode_engines: Int? = nil, max_num_tokens: Int? = nil) {
        self.hw = hw
        self.model = model
        self.framework = framework
        self.precision = precision
        self.spec_decoding = spec_decoding
        self.mtp_draft_tokens = mtp_draft_tokens
        self.prefill_drafts = prefill_drafts
        self.disagg = disagg ?? ((prefill_instances ?? 0) > 0)
        self.isl = isl
        self.osl = osl
        self.conc = conc
        self.tp = tp
        self.ep = ep
        self.dp_attention = dp_attention
        self.kv_cache = kv_cache
        self.seed = seed
        self.prefill_instances = prefill_instances
        self.prefill_tp = prefill_tp
        self.decode_engines = decode_engines
        self.max_num_tokens = max_num_tokens
    }

    /// The fields a result record reports (InferenceMAX's): without the emulation's seed, prefill
    /// pool and decode engines, whose GPUs the record gives as `num_prefill_gpu` and `num_decode_gpu`.
    public var reported: ServingConfiguration {
        var fields = self
        (fields.seed, fields.prefill_instances, fields.prefill_tp, fields.decode_engines) = (nil, nil, nil, nil)
        return fields
    }

    /// Upper limits of the emulator (README, Limits). Concurrency: the serving simulation's work
    /// and memory grow with the square of the clients (65,536 takes 18 s and gigabytes), and
    /// InferenceMAX sweeps stop at 2,048. Lengths: a model's context is checked by `Deployment`;
    /// this bound keeps the token tables in memory whatever the model. Parallelism: the largest
    /// scale-up domain (NVL72) times a few, far beyond any deployment served as one engine.
    static let limits: [(String, @Sendable (ServingConfiguration) -> Int, Int)] = [
        ("conc", { $0.conc }, 16_384), ("isl", { $0.isl }, 1_048_576), ("osl", { $0.osl }, 1_048_576), ("tp", { $0.tp }, 576),
        ("ep", { $0.ep }, 576), ("prefill_instances", { $0.prefill_instances ?? 0 }, 256), ("decode_engines", { $0.decodeEngines }, 256),
        ("max_num_tokens", { $0.max_num_tokens ?? 1 }, 1_048_576),
    ]
    static let limitReasons = [
        "conc": "1…16384 clients: the simulation grows with the square of concurrency; InferenceMAX sweeps stop at 2048",
        "isl": "1…1048576 tokens (and isl + osl within the model's context)",
        "osl": "1…1048576 tokens (and isl + osl within the context)",
        "tp": "1…576 GPUs per engine", "ep": "1…576 GPUs per engine", "prefill_instances": "0…256 prefill instances",
        "decode_engines": "1…256 decode engines", "max_num_tokens": "1…1048576 tokens a step",
    ]

    /// Decode engines behind the prefill pool: 1 unless disaggregated serving names more.
    public var decodeEngines: Int { decode_engines ?? 1 }

    /// Every GPU of the deployment: the decode engines' and, disaggregated, the prefill instances'.
    public var gpus: Int { tp * decodeEngines + (disagg ? (prefill_instances ?? 0) * (prefill_tp ?? 0) : 0) }

    /// Rejects non-positive lengths, concurrency and parallelism, unknown speculative modes, and a
    /// disaggregated configuration without prefill instances (or prefill instances without `disagg`).
    public func checkBounds() throws(InputError) {
        guard Self.specDecodingModes.contains(spec_decoding) else {
            throw InputError(key: "spec_decoding", value: spec_decoding, problem: "unknown speculative decoding mode",
                             allowed: Self.specDecodingModes.listed)
        }
        let instances = prefill_instances ?? 0
        if instances < 0 {
            throw InputError(key: "prefill_instances", value: "\(instances)", problem: "must not be negative, got",
                             allowed: "0 (aggregated) or more")
        }
        if disagg != (instances > 0) {
            throw InputError(key: "prefill_instances", value: "\(instances)", problem: "disagg is \(disagg), but prefill instances are",
                             allowed: disagg ? "1 or more (disaggregated)" : "0 (aggregated)")
        }
        if let drafts = mtp_draft_tokens, spec_decoding != "mtp" || drafts < 1 {
            throw InputError(key: "mtp_draft_tokens", value: "\(drafts)",
                             problem: spec_decoding == "mtp" ? "must be a positive integer, got" : "drafts need spec_decoding = mtp; got",
                             allowed: spec_decoding == "mtp" ? "integers ≥ 1" : "none (no speculative decoding)")
        }
        if let drafting = prefill_drafts, !(disagg && spec_decoding == "mtp") {
            throw InputError(key: "prefill_drafts", value: "\(drafting)",
                             problem: "needs disaggregated serving with spec_decoding = mtp; got",
                             allowed: "no prefill_drafts without prefill instances and MTP")
        }
        if disagg, prefill_tp == nil {
            throw InputError(key: "prefill_tp", problem: "disaggregated serving needs the GPUs of each prefill instance")
        }
        let counts = [("isl", isl), ("osl", osl), ("conc", conc), ("tp", tp), ("ep", ep), ("prefill_tp", prefill_tp ?? 1),
                      ("decode_engines", decodeEngines), ("max_num_tokens", max_num_tokens ?? 1)]
        for (key, value) in counts where value < 1 {
            throw InputError(key: key, value: "\(value)", problem: "must be a positive integer, got", allowed: "integers ≥ 1")
        }
        for (key, value, limit) in Self.limits where value(self) > limit {
            throw InputError(key: key, value: "\(value(self))", problem: "above the limit of \(limit):", allowed: Self.limitReasons[key]!)
        }
        if decodeEngines > 1, !disagg {
            throw InputError(key: "decode_engines", value: "\(decodeEngines)",
                             problem: "several decode engines share a prefill pool: they need disaggregated serving; got", allowed: "1")
        }
    }

    /// "1k/8k" for ISL 1024 and OSL 8192: the scenario label of figures and tables; lengths that
    /// are not multiples of 1024 print as they are.
    public var scenario: String { Self.scenario(isl: isl, osl: osl) }

    /// The scenario label of an (ISL, OSL) pair.
    public static func scenario(isl: Int, osl: Int) -> String {
        func short(_ n: Int) -> String { n % 1024 == 0 ? "\(n / 1024)k" : "\(n)" }
        return "\(short(isl))/\(short(osl))"
    }
}
