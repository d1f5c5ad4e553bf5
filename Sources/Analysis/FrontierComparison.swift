import Catalog

/// Two analyses of the same sweep side by side (a code change, a new calibration, another
/// assumption): each series' frontier value at fixed interactivity levels in the base and the
/// candidate, and the change ("b200 · trtllm · fp4, 1k/1k: +7.1% at 50 tok/s/user").
public struct FrontierComparison: Sendable {
    public struct Row: Codable, Sendable, Equatable {
        public var model: String
        public var scenario: String
        public var series: String
        public var interactivity: Double
        public var base: Double?
        public var candidate: Double?
        /// candidate ÷ base − 1, or nil when either frontier does not reach the level.
        public var change: Double? {
            guard let base, let candidate, base != 0 else { return nil }
            return candidate / base - 1
        }
    }

    public let metric: Metric
    public let rows: [Row]

    public init(base: AnalysisDocument, candidate: AnalysisDocument, metric: Metric, levels: [Double]) {
        self.metric = metric
        func curves(_ doc: AnalysisDocument) -> [String: FrontierCurve] {
            var members: [String: [TradeoffPoint]] = [:]
            for (i, p) in doc.points.enumerated() {
                guard let y = metric.value(of: p) else { continue }
                members["\(p.model)\u{1}\(p.scenario)\u{1}\(p.series)", default: []].append(TradeoffPoint(x: p.median_intvty, y: y, index: i))
            }
            return members.mapValues { FrontierCurve($0, goal: metric.goal) }
        }
        let a = curves(base), b = curves(candidate)
        var rows: [Row] = []
        for key in Set(a.keys).union(b.keys).sorted() {
            let parts = key.split(separator: "\u{1}").map(String.init)
            for level in levels {
                rows.append(Row(model: parts[0], scenario: parts[1], series: parts[2], interactivity: level,
                                base: a[key]?.value(at: level), candidate: b[key]?.value(at: level)))
            }
        }
        self.rows = rows
    }

    /// A Markdown table for a review: one line per series and level, the change in percent.
    public var markdown: String {
        var lines = ["| Model | ISL/OSL | Series | tok/s/user | base | candidate | change |", "|---|---|---|---:|---:|---:|---:|"]
        for r in rows {
            let change = r.change.map { ($0 >= 0 ? "+" : "") + ($0 * 100).fixed(1) + "%" } ?? "n/a"
            lines.append("| \(r.model) | \(r.scenario) | \(r.series) | \(r.interactivity.fixed(0)) | \(r.base.map(Self.value) ?? "n/a") | \(r.candidate.map(Self.value) ?? "n/a") | \(change) |")
        }
        return "Frontier \(metric) at fixed interactivity, candidate against base.\n\n" + lines.joined(separator: "\n") + "\n"
    }

    static func value(_ v: Double) -> String { v >= 100 ? v.fixed(0) : v.fixed(3) }
}
