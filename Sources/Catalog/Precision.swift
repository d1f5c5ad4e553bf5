/// A number format as stored in memory: bytes per element including block scales, and the
/// tensor-core arithmetic it feeds ("bf16", "fp8", "fp4").
public struct NumberFormat: Sendable, Equatable {
    public var name: String
    public var bytes: Double
    public var math: String
}

extension Dictionary where Key == String, Value == NumberFormat {
    /// The format called `name`, or an error naming `key` (and `file`) and the formats there are.
    public func named(_ name: String, key: String, file: String? = nil,
                      problem: String = "unknown number format") throws(InputError) -> NumberFormat {
        guard let format = self[name] else {
            throw InputError(file: file, key: key, value: name, problem: problem, allowed: keys.listed)
        }
        return format
    }
}

/// What a precision label means on one GPU: formats of weights, GEMM activations and KV cache,
/// and the arithmetic kind the GEMMs actually run at there.
public struct Precision: Sendable, Equatable {
    public var label: String
    public var weights: NumberFormat
    public var activations: NumberFormat
    public var kv: NumberFormat
    /// Weights of the model's multi-token-prediction layer: the checkpoint's format, or BF16
    /// where the quantizer left that layer out (`draft_weights` in precisions.toml).
    public var draftWeights: NumberFormat
    /// The tensor-core rate used by the GEMMs: the wider of the weight and activation math,
    /// falling back to a wider kind when the GPU lacks it. Weights in a format the tensor cores
    /// cannot read (FP4 on Hopper and CDNA3) are expanded to BF16 inside the GEMM and meet BF16
    /// activations: the W4A16 kernels that serve them there (Marlin, Triton matmul_ogs, AITER).
    public var gemmMath: String
}

/// The precision table of `Resources/precisions.toml`.
public struct PrecisionTable: Sendable {
    /// Arithmetic kinds from narrow to wide.
    static let mathOrder = ["fp4", "fp8", "bf16"]

    public var formats: [String: NumberFormat]
    /// label → (weights, activations, kv, MTP layer's weights) format names.
    var labels: [String: (weights: String, activations: String, kv: String, draft: String?)]
    /// A label that means a different label per vendor (fp4 → nvfp4 on NVIDIA, mxfp4 on AMD),
    /// optionally with a KV-cache format of its own.
    struct Alias: Sendable {
        var labels: [GPU.Vendor: String]
        var kv: String?
    }

    var vendorAliases: [String: Alias]

    /// Every label a user may name.
    public var knownLabels: [String] { (Array(labels.keys) + Array(vendorAliases.keys)).sorted() }

    /// Resolves `label` for `gpu`, or throws listing the known labels.
    public func resolve(_ label: String, on gpu: GPU) throws(InputError) -> Precision {
        let alias = vendorAliases[label]
        let concrete = alias?.labels[gpu.vendor] ?? label
        guard let names = labels[concrete], let w = formats[names.weights], let draft = formats[names.draft ?? names.weights],
              let a = formats[names.activations], let kv = formats[alias?.kv ?? names.kv] else {
            throw InputError(key: "precision", value: label, problem: "unknown precision", allowed: knownLabels.listed)
        }
        let expanded = Self.supported(w.math, on: gpu) != w.math
        let activation = expanded ? "bf16" : Self.supported(a.math, on: gpu)
        let activations = activation == a.math ? a : (formats[activation] ?? a)
        let wide = max(Self.rank(w.math), Self.rank(activation))
        return Precision(label: label, weights: w, activations: activations, kv: kv, draftWeights: draft,
                         gemmMath: Self.supported(Self.mathOrder[wide], on: gpu))
    }

    static func rank(_ math: String) -> Int { mathOrder.firstIndex(of: math) ?? 2 }

    /// The narrowest arithmetic kind at least as wide as `math` that the GPU computes natively.
    static func supported(_ math: String, on gpu: GPU) -> String {
        mathOrder[rank(math)...].first { gpu.peakFLOPS($0) > 0 } ?? "bf16"
    }

    static func read(_ fields: TOMLFields) throws(InputError) -> PrecisionTable {
        var formats: [String: NumberFormat] = [:]
        for (name, format) in try fields.table("formats").tables() {
            formats[name] = NumberFormat(name: name, bytes: try format.double("bytes"), math: try format.string("math"))
        }
        var labels: [String: (String, String, String, String?)] = [:]
        var aliases: [String: Alias] = [:]
        for (label, entry) in try fields.table("labels").tables() {
            if entry.has("weights") {
                let draft = try entry.optionalString("draft_weights")
                if let draft { _ = try formats.named(draft, key: "labels.\(label).draft_weights", file: entry.file) }
                labels[label] = (try entry.string("weights"), try entry.string("activations"), try entry.string("kv"), draft)
            } else {
                let kv = try entry.optionalString("kv")
                if let kv { _ = try formats.named(kv, key: "labels.\(label).kv", file: entry.file) }
                aliases[label] = Alias(labels: [.nvidia: try entry.string("nvidia"), .amd: try entry.string("amd")], kv: kv)
            }
        }
        return PrecisionTable(formats: formats, labels: labels, vendorAliases: aliases)
    }
}
