import Analysis
import Catalog
import Foundation

extension ChartSpec {
    /// Builds the chart of `figure` from `analysis`. Points whose metrics are NaN or infinite (or
    /// not positive on a log axis) are left out and counted in `dropped`; no data is an error.
    public static func build(_ figure: FigureSpec, analysis: AnalysisDocument, assumptions: Assumptions = .standard,
                             catalog: Catalog = .standard, dropped: inout Int) throws(InputError) -> ChartSpec {
        let selected = analysis.points.filter(figure.accepts)
        guard !selected.isEmpty else {
            throw InputError(file: "figures/\(figure.name).toml", key: "filter",
                             problem: "no data after filtering \(analysis.points.count) points of sweep \(figure.sweeps.joined(separator: ", "))")
        }
        dropped = 0
        let groups = GroupedCurves(selected, figure: figure, dropped: &dropped)
        var spec = ChartSpec(title: figure.title, subtitle: figure.subtitle, caption: figure.caption,
                             footnote: footnote(analysis, figure: figure),
                             xLabel: figure.x.label, yLabel: figure.y.label,
                             xScale: figure.xScale, yScale: figure.yScale, steps: figure.kind == "pareto", panels: [],
                             width: figure.width, height: figure.height)
        spec.xRange = figure.xRange
        spec.yRange = figure.yRange
        if figure.kind == "roi" {
            try spec.addROI(groups, figure: figure, assumptions: assumptions, catalog: catalog)
        } else if figure.kind == "bars" {
            try spec.addBars(groups, figure: figure)
        } else {
            try spec.addPanels(groups, figure: figure)
        }
        return spec
    }

    mutating func addPanels(_ groups: GroupedCurves, figure: FigureSpec) throws(InputError) {
        for panel in groups.panelKeys {
            var series: [Series] = []
            for (index, key) in groups.seriesKeys.enumerated() {
                guard let curve = groups.curves[panel]?[key] else { continue }
                let style = Palette.style(index)
                series.append(Series(name: key, color: style.color, marker: style.marker,
                                     points: curve.all, frontier: curve.frontier.points.map { Point($0.x, $0.y) }))
            }
            guard !series.isEmpty else { continue }
            var annotations: [Annotation] = []
            for a in figure.annotations where a.panel == nil || a.panel == panel {
                guard let numerator = groups.curves[panel]?[a.numerator], let denominator = groups.curves[panel]?[a.denominator] else {
                    throw InputError(file: "figures/\(figure.name).toml", key: "annotation",
                                     value: "\(a.numerator) / \(a.denominator)", problem: "no such groups in panel \(panel.isEmpty ? "(all)" : panel):",
                                     allowed: groups.seriesKeys.joined(separator: ", "))
                }
                let ratio = IsoInteractivity.ratio(numerator.frontier, over: denominator.frontier, at: a.at)
                let text = ratio.map { ValueFormat.ratio.text($0) } ?? "n/a"
                annotations.append(Annotation(x: a.at, label: "\(Self.short(a.numerator)) / \(Self.short(a.denominator)): \(text) at \(TickLabels.format(a.at, decimals: 0)) tok/s/user"))
            }
            panels.append(Panel(title: figure.panels == nil ? nil : panel, series: series, annotations: annotations))
        }
        guard !panels.isEmpty else {
            throw InputError(file: "figures/\(figure.name).toml", problem: "no finite values of \(figure.x.name) and \(figure.y.name) to plot")
        }
    }

