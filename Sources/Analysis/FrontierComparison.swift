import Catalog

/// Two analyses of the same sweep side by side (a code change, a new calibration, another
/// assumption): each series' frontier value at fixed interactivity levels in the base and the
/// candidate, and the change ("b200 · trtllm · fp4, 1k/1k: +7.1% at 50 tok/s/user").
public struct FrontierComparison: Sendable {
    public struct Row: Codable, Sendable, Equatable {
        public var model: String
        public var scenario: String
        public var series: SeriesKey
        public var interactivity: Double
        public var base: Double?
        public var candidate: Double?
        /// candidate ÷ base − 1, or nil when either frontier serves no point at the level.
        public var change: Double? {
            guard let base, let candidate, base != 0 else { return nil }
            return candidate / base - 1
        }

        /// How much worse the candidate is, as a fraction of the base, for a metric with `goal`:
        /// throughput down or cost up; infinite where the base serves the level and the candidate
        /// no longer does; nil where the base does not serve it.
        public func worsening(_ goal: Frontier.Goal) -> Double? {
            guard base != nil else { return nil }
            guard let change else { return .infinity }
            return goal == .maximize ? -change : change
        }
    }

    public let metric: Metric
    public let rows: [Row]

    /// Reads both analyses' series frontiers of `metric` against interactivity at `levels`.
    public init(base: AnalysisDocument, candidate: AnalysisDocument, metric: Metric, levels: [Double]) {
        self.metric = metric
        struct Key: Hashable {
            var model: String, scenario: String, series: SeriesKey
        }
        func curves(_ doc: AnalysisDocument) -> [Key: FrontierCurve] {
            var curves: [Key: FrontierCurve] = [:]
            for record in doc.frontiers where record.series.pooling == .series && record.x == .interactivity && record.metric == metric {
                curves[Key(model: record.model, scenario: record.scenario, series: record.series)] = record.curve
            }
            return curves
        }
        let a = curves(base), b = curves(candidate)
        let keys = Set(a.keys).union(b.keys).sorted { ($0.model, $0.scenario, $0.series.label) < ($1.model, $1.scenario, $1.series.label) }
        rows = keys.flatMap { key in
            levels.map { level in
                Row(model: key.model, scenario: key.scenario, series: key.series, interactivity: level,
                    base: a[key]?.value(at: level), candidate: b[key]?.value(at: level))
            }
        }
    }

    /// The rows whose candidate is worse than the base by more than `limit` (a fraction), worst first.
    public func worsened(beyond limit: Double) -> [Row] {
        rows.filter { ($0.worsening(metric.goal) ?? -.infinity) > limit }.sorted {
            ($0.worsening(metric.goal) ?? 0, $1.series.label) > ($1.worsening(metric.goal) ?? 0, $0.series.label)
        }
    }

    /// One line for the top of a pull-request comment: how many compared values worsen by more
    /// than `limit` (or moved at all, without one) and the worst of them.
    public func summary(limit: Double?) -> String {
        let compared = rows.filter { $0.base != nil }.count
        let worse = worsened(beyond: limit ?? 0)
        guard let worst = worse.first else {
            let bound = limit.map { "by more than \(($0 * 100).fixed(1))%" } ?? "at all"
            return "**No frontier value of \(metric) worsens \(bound)** (\(compared) values compared)."
        }
        let bound = limit.map { " by more than \(($0 * 100).fixed(1))%" } ?? ""
        let change = worst.change.map { ($0 >= 0 ? "+" : "") + ($0 * 100).fixed(1) + "%" } ?? "no longer served"
        return "**\(worse.count) of \(compared) frontier values of \(metric) worsen\(bound)**; worst: \(worst.series.label), "
            + "\(worst.model) \(worst.scenario) at \(worst.interactivity.fixed(0)) tok/s/user, \(change)."
    }

    /// Markdown for a review comment: the summary line, then one table row per series and level
    /// (the change in percent) in a collapsible section.
    public func markdown(limit: Double? = nil) -> String {
        var lines = ["| Model | ISL/OSL | Series | tok/s/user | base | candidate | change |", "|---|---|---|---:|---:|---:|---:|"]
        for r in rows {
            let change = r.change.map { ($0 >= 0 ? "+" : "") + ($0 * 100).fixed(1) + "%" } ?? "n/a"
            let values = [r.base, r.candidate].map { $0.map(Self.value) ?? "n/a" }
            lines.append(
                "| \(r.model) | \(r.scenario) | \(r.series.label) | \(r.interactivity.fixed(0)) | \(values[0]) | \(values[1]) | \(change) |"
            )
        }
        return summary(limit: limit) + "\n\n<details><summary>Frontier \(metric) at fixed interactivity, candidate against base "
            + "(\(rows.count) rows)</summary>\n\n" + lines.joined(separator: "\n") + "\n\n</details>\n"
    }

    static func value(_ v: Double) -> String { v >= 100 ? v.fixed(0) : v.fixed(3) }
}
