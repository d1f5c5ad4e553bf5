import Analysis
import Catalog
import Foundation

/// A chart as values, ready for layout: panels of series of points, axis scales and texts.
public struct ChartSpec: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public var name: String
        public var color: Color
        public var marker: Palette.Marker
        /// Every measured point, drawn faintly.
        public var points: [Point]
        /// The frontier in ascending x, drawn as a step line with markers.
        public var frontier: [Point]

        public init(name: String, color: Color, marker: Palette.Marker, points: [Point], frontier: [Point]) {
            self.name = name
            self.color = color
            self.marker = marker
            self.points = points
            self.frontier = frontier
        }
    }

    public struct Panel: Sendable, Equatable {
        public var title: String?
        public var series: [Series]

        public init(title: String?, series: [Series]) {
            self.title = title
            self.series = series
        }
    }

    public var title: String
    public var subtitle: String?
    public var caption: String?
    public var footnote: String
    public var xLabel: String
    public var yLabel: String
    public var xScale: Scale.Kind
    public var yScale: Scale.Kind
    /// Whether frontiers are drawn as `vh` steps (Pareto kinds) or straight lines.
    public var steps: Bool
    public var panels: [Panel]
    public var width: Double
    public var height: Double

    public init(title: String, subtitle: String?, caption: String?, footnote: String, xLabel: String, yLabel: String,
                xScale: Scale.Kind, yScale: Scale.Kind, steps: Bool, panels: [Panel], width: Double, height: Double) {
        self.title = title
        self.subtitle = subtitle
        self.caption = caption
        self.footnote = footnote
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.steps = steps
        self.panels = panels
        self.width = width
        self.height = height
    }

    /// All series names in legend order.
    public var seriesNames: [String] {
        var seen: [String] = []
        for panel in panels { for s in panel.series where !seen.contains(s.name) { seen.append(s.name) } }
        return seen
    }
}

extension ChartSpec {
    /// Builds the chart of `figure` from `analysis`. Points whose metrics are NaN or infinite (or
    /// not positive on a log axis) are left out and counted in `dropped`; no data is an error.
    public static func build(_ figure: FigureSpec, analysis: AnalysisDocument, dropped: inout Int) throws(InputError) -> ChartSpec {
        let selected = analysis.points.filter(figure.accepts)
        guard !selected.isEmpty else {
            throw InputError(file: "figures/\(figure.name).toml", key: "filter",
                             problem: "no data after filtering \(analysis.points.count) points of sweep \(figure.sweeps.joined(separator: ", "))")
        }
        let goal = goal(of: figure.y)
        let panelKeys = orderedKeys(selected, field: figure.panels)
        let seriesKeys = orderedKeys(selected, field: figure.group)
        var panels: [Panel] = []
        dropped = 0
        for panelKey in panelKeys {
            var series: [Series] = []
            for (index, seriesKey) in seriesKeys.enumerated() {
                let members = selected.filter { ($0.field(figure.panels ?? "") ?? "") == panelKey && $0.field(figure.group) == seriesKey }
                var points: [TradeoffPoint] = []
                for (i, p) in members.enumerated() {
                    guard let x = p.metric(figure.x), let y = p.metric(figure.y), usable(x, figure.xScale), usable(y, figure.yScale) else {
                        dropped += 1
                        continue
                    }
                    points.append(TradeoffPoint(x: x, y: y, index: i))
                }
                guard !points.isEmpty else { continue }
                let style = Palette.style(index)
                // Latency charts reward small x: take the frontier on −x and turn it back.
                let flip = figure.kind == "latency"
                let candidates = flip ? points.map { TradeoffPoint(x: -$0.x, y: $0.y, index: $0.index) } : points
                let chosen = Frontier.of(candidates, goal: goal)
                let frontier = flip ? chosen.reversed().map { TradeoffPoint(x: -$0.x, y: $0.y, index: $0.index) } : chosen
                series.append(Series(name: seriesKey, color: style.color, marker: style.marker,
                                     points: points.map { Point($0.x, $0.y) }, frontier: frontier.map { Point($0.x, $0.y) }))
            }
            if !series.isEmpty { panels.append(Panel(title: figure.panels == nil ? nil : panelKey, series: series)) }
        }
        guard !panels.isEmpty else {
            throw InputError(file: "figures/\(figure.name).toml", problem: "no finite values of \(figure.x) and \(figure.y) to plot")
        }
        return ChartSpec(title: figure.title, subtitle: figure.subtitle, caption: figure.caption,
                         footnote: footnote(analysis, figure: figure),
                         xLabel: AnalyzedPoint.metrics[figure.x] ?? figure.x, yLabel: AnalyzedPoint.metrics[figure.y] ?? figure.y,
                         xScale: figure.xScale, yScale: figure.yScale, steps: figure.kind == "pareto", panels: panels,
                         width: figure.width, height: figure.height)
    }

    static func usable(_ v: Double, _ scale: Scale.Kind) -> Bool { v.isFinite && (scale == .linear || v > 0) }

    /// Metrics where lower is better; all others are maximized.
    static func goal(of metric: String) -> Frontier.Goal {
        metric.hasPrefix("usd_per_mtok") || metric.hasPrefix("median_") && metric != "median_intvty" || metric == "joules_per_token"
            ? .minimize : .maximize
    }

    /// Distinct values of `field` in a stable, meaningful order: scenarios by (ISL, OSL), others
    /// by the catalog's hardware order, then alphabetically.
    static func orderedKeys(_ points: [AnalyzedPoint], field: String?) -> [String] {
        guard let field else { return [""] }
        var rank: [String: (Int, Int, String)] = [:]
        for p in points {
            guard let key = p.field(field), rank[key] == nil else { continue }
            rank[key] = field == "scenario" ? (p.isl, p.osl, key) : (hardwareOrder(p.hw), 0, key)
        }
        return rank.keys.sorted { rank[$0]! < rank[$1]! }
    }

    static let hardware = ["h100", "h200", "b200", "gb200", "b300", "gb300", "mi300x", "mi325x", "mi355x"]
    static func hardwareOrder(_ hw: String) -> Int { hardware.firstIndex(of: hw) ?? hardware.count }

    static func footnote(_ analysis: AnalysisDocument, figure: FigureSpec) -> String {
        let kind = analysis.source == "measured" ? "Measured (InferenceMAX results)" : (analysis.source == "emulated" ? "Emulated" : "Emulated and measured")
        let tool = analysis.provenance["tool"] ?? "tokenomics"
        let data = analysis.provenance["digest"] ?? "n/a"
        return "\(kind) · \(tool) · data \(data) · figure \(figure.name)"
    }
}
