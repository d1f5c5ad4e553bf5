/// A serving engine's calibration constants on one GPU (`Resources/frameworks.toml`). Times in
/// seconds; compute efficiencies are fractions of the GPU's sustained tensor rate
/// (`GPU.sustainedFLOPS`), memory and fabric efficiencies fractions of their bandwidths.
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
    /// Whether the scheduler prepares step n + 1 on the host while the GPU runs step n
    /// (TensorRT-LLM's overlap scheduler), so that a decoding step lasts the longer of its device
    /// work and its host work (`stepOverhead`, `perSequence`) rather than their sum.
    public var overlapScheduler: Bool
    /// How the scheduler takes a request in when the KV cache binds (aggregated serving): when
    /// its prompt plus `kvAdmittedOutputShare` of its output fits beside the sequences running,
    /// each counted as its tokens so far plus `kvReservedOutputShare` of its output still to come.
    /// Both 1: whole lengths, so nothing is ever evicted (TensorRT-LLM's GUARANTEED_NO_EVICT);
    /// otherwise decodes may outgrow the cache, and the youngest decoding sequences are then
    /// preempted and recomputed later (vLLM's on-demand blocks: 0 and 0; SGLang's
    /// `new_token_ratio` for the running, the whole output for the new request).
    public var kvReservedOutputShare: Double
    public var kvAdmittedOutputShare: Double
    /// KV-cache format the engine uses whatever the checkpoint ("bf16" for SGLang's `auto`), or nil.
    public var kvCache: String?
    /// The launch option that sets `memoryFraction` (`mem-fraction-static` for SGLang), for messages.
    public var memoryFractionOption: String
    /// The error to expect of what the engine emulates on this GPU, from the calibration profile
    /// applied (`CalibrationProfile.expectedError`); nil with the documented constants.
    public var expectedError: CalibrationProfile.ExpectedError?

    /// Steps between the scheduler's looks at newly arrived requests, at concurrency `conc`.
    public func receiveInterval(conc: Int) -> Int { conc >= 16 ? receiveIntervalFrom16 : receiveInterval }

    /// The constants every profile sets, by TOML key.
    static let keys = ["max_num_tokens", "request_latency_ms", "recv_interval_steps", "recv_interval_steps_conc16",
                       "step_overhead_us", "per_sequence_us", "kernel_latency_us", "gemm_efficiency",
                       "gemm_half_tokens", "memory_efficiency", "attention_efficiency", "allreduce_base_us",
                       "allreduce_per_hop_us", "fabric_efficiency", "memory_fraction", "runtime_reserve_gb",
                       "dequant_ops_per_weight", "mixed_batches", "overlap_scheduler", "kv_reserved_output",
                       "kv_admitted_output"]
    /// The constants that state how the engine schedules (its code, not a measured rate): never fitted.
    static let rules: Set<String> = ["mixed_batches", "overlap_scheduler", "kv_reserved_output", "kv_admitted_output"]
    /// The rules written as true or false, stored as 1 or 0.
    static let switches: Set<String> = ["mixed_batches", "overlap_scheduler"]

    /// The profile from merged constants; a constant that no table set is an error naming `file`
    /// and the profile's key.
    init(id: String, family: String, description: String, values: [String: Double], kvCache: String?,
         memoryFractionOption: String = "memory fraction", file: String) throws(InputError) {
        func constant(_ key: String) throws(InputError) -> Double {
            guard let value = values[key] else { throw InputError(file: file, key: "\(id).\(key)", problem: "missing constant") }
            return value
        }
        self.id = id
        self.kvCache = kvCache
        self.memoryFractionOption = memoryFractionOption
        self.family = family
        self.description = description
        maxNumTokens = Int(try constant("max_num_tokens"))
        requestLatency = try constant("request_latency_ms") * 1e-3
        receiveInterval = Int(try constant("recv_interval_steps"))
        receiveIntervalFrom16 = Int(try constant("recv_interval_steps_conc16"))
        stepOverhead = try constant("step_overhead_us") * 1e-6
        perSequence = try constant("per_sequence_us") * 1e-6
        kernelLatency = try constant("kernel_latency_us") * 1e-6
        gemmEfficiency = try constant("gemm_efficiency")
        gemmHalfTokens = try constant("gemm_half_tokens")
        memoryEfficiency = try constant("memory_efficiency")
        attentionEfficiency = try constant("attention_efficiency")
        allReduceBase = try constant("allreduce_base_us") * 1e-6
        allReducePerHop = try constant("allreduce_per_hop_us") * 1e-6
        fabricEfficiency = try constant("fabric_efficiency")
        memoryFraction = try constant("memory_fraction")
        runtimeReserveBytes = try constant("runtime_reserve_gb") * 1e9
        dequantOpsPerWeight = try constant("dequant_ops_per_weight")
        mixedBatches = try constant("mixed_batches") != 0
        overlapScheduler = try constant("overlap_scheduler") != 0
        func share(_ key: String) throws(InputError) -> Double {
            let value = try constant(key)
            guard (0...1).contains(value) else {
                throw InputError(file: file, key: "\(id).\(key)", value: String(value), problem: "not a share of the output",
                                 allowed: "0 ... 1")
            }
            return value
        }
        kvReservedOutputShare = try share("kv_reserved_output")
        kvAdmittedOutputShare = try share("kv_admitted_output")
    }
}

