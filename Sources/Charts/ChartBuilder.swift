import Analysis
import Catalog
import Foundation

extension ChartSpec {
    /// Builds the chart of `figure` from `analysis`, reading the frontiers, ratios and returns the
    /// analysis wrote. Points whose metrics are NaN or infinite (or not positive on a log axis)
    /// are left out and counted in `dropped`; no data is an error.
    public static func build(_ figure: FigureSpec, analysis: AnalysisDocument, assumptions: Assumptions = .standard,
                             catalog: Catalog = .standard, dropped: inout Int) throws(InputError) -> ChartSpec {
        let selected = analysis.points.filter(figure.accepts)
        guard !selected.isEmpty else {
            throw InputError(
                file: figure.file, key: "filter",
                problem: "no data after filtering \(analysis.points.count) points of sweep \(figure.sweeps.joined(separator: ", "))")
        }
        dropped = 0
        let data = FigureData(selected, figure: figure, catalog: catalog, dropped: &dropped)
        let subtitle = try figure.subtitle.map { text throws(InputError) in
            try FigureText.filled(text, points: data.drawn, file: figure.file, key: "subtitle")
        }
        let caption = try figure.caption.map { text throws(InputError) in
            try FigureText.filled(text, points: data.drawn, file: figure.file, key: "caption")
        }
        var spec = ChartSpec(title: figure.title, subtitle: subtitle, caption: caption,
                             footnote: footnote(analysis, figure: figure), xLabel: figure.x.label, yLabel: figure.y.label,
                             xScale: figure.xScale, yScale: figure.yScale, steps: figure.kind == "pareto", panels: [],
                             width: figure.width, height: figure.height)
        spec.xRange = figure.xRange
        spec.yRange = figure.yRange
        switch figure.kind {
        case "roi": try spec.addROI(data, figure: figure, analysis: analysis, assumptions: assumptions)
        case "bars": try spec.addBars(data, figure: figure, analysis: analysis)
        default: try spec.addPanels(data, figure: figure, analysis: analysis)
        }
        return spec
    }

    mutating func addPanels(_ data: FigureData, figure: FigureSpec, analysis: AnalysisDocument) throws(InputError) {
        for panel in data.panelKeys {
            var series: [Series] = []
            var frontiers: [FigureSeries: FrontierRecord] = [:]
            for (index, key) in data.series.enumerated() {
                guard let group = data.groups[panel]?[key] else { continue }
                let frontier = try data.frontier(of: key, in: panel, analysis: analysis)
                frontiers[key] = frontier
                let style = Palette.style(index)
                let errors = frontier.points.map { analysis.points[$0.index].expected_tput_error ?? 0 }
                series.append(Series(name: key.label, color: style.color, marker: style.marker,
                                     points: group.map(\.plotted), frontier: frontier.points.map { Point($0.x, $0.y) },
                                     band: figure.errorBand && errors.contains { $0 > 0 } ? errors : []))
            }
            guard !series.isEmpty else { continue }
            var annotations: [Annotation] = []
            for a in figure.annotations where a.panel == nil || a.panel == panel {
                let pair = (data.series.first { $0.label == a.numerator }, data.series.first { $0.label == a.denominator })
                guard let numerator = pair.0, let denominator = pair.1, let top = frontiers[numerator], let bottom = frontiers[denominator]
                else {
                    throw InputError(file: figure.file, key: "annotation", value: "\(a.numerator) / \(a.denominator)",
                                     problem: "no such groups in panel \(panel.isEmpty ? "(all)" : panel):",
                                     allowed: data.series.map(\.label).joined(separator: ", "))
                }
                let text = IsoInteractivity.ratio(top.curve, over: bottom.curve, at: a.at).map { ValueFormat.ratio.text($0) } ?? "n/a"
                let level = TickLabels.format(a.at, decimals: 0)
                annotations.append(
                    Annotation(x: a.at, label: "\(numerator.key.short) / \(denominator.key.short): \(text) at \(level) tok/s/user"))
            }
            panels.append(Panel(title: figure.panels == nil ? nil : panel, series: series, annotations: annotations))
        }
        guard !panels.isEmpty else {
            throw InputError(file: figure.file, problem: "no finite values of \(figure.x.name) and \(figure.y.name) to plot")
        }
    }

