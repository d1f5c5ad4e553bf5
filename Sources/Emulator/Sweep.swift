import Catalog
import Foundation

/// A measurement definition (`sweeps/NAME.toml`): the cross product of its lists is emulated.
/// `[[matrix]]` tables make a sweep the union of several cross products; each inherits the
/// top-level lists and overrides the ones it names.
///
/// ```toml
/// title = "Llama 3.3 70B"
/// models = ["llama-3.3-70b"]
/// scenarios = [[1024, 1024], [8192, 1024]]   # [ISL, OSL] pairs
/// tp = [1, 2, 4, 8]
/// ep = [1]                                    # optional, default [1]
/// dp_attention = [false]                      # optional, default [false]
/// spec_decoding = ["none", "mtp"]             # optional, default ["none"]
/// mtp_draft_tokens = [1, 3]                   # optional, with "mtp": tokens drafted per step (default: the engine's recipe)
/// prefill_drafts = [true, false]              # optional, with "mtp" and prefill instances: whether they draft (default [true])
/// prefill_instances = [0, 2, 4]               # optional, default [0]: disaggregated when > 0
/// prefill_tp = [4]                            # optional, default [4]: GPUs per prefill instance
/// decode_engines = [1, 2]                     # optional, default [1]: decode engines behind the prefill pool (xPyD)
/// kv_cache = ["fp8", "bf16"]                  # optional: KV-cache formats (default: the precision's and engine's)
/// max_num_tokens = [2048, 8192]               # optional: token budgets of a step (default: the engine's recipe)
/// concurrency = [4, 8, 16, 32, 64, 128]
/// seed = 1                                    # optional
/// model_configs = ["models/my-model/config.json"]   # optional, relative to the sweep file
/// profile = "../build/calibration/profile.toml"      # optional calibration profile, relative to the sweep file
///
/// [[matrix]]
/// gpus = ["h200"]
/// precisions = ["fp8"]
/// frameworks = ["trtllm"]
///
/// [[matrix]]
/// gpus = ["b200"]
/// precisions = ["fp8", "fp4"]
/// frameworks = ["trtllm"]
/// ```
public struct Sweep: Sendable {
    /// Keys that a `[[matrix]]` table may set.
    public static let listKeys = ["gpus", "models", "precisions", "frameworks", "scenarios", "tp", "ep", "dp_attention", "concurrency",
                                  "spec_decoding", "mtp_draft_tokens", "prefill_drafts", "prefill_instances", "prefill_tp",
                                  "decode_engines", "kv_cache", "max_num_tokens"]
    public static let keys = listKeys + ["title", "seed", "model_configs", "profile", "matrix"]

    public var name: String
    public var title: String
    public var configs: [ServingConfiguration]
    public var catalog: Catalog
    /// The calibration profile the sweep names (a path), already applied to `catalog`; nil: none named.
    public var profile: String?

    /// Reads and checks a sweep: unknown keys, unknown names and non-positive numbers are
    /// reported with the file, the key, the bad value and what is allowed.
    public init(file: String, text: String, catalog base: Catalog = .standard) throws(InputError) {
        let fields = try TOMLFields(text: text, file: file)
        try fields.rejectUnknownKeys(allowed: Self.keys)
        var catalog = base
        if fields.has("model_configs") {
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
            for path in try fields.strings("model_configs") {
                try catalog.addModel(configAt: URL(fileURLWithPath: path, relativeTo: folder))
            }
        }
        if let path = try fields.optionalString("profile") {
            let folder = (file as NSString).deletingLastPathComponent
            let resolved = path.hasPrefix("/") || folder.isEmpty ? path : "\(folder)/\(path)"
            catalog = try catalog.applying(profileAt: resolved)
            profile = resolved
        }
        let seedValue = fields.has("seed") ? try fields.int("seed") : 1
        guard seedValue >= 0 else {
            throw fields.error("seed", "must be a non-negative integer, got", value: "\(seedValue)", allowed: "integers ≥ 0")
        }
        name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        title = try fields.optionalString("title") ?? name
        self.catalog = catalog
        let matrices = fields.has("matrix") ? try fields.tableArray("matrix") : [fields]
        var configs: [ServingConfiguration] = []
        for matrix in matrices {
            try matrix.rejectUnknownKeys(allowed: matrix.path.isEmpty ? Self.keys : Self.listKeys)
            configs += try Self.expand(Lists(matrix: matrix, defaults: fields, catalog: catalog), seed: UInt64(seedValue))
        }
        self.configs = configs
    }

