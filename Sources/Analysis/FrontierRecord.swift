/// The Pareto frontier of one group of points — one source, model, scenario and series key — in
/// one metric (y) against another (x, interactivity or end-to-end latency), as the analysis
/// writes it and figures, ratios, comparisons and the report read it.
public struct FrontierRecord: Codable, Sendable, Equatable {
    /// Whose frontier: source, model, scenario and series key.
    public var group: FrontierGroup
    public var x: Metric
    /// The metric on y.
    public var metric: Metric
    /// The direction in which `metric` improves.
    public var goal: Frontier.Goal
    /// Lowest x measured in the group, frontier or not (nil when none is finite): below the
    /// frontier's first point down to here, that first point answers.
    public var measured_from: Double?
    /// The frontier in ascending x; each index points into the analysis' `points`.
    public var points: [TradeoffPoint]

    public var source: String { group.source }
    public var model: String { group.model }
    public var scenario: String { group.scenario }
    public var series: SeriesKey { group.series }

    /// The frontier with its monotone interpolation.
    public var curve: FrontierCurve { FrontierCurve(frontier: points, measuredFrom: measured_from) }

    /// Whether the record is the frontier of `series`' group in `model` and `scenario`, `metric` against `x`.
    public func matches(model: String, scenario: String, series: SeriesKey, x: Metric = .interactivity, metric: Metric) -> Bool {
        self.model == model && self.scenario == scenario && self.series == series && self.x == x && self.metric == metric
    }
}

/// The frontiers the analysis keeps: which metric against which, and how points are pooled.
public enum FrontierSet {
    /// Metric pairs (x, y): every cost, throughput and power metric against interactivity, and
    /// throughput against end-to-end latency. Adding a pair here makes it available everywhere.
    public static let pairs: [(x: Metric, y: Metric)] = [
        (.interactivity, .tputPerGPU), (.interactivity, .outputTputPerGPU), (.interactivity, .inputTputPerGPU),
        (.interactivity, .usdPerMtok), (.interactivity, .usdPerMtokOutput), (.interactivity, .usdPerMtokInput),
        (.interactivity, .tokensPerSecondPerMW), (.interactivity, .joulesPerToken),
        (.medianE2EL, .tputPerGPU),
    ]

    /// Whether the analysis keeps the frontier of `y` against `x`.
    public static func has(x: Metric, y: Metric) -> Bool { pairs.contains { $0.x == x && $0.y == y } }

    /// Every pair as "y against x", for error messages.
    public static var listed: String { pairs.map { "\($0.y.name) against \($0.x.name)" }.joined(separator: ", ") }

    /// Every frontier of `points`: per pooling (series, GPU), group and metric pair, groups in
    /// their key order.
    static func records(_ points: [AnalyzedPoint]) -> [FrontierRecord] {
        var records: [FrontierRecord] = []
        for pooling in SeriesKey.Pooling.allCases {
            for (key, members) in FrontierGroup.members(points, pooling: pooling) {
                for (x, y) in pairs {
                    let candidates = members.compactMap { i -> TradeoffPoint? in
                        guard let xv = x.value(of: points[i]), let yv = y.value(of: points[i]) else { return nil }
                        return TradeoffPoint(x: xv, y: yv, index: i)
                    }
                    records.append(FrontierRecord(group: key, x: x, metric: y, goal: y.goal,
                                                  measured_from: candidates.map(\.x).filter(\.isFinite).min(),
                                                  points: Frontier.of(candidates, x: x.goal, y: y.goal)))
                }
            }
        }
        return records
    }
}
