import Emulator

/// Which points share a frontier: a serving configuration up to its parallelism and load (one
/// series: GPU, engine, precision, chosen KV-cache format, speculative decoding with its chosen
/// draft count and whether prefill instances draft, disaggregation),
/// or a whole GPU (its best over every configuration, as ratios and power figures compare GPUs).
///
/// Files carry the key as its parts; `label` is how legends and tables print it
/// ("b200 · trtllm · fp4 · mtp · disagg") and is never parsed back.
public struct SeriesKey: Hashable, Codable, Sendable, CustomStringConvertible {
    /// How many of a point's configuration fields the key keeps.
    public enum Pooling: String, Codable, Sendable, CaseIterable {
        /// GPU, engine, precision, KV-cache format, speculative decoding, disaggregation.
        case series
        /// The GPU alone: every engine, precision and layout pooled.
        case gpu = "hw"
    }

    public var hw: String
    public var framework: String?
    public var precision: String?
    /// KV-cache format, where a configuration chose it explicitly.
    public var kv_cache: String?
    /// Speculative decoding mode other than "none".
    public var spec_decoding: String?
    /// MTP draft count, where a configuration chose it explicitly.
    public var mtp_draft_tokens: Int?
    /// false where a disaggregated MTP configuration's prefill instances do not draft.
    public var prefill_drafts: Bool?
    public var disagg: Bool

    public init(hw: String, framework: String? = nil, precision: String? = nil, kv_cache: String? = nil,
                spec_decoding: String? = nil, mtp_draft_tokens: Int? = nil, prefill_drafts: Bool? = nil, disagg: Bool = false) {
        self.hw = hw
        self.framework = framework
        self.precision = precision
        self.kv_cache = kv_cache
        self.spec_decoding = spec_decoding == "none" ? nil : spec_decoding
        self.mtp_draft_tokens = self.spec_decoding == nil ? nil : mtp_draft_tokens
        self.prefill_drafts = self.spec_decoding == nil || prefill_drafts != false ? nil : false
        self.disagg = disagg
    }

    /// The key of a configuration at `pooling`.
    public init(hw: String, framework: String, precision: String, kvCache: String?, specDecoding: String, disagg: Bool,
                pooling: Pooling) {
        switch pooling {
        case .series:
            self.init(hw: hw, framework: framework, precision: precision, kv_cache: kvCache, spec_decoding: specDecoding, disagg: disagg)
        case .gpu: self.init(hw: hw)
        }
    }

    public var pooling: Pooling { framework == nil ? .gpu : .series }

    /// This key with only what `pooling` keeps.
    public func pooled(_ pooling: Pooling) -> SeriesKey { pooling == .gpu ? SeriesKey(hw: hw) : self }

    /// "h200 · trtllm · fp8 · kv bf16 · mtp · disagg" ("mtp1" with a chosen draft count, then "decode-only drafts"
    /// where prefill instances do not draft); "h200" for a whole GPU.
    public var label: String { ([hw] + variantParts).joined(separator: " · ") }

    /// The key without its GPU, what figures tell apart by marker: "trtllm · fp8 · mtp"; "" for a
    /// whole GPU.
    public var variant: String { variantParts.joined(separator: " · ") }

    var variantParts: [String] {
        var parts: [String] = []
        if let framework { parts.append(framework) }
        if let precision { parts.append(precision) }
        if let kv_cache { parts.append("kv \(kv_cache)") }
        if let spec_decoding { parts.append(spec_decoding + (mtp_draft_tokens.map(String.init) ?? "")) }
        if prefill_drafts == false { parts.append(ServingConfiguration.decodeOnlyDrafts) }
        if disagg { parts.append("disagg") }
        return parts
    }

    /// "b200 fp4": GPU and precision, for compact annotations.
    public var short: String { precision.map { "\(hw) \($0)" } ?? hw }

    public var description: String { label }
}