    mutating func addBars(_ groups: GroupedCurves, figure: FigureSpec) throws(InputError) {
        let baseline = figure.baseline ?? ""
        guard groups.seriesKeys.contains(baseline) else {
            throw InputError(file: "figures/\(figure.name).toml", key: "baseline", value: baseline, problem: "no such group",
                             allowed: groups.seriesKeys.joined(separator: ", "))
        }
        let others = groups.seriesKeys.filter { $0 != baseline }
        let categories = figure.levels.map { "\(TickLabels.format($0, decimals: 0)) tok/s/user" }
        for panel in groups.panelKeys {
            guard let base = groups.curves[panel]?[baseline] else { continue }
            let series = others.enumerated().compactMap { index, key -> BarSeries? in
                guard let curve = groups.curves[panel]?[key] else { return nil }
                let values = figure.levels.map { IsoInteractivity.ratio(curve.frontier, over: base.frontier, at: $0) }
                return BarSeries(name: "\(key) / \(baseline)", color: Palette.style(index).color, values: values)
            }
            guard !series.isEmpty else { continue }
            bars.append(BarPanel(title: figure.panels == nil ? nil : panel, categories: categories, series: series,
                                 reference: 1, valueFormat: .ratio))
        }
        guard !bars.isEmpty else {
            throw InputError(file: "figures/\(figure.name).toml", key: "baseline", value: baseline,
                             problem: "no panel has both the baseline and another group")
        }
        xLabel = "Interactivity level"
        yLabel = "\(figure.y.label), ratio to \(baseline)"
    }

    /// ROI multiple of a deployment of each group at each price: the [roi] system with its GPU
    /// count, the others with as many GPUs as the same money buys at their catalog capex.
    mutating func addROI(_ groups: GroupedCurves, figure: FigureSpec, assumptions: Assumptions, catalog: Catalog) throws(InputError) {
        let r = assumptions.roi
        guard let panel = groups.panelKeys.first(where: { $0 == r.scenario }) ?? (figure.panels == nil ? groups.panelKeys.first : nil) else {
            throw InputError(file: "figures/\(figure.name).toml", key: "panels", value: r.scenario, problem: "no panel for the ROI scenario",
                             allowed: groups.panelKeys.joined(separator: ", "))
        }
        var series: [BarSeries] = []
        var implied: [String] = []
        for (index, key) in groups.seriesKeys.enumerated() {
            guard let curve = groups.curves[panel]?[key], let tput = curve.frontier.value(at: r.interactivity) else { continue }
            let gpus = key == r.system ? r.gpus : Int((r.deploymentUSD / (catalog.gpus[key]?.capexUSD ?? r.deploymentUSD)).rounded(.down))
            let values = figure.levels.map { price in
                ROI(tokensPerSecondPerGPU: tput, gpus: gpus, utilization: r.utilization, lifeYears: r.lifeYears,
                    priceUSDPerMtok: price, deploymentUSD: r.deploymentUSD).multiple
            }
            let roi = ROI(tokensPerSecondPerGPU: tput, gpus: gpus, utilization: r.utilization, lifeYears: r.lifeYears,
                          priceUSDPerMtok: 1, deploymentUSD: r.deploymentUSD)
            implied.append("\(key) $\(roi.impliedPrice(forMultiple: r.claimedMultiple).fixedDecimals(2))")
            series.append(BarSeries(name: "\(key) (\(gpus) GPUs)", color: Palette.style(index).color, values: values))
        }
        guard !series.isEmpty else {
            throw InputError(file: "figures/\(figure.name).toml", problem: "no group reaches \(r.interactivity.fixedDecimals(0)) tok/s/user in \(panel)")
        }
        bars = [BarPanel(title: nil, categories: figure.levels.map { "$\($0.fixedDecimals(2))/Mtok" }, series: series,
                         reference: r.claimedMultiple, valueFormat: .multiple)]
        xLabel = "Price per million tokens"
        yLabel = "Revenue ÷ deployment cost (×)"
        let condition = "\(panel) at \(r.interactivity.fixedDecimals(0)) tok/s/user; $\((r.deploymentUSD / 1e6).fixedDecimals(1))M over \(r.lifeYears.fixedDecimals(0)) years at \((r.utilization * 100).fixedDecimals(0))% utilization"
        caption = [caption, "\(condition). Dashed line: the claimed \(r.claimedMultiple.fixedDecimals(0))×, reached at \(implied.joined(separator: ", ")) per million tokens."]
            .compactMap { $0 }.joined(separator: " ")
    }