    /// Each GPU's ratio to the baseline at the figure's levels, from the analysis' ratio table.
    mutating func addBars(_ data: FigureData, figure: FigureSpec, analysis: AnalysisDocument) throws(InputError) {
        let baselineName = figure.baseline ?? ""
        guard let baseline = data.series.first(where: { $0.label == baselineName }) else {
            throw InputError(file: figure.file, key: "baseline", value: baselineName, problem: "no such group",
                             allowed: data.series.map(\.label).joined(separator: ", "))
        }
        let table = analysis.ratios.filter { $0.metric == figure.y && $0.denominator == baseline.key.hw }
        let levels = Set(table.map(\.interactivity))
        guard !table.isEmpty, figure.levels.allSatisfy(levels.contains) else {
            throw InputError(
                file: figure.file, key: "levels", value: figure.levels.map { TickLabels.format($0, decimals: 0) }.joined(separator: ", "),
                problem:
                    "the analysis has no ratios to \(baselineName) at these levels; set [ratios] baseline and levels in the assumptions:",
                allowed: levels.sorted().map { TickLabels.format($0, decimals: 0) }.joined(separator: ", "))
        }
        let categories = figure.levels.map { "\(TickLabels.format($0, decimals: 0)) tok/s/user" }
        for panel in data.panelKeys {
            guard let base = data.groups[panel]?[baseline], let anchor = base.first?.point else { continue }
            let series = data.series.filter { $0 != baseline }.enumerated().compactMap { index, key -> BarSeries? in
                guard data.groups[panel]?[key] != nil else { return nil }
                let values = figure.levels.map { level in
                    table.first {
                        $0.model == anchor.configuration.model && $0.scenario == anchor.scenario && $0.numerator == key.key.hw
                            && $0.interactivity == level
                    }?.value
                }
                return BarSeries(name: "\(key.label) / \(baselineName)", color: Palette.style(index).color, values: values)
            }
            guard !series.isEmpty else { continue }
            bars.append(BarPanel(title: figure.panels == nil ? nil : panel, categories: categories, series: series,
                                 reference: 1, valueFormat: .ratio))
        }
        guard !bars.isEmpty else {
            throw InputError(
                file: figure.file, key: "baseline", value: baselineName, problem: "no panel has both the baseline and another group")
        }
        xLabel = "Interactivity level"
        yLabel = "\(figure.y.label), ratio to \(baselineName)"
    }

    /// ROI multiple of a deployment of each GPU at each price, from the analysis' ROI table.
    mutating func addROI(_ data: FigureData, figure: FigureSpec, analysis: AnalysisDocument, assumptions: Assumptions) throws(InputError) {
        let r = assumptions.roi
        var series: [BarSeries] = []
        var implied: [String] = []
        for (index, key) in data.series.enumerated() {
            guard let record = analysis.roi.first(where: { $0.hw == key.key.hw }) else { continue }
            var values: [Double?] = []
            for level in figure.levels {
                guard let priced = record.multiples.first(where: { $0.price_usd_per_mtok == level }) else {
                    throw InputError(
                        file: figure.file, key: "levels", value: level.fixedDecimals(2),
                        problem: "the analysis tabulates no multiple at this price; set [roi] price_levels in the assumptions:",
                        allowed: record.multiples.map { $0.price_usd_per_mtok.fixedDecimals(2) }.joined(separator: ", "))
                }
                values.append(priced.multiple)
            }
            implied.append("\(key.label) $\(record.implied_usd_per_mtok.fixedDecimals(2))")
            series.append(
                BarSeries(name: "\(key.label) (\(record.deployment.gpus) GPUs)", color: Palette.style(index).color, values: values))
        }
        guard !series.isEmpty else {
            throw InputError(file: figure.file, problem: "no group reaches \(r.interactivity.fixedDecimals(0)) tok/s/user in \(r.scenario)")
        }
        bars = [BarPanel(title: nil, categories: figure.levels.map { "$\($0.fixedDecimals(2))/Mtok" }, series: series,
                         reference: r.claimedMultiple, valueFormat: .multiple)]
        xLabel = "Price per million tokens"
        yLabel = "Revenue ÷ deployment cost (×)"
        let money = "$\((r.deploymentUSD / 1e6).fixedDecimals(1))M over \(r.lifeYears.fixedDecimals(0)) years"
        let utilization = "\((r.utilization * 100).fixedDecimals(0))% utilization"
        let condition = "\(r.scenario) at \(r.interactivity.fixedDecimals(0)) tok/s/user; \(money) at \(utilization)"
        let reached = implied.joined(separator: ", ")
        let claim = "Dashed line: the claimed \(r.claimedMultiple.fixedDecimals(0))×, reached at \(reached) per million tokens."
        caption = [caption, "\(condition). \(claim)"].compactMap { $0 }.joined(separator: " ")
    }

    static func footnote(_ analysis: AnalysisDocument, figure: FigureSpec) -> String {
        let kind =
            analysis.source == "measured"
            ? "Measured (InferenceMAX results)" : (analysis.source == "emulated" ? "Emulated" : "Emulated and measured")
        let tool = analysis.provenance["tool"] ?? "tokenomics"
        let data = analysis.provenance["digest"] ?? "n/a"
        return "\(kind) · \(tool) · data \(data) · figure \(figure.name)"
    }
}