    /// The lists of one matrix, each taken from the matrix or else from the top level.
    struct Lists {
        var gpus: [String], models: [String], precisions: [String], frameworks: [String]
        var scenarios: [(Int, Int)], tp: [Int], ep: [Int], dp: [Bool], concurrency: [Int], spec: [String]
        var prefillInstances: [Int], prefillTP: [Int], decodeEngines: [Int]
        /// KV-cache formats to emulate; [nil]: the precision's and engine's own.
        var kvCache: [String?]
        /// Draft counts of the "mtp" configurations; [nil]: the engine's recipe.
        var mtpDrafts: [Int?]
        /// Whether the prefill instances of disaggregated "mtp" configurations draft; [nil]: they do.
        var prefillDrafts: [Bool?]
        /// Token budgets of a step; [nil]: the engine's recipe.
        var budgets: [Int?]

        init(matrix: TOMLFields, defaults: TOMLFields, catalog: Catalog) throws(InputError) {
            func source(_ key: String) -> TOMLFields { matrix.has(key) ? matrix : defaults }
            func names(_ key: String, known: [String]) throws(InputError) -> [String] {
                let fields = source(key)
                let values = try fields.strings(key)
                guard !values.isEmpty else { throw fields.error(key, "must not be empty") }
                for value in values where !known.contains(value) {
                    throw fields.error(key, "unknown value", value: value, allowed: known.listed)
                }
                return values
            }
            func positive(_ key: String, default fallback: [Int]? = nil) throws(InputError) -> [Int] {
                let fields = source(key)
                let values = fallback != nil && !fields.has(key) ? fallback! : try fields.ints(key)
                guard !values.isEmpty else { throw fields.error(key, "must not be empty") }
                for value in values where value < 1 {
                    throw fields.error(key, "must be a positive integer, got", value: "\(value)", allowed: "integers ≥ 1")
                }
                return values
            }
            gpus = try names("gpus", known: Array(catalog.gpus.keys))
            models = try names("models", known: Array(catalog.models.keys))
            precisions = try names("precisions", known: catalog.precisions.knownLabels)
            frameworks = try names("frameworks", known: catalog.frameworks.known)
            scenarios = try Sweep.scenarios(source("scenarios"))
            tp = try positive("tp")
            ep = try positive("ep", default: [1])
            dp = source("dp_attention").has("dp_attention") ? try source("dp_attention").bools("dp_attention") : [false]
            concurrency = try positive("concurrency")
            spec = source("spec_decoding").has("spec_decoding")
                ? try names("spec_decoding", known: ServingConfiguration.specDecodingModes) : ["none"]
            mtpDrafts = source("mtp_draft_tokens").has("mtp_draft_tokens") ? try positive("mtp_draft_tokens") : [nil]
            if mtpDrafts != [nil], !spec.contains("mtp") {
                throw source("mtp_draft_tokens").error("mtp_draft_tokens", "drafts need \"mtp\" among spec_decoding, which is",
                                                       value: spec.joined(separator: ", "), allowed: "spec_decoding = [\"mtp\", …]")
            }
            let draftingSource = source("prefill_drafts")
            prefillDrafts = draftingSource.has("prefill_drafts")
                ? try draftingSource.bools("prefill_drafts").map { $0 ? nil : false } : [nil]
            if prefillDrafts != [nil], !spec.contains("mtp") {
                throw draftingSource.error("prefill_drafts", "concerns MTP, but spec_decoding is", value: spec.joined(separator: ", "),
                                           allowed: "spec_decoding = [\"mtp\", …]")
            }
            prefillTP = try positive("prefill_tp", default: [4])
            decodeEngines = try positive("decode_engines", default: [1])
            let instancesSource = source("prefill_instances")
            let instances = instancesSource.has("prefill_instances") ? try instancesSource.ints("prefill_instances") : [0]
            for value in instances where value < 0 {
                throw instancesSource.error("prefill_instances", "must not be negative, got", value: "\(value)",
                                            allowed: "0 (aggregated) or more")
            }
            prefillInstances = instances
            kvCache = source("kv_cache").has("kv_cache") ? try names("kv_cache", known: Array(catalog.precisions.formats.keys)) : [nil]
            budgets = source("max_num_tokens").has("max_num_tokens") ? try positive("max_num_tokens") : [nil]
        }
    }