    /// "b200 fp4" from "b200 · trtllm · fp4" (hardware and precision) for compact labels.
    static func short(_ series: String) -> String {
        let parts = series.components(separatedBy: " · ")
        return parts.count >= 3 ? "\(parts[0]) \(parts[2])" : series
    }

    static func footnote(_ analysis: AnalysisDocument, figure: FigureSpec) -> String {
        let kind = analysis.source == "measured" ? "Measured (InferenceMAX results)" : (analysis.source == "emulated" ? "Emulated" : "Emulated and measured")
        let tool = analysis.provenance["tool"] ?? "tokenomics"
        let data = analysis.provenance["digest"] ?? "n/a"
        return "\(kind) · \(tool) · data \(data) · figure \(figure.name)"
    }
}

/// The selected points grouped by panel and by group key, each group with its frontier curve.
struct GroupedCurves {
    struct Curve {
        var all: [Point]
        var frontier: FrontierCurve
    }

    let panelKeys: [String]
    let seriesKeys: [String]
    var curves: [String: [String: Curve]] = [:]

    init(_ points: [AnalyzedPoint], figure: FigureSpec, dropped: inout Int) {
        panelKeys = figure.panels.map { field in Self.orderedKeys(points, scenarioFirst: true) { field.value(of: $0) } } ?? [""]
        seriesKeys = Self.orderedKeys(points, key: figure.seriesKey)
        let goal = figure.y.goal
        var members: [String: [String: [TradeoffPoint]]] = [:]
        for (i, p) in points.enumerated() {
            guard let x = figure.x.value(of: p), let y = figure.y.value(of: p), Self.usable(x, figure.xScale), Self.usable(y, figure.yScale) else {
                dropped += 1
                continue
            }
            let panel = figure.panels?.value(of: p) ?? "", key = figure.seriesKey(p)
            members[panel, default: [:]][key, default: []].append(TradeoffPoint(x: x, y: y, index: i))
        }
        // Latency charts reward small x: their frontier is taken on −x and turned back.
        let flip = figure.kind == "latency"
        for (panel, groups) in members {
            for (key, list) in groups {
                let candidates = flip ? list.map { TradeoffPoint(x: -$0.x, y: $0.y, index: $0.index) } : list
                var frontier = FrontierCurve(candidates, goal: goal)
                if flip {
                    frontier = FrontierCurve(frontier.points.reversed().map { TradeoffPoint(x: -$0.x, y: $0.y, index: $0.index) }, goal: goal, presorted: true)
                }
                curves[panel, default: [:]][key] = Curve(all: list.map { Point($0.x, $0.y) }, frontier: frontier)
            }
        }
    }

    static func usable(_ v: Double, _ scale: Scale.Kind) -> Bool { v.isFinite && (scale == .linear || v > 0) }

    /// Distinct keys in a stable, meaningful order: series by the catalog's hardware order, panels
    /// by (ISL, OSL) so scenarios read 1k/1k, 1k/8k, 8k/1k; then alphabetically.
    static func orderedKeys(_ points: [AnalyzedPoint], scenarioFirst: Bool = false, key: (AnalyzedPoint) -> String) -> [String] {
        var rank: [String: (Int, Int, Int, String)] = [:]
        for p in points {
            let k = key(p)
            let hw = hardwareOrder(p.hw)
            let candidate = scenarioFirst ? (p.isl, p.osl, hw, k) : (hw, p.isl, p.osl, k)
            if let existing = rank[k], existing < candidate { continue }
            rank[k] = candidate
        }
        return rank.keys.sorted { rank[$0]! < rank[$1]! }
    }

    static let hardware = ["h100", "h200", "b200", "gb200", "b300", "gb300", "mi300x", "mi325x", "mi355x"]
    static func hardwareOrder(_ hw: String) -> Int { hardware.firstIndex(of: hw) ?? hardware.count }
}
