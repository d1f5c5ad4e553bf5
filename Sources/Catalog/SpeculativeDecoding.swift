/// Multi-token prediction as each engine runs it for each model (`workload.toml` [speculative]):
/// tokens drafted per step and the tokens a verification step yields on average, as measured for
/// that engine and model, else the defaults.
public struct SpeculativeDecoding: Sendable, Equatable {
    /// Tokens the MTP module drafts per decode step.
    public var draftTokens: Int
    /// Mean tokens a verification step yields per sequence: accepted drafts plus the verified token,
    /// between 1 and draftTokens + 1.
    public var tokensPerStep: Double

    public init(draftTokens: Int, tokensPerStep: Double) {
        self.draftTokens = draftTokens
        self.tokensPerStep = tokensPerStep
    }

    /// The settings of every engine × model that has its own, and the defaults.
    public struct Table: Sendable {
        var defaults: SpeculativeDecoding
        var measured: [String: [String: SpeculativeDecoding]]

        /// The settings of `framework` serving `model`.
        public func mtp(_ framework: String, model: String) -> SpeculativeDecoding { measured[framework]?[model] ?? defaults }

        /// Reads `[speculative]`: the defaults, then `[speculative.ENGINE.MODEL]` tables.
        static func read(_ table: TOMLFields) throws(InputError) -> Table {
            let keys = ["mtp_draft_tokens", "mtp_tokens_per_step"]
            let engines = table.keys.filter { !keys.contains($0) }
            try table.rejectUnknownKeys(allowed: keys + engines)
            var measured: [String: [String: SpeculativeDecoding]] = [:]
            for engine in engines {
                for (model, settings) in try table.table(engine).tables() {
                    try settings.rejectUnknownKeys(allowed: keys)
                    measured[engine, default: [:]][model] = try setting(settings)
                }
            }
            return Table(defaults: try setting(table), measured: measured)
        }

        /// One engine × model's settings; tokens per step must lie in [1, drafts + 1].
        static func setting(_ table: TOMLFields) throws(InputError) -> SpeculativeDecoding {
            let drafts = try table.int("mtp_draft_tokens"), perStep = try table.double("mtp_tokens_per_step")
            guard drafts >= 1 else {
                throw table.error("mtp_draft_tokens", "must be at least 1, got", value: "\(drafts)", allowed: "integers ≥ 1")
            }
            guard perStep >= 1, perStep <= Double(drafts + 1) else {
                throw table.error("mtp_tokens_per_step", "must lie between 1 and the drafts + 1, got", value: "\(perStep)",
                                  allowed: "1…\(drafts + 1)")
            }
            return SpeculativeDecoding(draftTokens: drafts, tokensPerStep: perStep)
        }
    }
}