    /// The cross product of the lists, outer axes first (the concurrency varies fastest); drafts
    /// multiply the MTP configurations only, prefill TP and decode engines the disaggregated ones,
    /// prefill drafting the disaggregated MTP ones.
    static func expand(_ l: Lists, seed: UInt64) -> [ServingConfiguration] {
        var configs = [ServingConfiguration(hw: "", model: "", framework: "", precision: "", isl: 0, osl: 0, conc: 0, seed: seed)]
        /// Each configuration once per value its axis gives it, set by `set`.
        func axis<T>(_ values: (ServingConfiguration) -> [T], _ set: (inout ServingConfiguration, T) -> Void) {
            configs = configs.flatMap { config in
                values(config).map { value in
                    var next = config
                    set(&next, value)
                    return next
                }
            }
        }
        axis({ _ in l.models }) { $0.model = $1 }
        axis({ _ in l.gpus }) { $0.hw = $1 }
        axis({ _ in l.precisions }) { $0.precision = $1 }
        axis({ _ in l.frameworks }) { $0.framework = $1 }
        axis({ _ in l.scenarios }) { ($0.isl, $0.osl) = $1 }
        axis({ _ in l.tp }) { $0.tp = $1 }
        axis({ _ in l.ep }) { $0.ep = $1 }
        axis({ _ in l.dp }) { $0.dp_attention = $1 }
        axis({ _ in l.spec }) { $0.spec_decoding = $1 }
        axis({ $0.spec_decoding == "mtp" ? l.mtpDrafts : [nil] }) { $0.mtp_draft_tokens = $1 }
        axis({ _ in l.prefillInstances }) { ($0.prefill_instances, $0.disagg) = ($1, $1 > 0) }
        axis({ $0.disagg ? l.prefillTP : [l.prefillTP[0]] }) { $0.prefill_tp = $1 }
        axis({ $0.disagg && $0.spec_decoding == "mtp" ? l.prefillDrafts : [nil] }) { $0.prefill_drafts = $1 }
        axis({ _ in l.kvCache }) { $0.kv_cache = $1 }
        axis({ $0.disagg ? l.decodeEngines : [1] }) { $0.decode_engines = $1 == 1 ? nil : $1 }
        axis({ _ in l.budgets }) { $0.max_num_tokens = $1 }
        axis({ _ in l.concurrency }) { $0.conc = $1 }
        return configs
    }

    static func scenarios(_ fields: TOMLFields) throws(InputError) -> [(Int, Int)] {
        let pairs = try fields.array("scenarios", { node -> [Int]? in
            guard let array = node.array else { return nil }
            let numbers = array.compactMap(\.int)
            return numbers.count == 2 && array.count == 2 ? numbers : nil
        }, expected: "[ISL, OSL] pairs of integers")
        guard !pairs.isEmpty else { throw fields.error("scenarios", "must not be empty") }
        for pair in pairs where pair[0] < 1 || pair[1] < 1 {
            throw fields.error("scenarios", "lengths must be positive integers, got", value: "[\(pair[0]), \(pair[1])]",
                               allowed: "[ISL, OSL] with both ≥ 1")
        }
        return pairs.map { ($0[0], $0[1]) }
    }
}
