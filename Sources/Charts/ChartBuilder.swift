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
        spec.provenance = provenance(analysis, figure: figure)
        spec.xRange = figure.xRange
        spec.yRange = figure.yRange
        spec.xColumn = "\(figure.x.name) (\(figure.x.unit))"
        spec.yColumn = "\(figure.y.name) (\(figure.y.unit))"
        spec.sharedY = figure.sharedY
        spec.showsText = figure.showsTitles
        switch figure.kind {
        case "roi": try spec.addROI(data, figure: figure, analysis: analysis, assumptions: assumptions)
        case "bars": try spec.addBars(data, figure: figure, analysis: analysis)
        default: try spec.addPanels(data, figure: figure, analysis: analysis)
        }
        return spec
    }

    mutating func addPanels(_ data: FigureData, figure: FigureSpec, analysis: AnalysisDocument) throws(InputError) {
        let styles = SeriesStyles(data.series.map(\.key))
        var annotated = Set<Int>()
        for panel in data.panelKeys {
            var series: [Series] = []
            var frontiers: [FigureSeries: FrontierRecord] = [:]
            for key in data.series {
                guard let group = data.groups[panel]?[key] else { continue }
                let frontier = try data.frontier(of: key, in: panel, analysis: analysis)
                frontiers[key] = frontier
                let errors = frontier.points.map { analysis.points[$0.index].expected_tput_error ?? 0 }
                series.append(Series(name: key.label, color: styles.color(key.key), marker: styles.marker(key.key),
                                     dashed: data.isMeasured(key), points: group.map(\.plotted),
                                     frontier: frontier.points.map { Point($0.x, $0.y) },
                                     band: figure.errorBand && errors.contains { $0 > 0 } ? errors : []))
                series[series.count - 1].gpu = key.key.hw
                series[series.count - 1].variant = key.key.variant
            }
            guard series.count <= Self.maxSeriesPerPanel else {
                let name = [panel.column, panel.row].filter { !$0.isEmpty }.joined(separator: ", ")
                throw InputError(
                    file: figure.file, key: "group", value: "\(series.count) series in panel \(name.isEmpty ? "(all)" : name)",
                    problem: "more series than a reader can tell apart in one panel",
                    allowed: "at most \(Self.maxSeriesPerPanel): split with panels or rows, filter, or group = \"hw\"")
            }
            var annotations: [Annotation] = []
            for (index, a) in figure.annotations.enumerated() where a.panel == nil || a.panel == panel.column {
                guard let top = data.series.first(where: { $0.label == a.numerator }).flatMap({ frontiers[$0] }),
                      let bottom = data.series.first(where: { $0.label == a.denominator }).flatMap({ frontiers[$0] }) else { continue }
                annotated.insert(index)
                let text = IsoInteractivity.ratio(top.curve, over: bottom.curve, at: a.at).map { ValueFormat.ratio.text($0) } ?? "n/a"
                let level = TickLabels.format(a.at, decimals: 0)
                let pair = "\(top.series.short) / \(bottom.series.short)"
                annotations.append(Annotation(x: a.at, label: "\(pair): \(text) at \(level) tok/s/user"))
            }
            panels.append(Panel(title: figure.panels == nil ? nil : figure.title(panel.column),
                                row: figure.rows == nil ? nil : figure.title(panel.row), series: series, annotations: annotations))
        }
        gridColumns = data.columns.count
        if let missing = figure.annotations.indices.first(where: { !annotated.contains($0) }) {
            let a = figure.annotations[missing]
            throw InputError(file: figure.file, key: "annotation", value: "\(a.numerator) / \(a.denominator)",
                             problem: "no panel\(a.panel.map { " \($0)" } ?? "") has both groups:",
                             allowed: data.series.map(\.label).joined(separator: ", "))
        }
        guard panels.contains(where: { !$0.series.isEmpty }) else {
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
        let categories = figure.levels.map { TickLabels.format($0, decimals: 0) }
        let styles = SeriesStyles(data.series.map(\.key))
        for panel in data.panelKeys {
            guard let base = data.groups[panel]?[baseline], let anchor = base.first?.point else { continue }
            let series = data.series.filter { $0 != baseline }.compactMap { key -> BarSeries? in
                guard data.groups[panel]?[key] != nil else { return nil }
                let values = figure.levels.map { level in
                    table.first {
                        $0.model == anchor.configuration.model && $0.scenario == anchor.scenario && $0.numerator == key.key.hw
                            && $0.interactivity == level
                    }?.value
                }
                return BarSeries(name: "\(key.label) / \(baselineName)", color: styles.color(key.key), values: values)
            }
            guard !series.isEmpty else { continue }
            bars.append(BarPanel(title: figure.panels == nil ? nil : figure.title(panel.column), categories: categories, series: series,
                                 reference: 1, valueFormat: .ratio))
        }
        guard !bars.isEmpty else {
            throw InputError(
                file: figure.file, key: "baseline", value: baselineName, problem: "no panel has both the baseline and another group")
        }
        xLabel = "Service level: interactivity of at least (tok/s/user)"
        xColumn = "min_intvty (tok/s/user)"
        yColumn = "\(figure.y.name)_ratio_to_\(baselineName) (×)"
        yLabel = "\(figure.y.label), ratio to \(baselineName)"
    }

    /// ROI multiple of a deployment of each GPU at each price, from the analysis' ROI table.
    mutating func addROI(_ data: FigureData, figure: FigureSpec, analysis: AnalysisDocument, assumptions: Assumptions) throws(InputError) {
        let r = assumptions.roi
        var series: [BarSeries] = []
        var implied: [String] = []
        let styles = SeriesStyles(data.series.map(\.key))
        for key in data.series {
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
                BarSeries(name: "\(key.label) (\(record.deployment.gpus) GPUs)", color: styles.color(key.key), values: values))
        }
        guard !series.isEmpty else {
            throw InputError(file: figure.file, problem: "no group reaches \(r.interactivity.fixedDecimals(0)) tok/s/user in \(r.scenario)")
        }
        bars = [BarPanel(title: nil, categories: figure.levels.map { "$\($0.fixedDecimals(2))" }, series: series,
                         reference: r.claimedMultiple, valueFormat: .multiple)]
        xLabel = "Price per million tokens (USD)"
        xColumn = "price (USD/Mtok)"
        yColumn = "roi_multiple (×)"
        yLabel = "Revenue ÷ deployment cost (×)"
        let money = "$\((r.deploymentUSD / 1e6).fixedDecimals(1))M over \(r.lifeYears.fixedDecimals(0)) years"
        let utilization = "\((r.utilization * 100).fixedDecimals(0))% utilization"
        let condition = "\(r.scenario) at \(r.interactivity.fixedDecimals(0)) tok/s/user; \(money) at \(utilization)"
        let reached = implied.joined(separator: ", ")
        let claim = "Dashed line: the claimed \(r.claimedMultiple.fixedDecimals(0))×, reached at \(reached) per million tokens."
        caption = [caption, "\(condition). \(claim)"].compactMap { $0 }.joined(separator: " ")
    }

    /// "tokenomics 0.1.0 · data fnv1a64:… · sweep … · catalog … · profile … · assumptions … · figure NAME".
    static func provenance(_ analysis: AnalysisDocument, figure: FigureSpec) -> String {
        let keys = [("data", "digest"), ("sweep", "sweep_digest"), ("catalog", "catalog_digest"), ("profile", "profile_digest"),
                    ("assumptions", "assumptions_digest")]
        let parts = [analysis.provenance["tool"] ?? "tokenomics"] + keys.compactMap { name, key in
            analysis.provenance[key].map { "\(name) \($0)" }
        }
        return (parts + ["figure \(figure.name)"]).joined(separator: " · ")
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
