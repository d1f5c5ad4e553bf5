/// Multi-token prediction as each engine runs it for each model (`workload.toml` [speculative]):
/// the tokens it drafts per step unless a configuration says otherwise, and the tokens a
/// verification step yields on average for each number of drafts, as measured for that engine
/// and model, else the defaults.
public struct SpeculativeDecoding: Sendable, Equatable {
    /// Tokens the MTP module drafts per decode step in the engine's recipe.
    public var draftTokens: Int
    /// Mean tokens a verification step yields per sequence (accepted drafts plus the verified
    /// token, between 1 and drafts + 1), by the number of drafts measured.
    public var yields: [Int: Double]

    public init(draftTokens: Int, yields: [Int: Double]) {
        self.draftTokens = draftTokens
        self.yields = yields
    }

    /// The settings of every engine × model that has its own, and the defaults.
    public struct Table: Sendable {
        var defaults: SpeculativeDecoding
        var measured: [String: [String: SpeculativeDecoding]]
        /// Share of the drafts' gain (yield − 1) a disaggregated decode engine keeps when its
        /// prefill instances do not run the draft module (`ServingConfiguration.prefill_drafts`).
        public var gainWithoutPrefillDrafts: Double

        /// The settings of `framework` serving `model`.
        public func mtp(_ framework: String, model: String) -> SpeculativeDecoding { measured[framework]?[model] ?? defaults }

        /// Reads `[speculative]`: the defaults and `gain_without_prefill_drafts`, then
        /// `[speculative.ENGINE.MODEL]` tables.
        static func read(_ table: TOMLFields) throws(InputError) -> Table {
            let keys = ["mtp_draft_tokens", "mtp_tokens_per_step"], gainKey = "gain_without_prefill_drafts"
            let engines = table.keys.filter { !keys.contains($0) && $0 != gainKey }
            try table.rejectUnknownKeys(allowed: keys + [gainKey] + engines)
            let gain = try table.double(gainKey)
            guard gain > 0, gain <= 1 else {
                throw table.error(gainKey, "must be a share of the drafts' gain, got", value: "\(gain)", allowed: "0 < share ≤ 1")
            }
            var measured: [String: [String: SpeculativeDecoding]] = [:]
            for engine in engines {
                for (model, settings) in try table.table(engine).tables() {
                    try settings.rejectUnknownKeys(allowed: keys)
                    measured[engine, default: [:]][model] = try setting(settings)
                }
            }
            return Table(defaults: try setting(table), measured: measured, gainWithoutPrefillDrafts: gain)
        }

        /// One engine × model's settings: `mtp_tokens_per_step` maps draft counts to yields
        /// (`{ 1 = 1.92, 3 = 2.82 }`), each within [1, drafts + 1], never falling as drafts are
        /// added, and gaining no more from a draft than from the one before (a draft counts only
        /// when every earlier one was accepted); the recipe's own draft count must be among them.
        static func setting(_ table: TOMLFields) throws(InputError) -> SpeculativeDecoding {
            let drafts = try table.int("mtp_draft_tokens")
            guard drafts >= 1 else {
                throw table.error("mtp_draft_tokens", "must be at least 1, got", value: "\(drafts)", allowed: "integers ≥ 1")
            }
            let yieldTable = try table.table("mtp_tokens_per_step")
            var yields: [Int: Double] = [:]
            for key in yieldTable.keys {
                guard let count = Int(key), count >= 1 else {
                    throw yieldTable.error(key, "draft counts must be positive integers, got", value: key, allowed: "1, 2, 3, …")
                }
                let perStep = try yieldTable.double(key)
                guard perStep >= 1, perStep <= Double(count + 1) else {
                    throw yieldTable.error(key, "must lie between 1 and the drafts + 1, got", value: "\(perStep)",
                                           allowed: "1…\(count + 1)")
                }
                yields[count] = perStep
            }
            try checkDiminishing(yields, yieldTable)
            guard yields[drafts] != nil else {
                throw table.error("mtp_draft_tokens", "has no yield in mtp_tokens_per_step:", value: "\(drafts)",
                                  allowed: yields.keys.sorted().map(String.init).joined(separator: ", "))
            }
            return SpeculativeDecoding(draftTokens: drafts, yields: yields)
        }

        /// Refuses yields that fall with more drafts, or gain more per draft than the drafts before
        /// (with 1 yielding at most 2, counting from 1 at no drafts).
        static func checkDiminishing(_ yields: [Int: Double], _ table: TOMLFields) throws(InputError) {
            var (previousCount, previousYield, previousGain) = (0, 1.0, 1.0)
            for count in yields.keys.sorted() {
                let drafts = Double(count - previousCount), yield = yields[count]!, gain = (yield - previousYield) / drafts
                guard gain >= 0, gain <= previousGain + 1e-9 else {
                    throw table.error("\(count)", "must gain at most what each earlier draft gained and never fall, got",
                                      value: "\(yield)", allowed: "\(previousYield)…\(previousYield + previousGain * drafts)")
                }
                (previousCount, previousYield, previousGain) = (count, yield, gain)
            }
        }
    }
}
