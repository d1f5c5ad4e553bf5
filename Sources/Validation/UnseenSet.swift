extension Validation {
    /// The curves of one file kept out of the calibration altogether, each point emulated in
    /// exactly its configuration; its groups, and all its points as one group ("all"): how far
    /// the emulator carries to what no constant was fitted to. Each file is one question (other
    /// layouts, another engine release), so each keeps its own medians.
    public struct UnseenSet: Sendable, Codable {
        /// The file the curves were read from.
        public var file: String
        public var points: [Point]
        public var summary: [GroupSummary]
        public var overall: GroupSummary

        public init(file: String, points: [Point]) {
            self.file = file
            self.points = points
            summary = Validation.summarize(points)
            overall = Validation.summary(of: points, group: "all")
        }
    }
}