/// All framework profiles, in layers, the more specific winning: the runtime platform's constants
/// (CUDA, ROCm), the engine's, the engine's on a GPU family, the constants a calibration profile
/// fitted for the engine on that family, and the overrides per GPU (the recipe InferenceMAX
/// launches on that GPU).
public struct FrameworkTable: Sendable {
    /// Constants and KV-cache format set by one override table.
    struct Override: Sendable {
        var values: [String: Double] = [:]
        var kvCache: String?

        /// These settings on top of `other`'s: a key set here wins.
        func applied(to other: Override) -> Override {
            Override(values: other.values.merging(values) { $1 }, kvCache: kvCache ?? other.kvCache)
        }
    }

    struct Entry: Sendable {
        var description: String
        var memoryFractionOption: String
        var vendors: [GPU.Vendor]
        var base: Override
        var families: [String: Override]
        var gpus: [String: Override]
    }

    var entries: [String: Entry]
    /// The runtime platform layer, by the vendor whose GPUs run it.
    var runtimes: [GPU.Vendor: Override]
    /// Constants fitted by calibration (`CalibrationProfile`), by engine, then GPU family; and
    /// those of one model on them, by engine, GPU family, then model.
    var fitted: [String: [String: Override]] = [:]
    var fittedModels: [String: [String: [String: Override]]] = [:]
    /// The calibration profile applied, for its expected errors.
    var calibration: CalibrationProfile?
    /// The file the profiles were read from, for messages.
    var file: String

    public var known: [String] { entries.keys.sorted() }

    /// InferenceMAX's own spelling of an engine: `trt` for TensorRT-LLM.
    public static let aliases = ["trt": "trtllm"]
    /// Orchestrators of disaggregated serving that InferenceMAX names before the engine they run
    /// ("dynamo-sglang": NVIDIA Dynamo over SGLang; "mori-sglang": AMD MoRI over SGLang).
    public static let orchestrators = ["dynamo", "mori"]

    /// The engine that a framework name of InferenceMAX runs: "dynamo-trt" and "trt" → "trtllm",
    /// "mori-sglang" → "sglang"; any other name as it is.
    public static func engine(of name: String) -> String {
        let bare = orchestrators.first { name.hasPrefix($0 + "-") }.map { String(name.dropFirst($0.count + 1)) } ?? name
        return aliases[bare] ?? bare
    }

    /// Each profile's description, vendors and the families and GPUs with their own overrides.
    public var summary: [(name: String, description: String, vendors: [String], overrides: [String])] {
        entries.sorted { $0.key < $1.key }.map { name, e in
            (name, e.description, e.vendors.map(\.rawValue), e.families.keys.sorted() + e.gpus.keys.sorted())
        }
    }

