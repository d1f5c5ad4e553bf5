extension Validation {
    /// Median and maximum of absolute errors per group, and the median signed errors of throughput
    /// and interactivity: their bias, positive where the emulator is optimistic (more tokens per
    /// second, shorter TPOT than measured), so a systematic miss shows its direction.
    public struct GroupSummary: Sendable, Codable {
        public var group: String
        public var count: Int
        public var emulated: Int
        public var medianTputError: Double?
        public var maxTputError: Double?
        public var medianTPOTError: Double?
        public var medianIntvtyError: Double?
        public var medianTTFTError: Double?
        public var tputBias: Double?
        public var intvtyBias: Double?

        /// Snake case in the file, like every other output.
        enum CodingKeys: String, CodingKey {
            case group, count, emulated
            case medianTputError = "median_tput_error", maxTputError = "max_tput_error"
            case medianTPOTError = "median_tpot_error", medianIntvtyError = "median_intvty_error"
            case medianTTFTError = "median_ttft_error"
            case tputBias = "median_signed_tput_error", intvtyBias = "median_signed_intvty_error"
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
        return order.map { group in summary(of: members[group] ?? [], group: group) }
    }

    /// The medians and maximum of `points` as one group called `group`.
    public static func summary(of points: [Point], group: String) -> GroupSummary {
        let tput = points.compactMap(\.tputError).map(abs)
        return GroupSummary(group: group, count: points.count, emulated: tput.count, medianTputError: median(tput),
                            maxTputError: tput.max(), medianTPOTError: medianAbsolute(points.map(\.tpotError)),
                            medianIntvtyError: medianAbsolute(points.map(\.intvtyError)),
                            medianTTFTError: medianAbsolute(points.map(\.ttftError)),
                            tputBias: median(points.compactMap(\.tputError)), intvtyBias: median(points.compactMap(\.intvtyError)))
    }

    /// Median of the absolute values of the errors that exist.
    public static func medianAbsolute(_ errors: [Double?]) -> Double? { median(errors.compactMap { $0.map(abs) }) }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
