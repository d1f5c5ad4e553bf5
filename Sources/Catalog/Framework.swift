/// A serving engine's calibration constants for one GPU family (`Resources/frameworks.toml`).
/// Times in seconds, efficiencies as fractions of peak.
public struct FrameworkProfile: Sendable, Equatable {
    public var id: String
    public var family: String
    public var description: String
    /// Token budget of one scheduler step (decode tokens plus prefill chunk).
    public var maxNumTokens: Int
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

    /// The constants every profile sets, by TOML key.
    static let keys = ["max_num_tokens", "step_overhead_us", "per_sequence_us", "kernel_latency_us", "gemm_efficiency",
                       "gemm_half_tokens", "memory_efficiency", "attention_efficiency", "allreduce_base_us",
                       "allreduce_per_hop_us", "fabric_efficiency", "memory_fraction", "runtime_reserve_gb"]

    init(id: String, family: String, description: String, values v: [String: Double]) {
        self.id = id
        self.family = family
        self.description = description
        maxNumTokens = Int(v["max_num_tokens"]!)
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
    }
}

/// All framework profiles: base constants plus per-family overrides.
public struct FrameworkTable: Sendable {
    struct Entry: Sendable {
        var description: String
        var vendors: [GPU.Vendor]
        var base: [String: Double]
        var overrides: [String: [String: Double]]
    }

    var entries: [String: Entry]

    public var known: [String] { entries.keys.sorted() }

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
        return FrameworkProfile(id: framework, family: gpu.family, description: entry.description, values: values)
    }

    static func read(_ fields: TOMLFields) throws(InputError) -> FrameworkTable {
        var entries: [String: Entry] = [:]
        for (name, table) in try fields.tables() {
            try table.rejectUnknownKeys(allowed: FrameworkProfile.keys + ["description", "vendors", "family"])
            var base: [String: Double] = [:]
            for key in FrameworkProfile.keys { base[key] = try table.double(key) }
            var overrides: [String: [String: Double]] = [:]
            if table.has("family") {
                for (family, values) in try table.table("family").tables() {
                    try values.rejectUnknownKeys(allowed: FrameworkProfile.keys)
                    var set: [String: Double] = [:]
                    for key in values.keys { set[key] = try values.double(key) }
                    overrides[family] = set
                }
            }
            let vendors = try table.strings("vendors").compactMap(GPU.Vendor.init(rawValue:))
            entries[name] = Entry(description: try table.string("description"), vendors: vendors, base: base, overrides: overrides)
        }
        return FrameworkTable(entries: entries)
    }
}
