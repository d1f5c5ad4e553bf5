extension Validation {
    /// Median and maximum of absolute errors per group.
    public struct GroupSummary: Sendable, Codable {
        public var group: String
        public var count: Int
        public var emulated: Int
        public var medianTputError: Double?
        public var maxTputError: Double?
        public var medianTPOTError: Double?
        public var medianIntvtyError: Double?
        public var medianTTFTError: Double?

        /// Snake case in the file, like every other output.
        enum CodingKeys: String, CodingKey {
            case group, count, emulated
            case medianTputError = "median_tput_error", maxTputError = "max_tput_error"
            case medianTPOTError = "median_tpot_error", medianIntvtyError = "median_intvty_error"
            case medianTTFTError = "median_ttft_error"
        }
    }

    /// Summaries per group, in the order groups first appear.
    public static func summarize(_ points: [Point]) -> [GroupSummary] {
        var order: [String] = []
        var members: [String: [Point]] = [:]
        for p in points {
            if members[p.group] == nil { order.append(p.group) }
            members[p.group, default: []].append(p)
        }
        return order.map { group in
            let list = members[group, default: []]
            let tput = list.compactMap(\.tputError).map(abs)
            return GroupSummary(group: group, count: list.count, emulated: tput.count, medianTputError: median(tput),
                                maxTputError: tput.max(), medianTPOTError: medianAbsolute(list.map(\.tpotError)),
                                medianIntvtyError: medianAbsolute(list.map(\.intvtyError)),
                                medianTTFTError: medianAbsolute(list.map(\.ttftError)))
        }
    }

    /// Median of the absolute values of the errors that exist.
    public static func medianAbsolute(_ errors: [Double?]) -> Double? { median(errors.compactMap { $0.map(abs) }) }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