    /// The profile of `framework` on `gpu` (serving `model`, whose own fitted constants then
    /// apply), or a reason it cannot run there.
    public func profile(_ framework: String, on gpu: GPU, model: String? = nil) throws(InputError) -> FrameworkProfile {
        guard let entry = entries[framework] else {
            throw InputError(key: "framework", value: framework, problem: "unknown framework", allowed: known.listed)
        }
        guard entry.vendors.contains(gpu.vendor) else {
            throw InputError(key: "framework", value: framework,
                             problem: "\(framework) does not run on \(gpu.vendor.rawValue.uppercased()) GPUs (\(gpu.id)):",
                             allowed: entries.filter { $0.value.vendors.contains(gpu.vendor) }.keys.listed)
        }
        let family = layers(entry, family: gpu.family, vendor: gpu.vendor)
        let engineFitted = (fitted[framework]?[gpu.family] ?? Override()).applied(to: family)
        let calibrated = (model.flatMap { fittedModels[framework]?[gpu.family]?[$0] } ?? Override()).applied(to: engineFitted)
        let merged = (entry.gpus[gpu.id] ?? Override()).applied(to: calibrated)
        var profile = try FrameworkProfile(id: framework, family: gpu.family, description: entry.description, values: merged.values,
                                           kvCache: merged.kvCache, memoryFractionOption: entry.memoryFractionOption, file: file)
        profile.expectedError = calibration?.expectedError(framework, on: gpu.family, model: model)
        return profile
    }

    /// The constants a calibration can fit: every numeric constant of a profile.
    public static var fittable: [String] { FrameworkProfile.keys.filter { !FrameworkProfile.rules.contains($0) } }

    /// These profiles with `profile`'s fitted constants above the engines' and families' values;
    /// a cell naming an unknown engine, family or constant, or a value that is not a positive
    /// number, is an error naming `file`.
    func applying(_ profile: CalibrationProfile, families: Set<String>, models: Set<String>,
                  file: String) throws(InputError) -> FrameworkTable {
        var table = self
        // Engine × family cells first: setting one clears the model layers above it.
        let cells = Array(profile.cells.enumerated())
        let ordered = cells.filter { $0.element.model == nil } + cells.filter { $0.element.model != nil }
        for (i, cell) in ordered {
            let path = "cells[\(i)]"
            guard entries[cell.framework] != nil else {
                throw InputError(file: file, key: "\(path).framework", value: cell.framework, problem: "unknown engine",
                                 allowed: known.listed)
            }
            guard families.contains(cell.family) else {
                throw InputError(file: file, key: "\(path).family", value: cell.family, problem: "unknown GPU family",
                                 allowed: families.listed)
            }
            if let model = cell.model, !models.contains(model) {
                throw InputError(file: file, key: "\(path).model", value: model, problem: "unknown model", allowed: models.listed)
            }
            for (key, value) in cell.constants {
                guard Self.fittable.contains(key) else {
                    throw InputError(file: file, key: "\(path).constants", value: key, problem: "unknown constant",
                                     allowed: Self.fittable.listed)
                }
                guard value.isFinite, value > 0 else {
                    throw InputError(file: file, key: "\(path).constants.\(key)", value: "\(value)", problem: "must be positive, got",
                                     allowed: "finite numbers > 0")
                }
            }
            table = table.setting(cell.constants, of: cell.framework, on: cell.family, model: cell.model)
        }
        table.calibration = profile
        return table
    }

    /// These profiles with `constants` fitted for `framework` on GPU `family`, for every model
    /// (replacing any fitted before, the models' own too: they were fitted about the constants
    /// replaced) or for `model` alone (replacing its own).
    public func setting(_ constants: [String: Double], of framework: String, on family: String,
                        model: String? = nil) -> FrameworkTable {
        var table = self
        if let model {
            table.fittedModels[framework, default: [:]][family, default: [:]][model] = Override(values: constants)
        } else {
            table.fitted[framework, default: [:]][family] = Override(values: constants)
            table.fittedModels[framework]?[family] = nil
        }
        return table
    }

    /// The documented constants of `framework` on GPU `family` (whose GPUs `vendor` makes), before
    /// any calibration: the runtime's, the engine's and the family's (nil for an unknown engine).
    public func documented(_ framework: String, on family: String, vendor: GPU.Vendor) -> [String: Double]? {
        entries[framework].map { layers($0, family: family, vendor: vendor).values }
    }

    /// Runtime, engine and engine × family layers merged.
    private func layers(_ entry: Entry, family: String, vendor: GPU.Vendor) -> Override {
        let engine = entry.base.applied(to: runtimes[vendor] ?? Override())
        return (entry.families[family] ?? Override()).applied(to: engine)
    }

