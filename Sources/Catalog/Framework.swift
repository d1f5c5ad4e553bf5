/// A serving engine's calibration constants for one GPU family (`Resources/frameworks.toml`).
/// Times in seconds, efficiencies as fractions of peak.
public struct FrameworkProfile: Sendable, Equatable {
    public var id: String
    public var family: String
    public var description: String
    /// Token budget of one scheduler step (decode tokens plus prefill chunk).
    public var maxNumTokens: Int
    /// Front-end latency of a request before the engine sees it (HTTP, tokenization, hand-off to
    /// the scheduler), in seconds; part of TTFT and E2E.
    public var requestLatency: Double
    /// The scheduler takes in newly arrived requests only every this many steps (SGLang's
    /// --scheduler-recv-interval), below 16 concurrent requests and from 16 on; 1: every step.
    public var receiveInterval: Int
    public var receiveIntervalFrom16: Int
    public var stepOverhead: Double
    public var perSequence: Double
    public var kernelLatency: Double
    public var gemmEfficiency: Double
    public var gemmHalfTokens: Double
    public var memoryEfficiency: Double
    public var attentionEfficiency: Double
    public var allReduceBase: Double
    public var allReducePerHop: Double
    public var fabricEfficiency: Double
    public var memoryFraction: Double
    public var runtimeReserveBytes: Double
    /// Vector operations to expand one weight the tensor cores cannot consume natively (FP4 on
    /// Hopper or CDNA3: unpack, scale, convert).
    public var dequantOpsPerWeight: Double
    /// Whether a step mixes decode tokens with prefill chunks (TensorRT-LLM, vLLM) or runs
    /// prefill batches on their own while decodes wait (SGLang's default scheduler).
    public var mixedBatches: Bool
    /// KV-cache format the engine uses whatever the checkpoint ("bf16" for SGLang's `auto`), or nil.
    public var kvCache: String?

    /// Steps between the scheduler's looks at newly arrived requests, at concurrency `conc`.
    public func receiveInterval(conc: Int) -> Int { conc >= 16 ? receiveIntervalFrom16 : receiveInterval }

    /// The constants every profile sets, by TOML key.
    static let keys = ["max_num_tokens", "request_latency_ms", "recv_interval_steps", "recv_interval_steps_conc16",
                       "step_overhead_us", "per_sequence_us", "kernel_latency_us", "gemm_efficiency",
                       "gemm_half_tokens", "memory_efficiency", "attention_efficiency", "allreduce_base_us",
                       "allreduce_per_hop_us", "fabric_efficiency", "memory_fraction", "runtime_reserve_gb",
                       "dequant_ops_per_weight", "mixed_batches"]

    init(id: String, family: String, description: String, values v: [String: Double], kvCache: String?) {
        self.id = id
        self.kvCache = kvCache
        self.family = family
        self.description = description
        maxNumTokens = Int(v["max_num_tokens"]!)
        requestLatency = v["request_latency_ms"]! * 1e-3
        receiveInterval = Int(v["recv_interval_steps"]!)
        receiveIntervalFrom16 = Int(v["recv_interval_steps_conc16"]!)
        stepOverhead = v["step_overhead_us"]! * 1e-6
        perSequence = v["per_sequence_us"]! * 1e-6
        kernelLatency = v["kernel_latency_us"]! * 1e-6
        gemmEfficiency = v["gemm_efficiency"]!
        gemmHalfTokens = v["gemm_half_tokens"]!
        memoryEfficiency = v["memory_efficiency"]!
        attentionEfficiency = v["attention_efficiency"]!
        allReduceBase = v["allreduce_base_us"]! * 1e-6
        allReducePerHop = v["allreduce_per_hop_us"]! * 1e-6
        fabricEfficiency = v["fabric_efficiency"]!
        memoryFraction = v["memory_fraction"]!
        runtimeReserveBytes = v["runtime_reserve_gb"]! * 1e9
        dequantOpsPerWeight = v["dequant_ops_per_weight"]!
        mixedBatches = v["mixed_batches"]! != 0
    }
}

/// All framework profiles: base constants plus per-family overrides.
public struct FrameworkTable: Sendable {
    struct Entry: Sendable {
        var description: String
        var vendors: [GPU.Vendor]
        var base: [String: Double]
        var overrides: [String: [String: Double]]
        var kvCache: String?
    }

    var entries: [String: Entry]

    public var known: [String] { entries.keys.sorted() }

    /// Each profile's description, vendors and the families with their own overrides.
    public var summary: [(name: String, description: String, vendors: [String], families: [String])] {
        known.map { name in
            let e = entries[name]!
            return (name, e.description, e.vendors.map(\.rawValue), e.overrides.keys.sorted())
        }
    }

    /// The profile of `framework` on `gpu`, or a reason it cannot run there.
    public func profile(_ framework: String, on gpu: GPU) throws(InputError) -> FrameworkProfile {
        guard let entry = entries[framework] else {
            throw InputError(key: "framework", value: framework, problem: "unknown framework", allowed: known.listed)
        }
        guard entry.vendors.contains(gpu.vendor) else {
            throw InputError(key: "framework", value: framework,
                             problem: "\(framework) does not run on \(gpu.vendor.rawValue.uppercased()) GPUs (\(gpu.id)):",
                             allowed: known.filter { entries[$0]!.vendors.contains(gpu.vendor) }.listed)
        }
        let values = entry.base.merging(entry.overrides[gpu.family] ?? [:]) { $1 }
        return FrameworkProfile(id: framework, family: gpu.family, description: entry.description, values: values, kvCache: entry.kvCache)
    }

    static func read(_ fields: TOMLFields) throws(InputError) -> FrameworkTable {
        var entries: [String: Entry] = [:]
        for (name, table) in try fields.tables() {
            try table.rejectUnknownKeys(allowed: FrameworkProfile.keys + ["description", "vendors", "family", "kv_cache"])
            var base: [String: Double] = [:]
            for key in FrameworkProfile.keys where key != "mixed_batches" { base[key] = try table.double(key) }
            base["mixed_batches"] = try table.bool("mixed_batches") ? 1 : 0
            var overrides: [String: [String: Double]] = [:]
            if table.has("family") {
                for (family, values) in try table.table("family").tables() {
                    try values.rejectUnknownKeys(allowed: FrameworkProfile.keys)
                    var set: [String: Double] = [:]
                    for key in values.keys { set[key] = key == "mixed_batches" ? (try values.bool(key) ? 1 : 0) : try values.double(key) }
                    overrides[family] = set
                }
            }
            let vendors = try table.strings("vendors").compactMap(GPU.Vendor.init(rawValue:))
            entries[name] = Entry(description: try table.string("description"), vendors: vendors, base: base, overrides: overrides,
                                  kvCache: try table.optionalString("kv_cache"))
        }
        return FrameworkTable(entries: entries)
    }
}