    /// Reads `frameworks.toml`; every `kv_cache` must name one of `formats`, every `[NAME.gpu.ID]` a GPU of `gpus`.
    static func read(_ fields: TOMLFields, formats: [String: NumberFormat], gpus: Set<String>) throws(InputError) -> FrameworkTable {
        var entries: [String: Entry] = [:]
        let runtimes = try runtimeLayer(fields)
        for (name, table) in try fields.tables() where name != "runtime" {
            try table.rejectUnknownKeys(
                allowed: FrameworkProfile.keys + ["description", "vendors", "family", "gpu", "kv_cache", "memory_fraction_option"])
            var base = Override(kvCache: try kvCache(table, name, formats))
            for key in FrameworkProfile.keys where table.has(key) { base.values[key] = try value(table, key) }
            let families = try overrides(table, "family", of: name, formats: formats, names: nil)
            let perGPU = try overrides(table, "gpu", of: name, formats: formats, names: gpus)
            let vendors = try table.strings("vendors").compactMap(GPU.Vendor.init(rawValue:))
            // Every constant is set by the engine or by the runtime of each platform it runs on.
            for vendor in vendors {
                let merged = base.applied(to: runtimes[vendor] ?? Override())
                if let key = FrameworkProfile.keys.first(where: { merged.values[$0] == nil }) {
                    throw table.error(key, "missing constant: neither the engine nor the \(vendor.rawValue.uppercased()) runtime sets it")
                }
            }
            entries[name] = Entry(description: try table.string("description"),
                                  memoryFractionOption: try table.string("memory_fraction_option"), vendors: vendors, base: base,
                                  families: families, gpus: perGPU)
        }
        return FrameworkTable(entries: entries, runtimes: runtimes, file: fields.file)
    }

    /// The `[runtime.NAME]` tables: each names the vendors whose GPUs run it and sets constants.
    private static func runtimeLayer(_ fields: TOMLFields) throws(InputError) -> [GPU.Vendor: Override] {
        guard fields.has("runtime") else { return [:] }
        var layers: [GPU.Vendor: Override] = [:]
        for (_, table) in try fields.table("runtime").tables() {
            try table.rejectUnknownKeys(allowed: FrameworkProfile.keys + ["vendors"])
            var layer = Override()
            for key in table.keys where key != "vendors" { layer.values[key] = try value(table, key) }
            for name in try table.strings("vendors") {
                guard let vendor = GPU.Vendor(rawValue: name) else {
                    throw table.error("vendors", "unknown vendor", value: name, allowed: "amd, nvidia")
                }
                layers[vendor] = layer
            }
        }
        return layers
    }

    /// The `[NAME.KIND.KEY]` tables of one profile; with `names`, each KEY must be one of them.
    private static func overrides(_ table: TOMLFields, _ kind: String, of name: String, formats: [String: NumberFormat],
                                  names: Set<String>?) throws(InputError) -> [String: Override] {
        guard table.has(kind) else { return [:] }
        var result: [String: Override] = [:]
        for (key, values) in try table.table(kind).tables() {
            if let names, !names.contains(key) {
                throw InputError(
                    file: table.file, key: "\(name).\(kind)", value: key, problem: "unknown GPU", allowed: names.sorted().listed)
            }
            try values.rejectUnknownKeys(allowed: FrameworkProfile.keys + ["kv_cache"])
            var set = Override(kvCache: try kvCache(values, "\(name).\(kind).\(key)", formats))
            for field in values.keys where field != "kv_cache" { set.values[field] = try value(values, field) }
            result[key] = set
        }
        return result
    }

    /// A constant as the profile stores it: a switch (`mixed_batches`) as 1 or 0, the rest as numbers.
    private static func value(_ table: TOMLFields, _ key: String) throws(InputError) -> Double {
        FrameworkProfile.switches.contains(key) ? (try table.bool(key) ? 1 : 0) : try table.double(key)
    }

    private static func kvCache(_ table: TOMLFields, _ path: String, _ formats: [String: NumberFormat]) throws(InputError) -> String? {
        guard let format = try table.optionalString("kv_cache") else { return nil }
        return try formats.named(format, key: "\(path).kv_cache", file: table.file).name
    }
}
