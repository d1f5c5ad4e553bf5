import Analysis
import Catalog

/// A figure's selected points by panel and series, in display order: series by the catalog's GPU
/// order, columns by (ISL, OSL) so scenarios read 1k/1k, 1k/8k, 8k/1k, rows by GPU; then
/// alphabetically.
struct FigureData {
    /// A panel of the grid: its column's and its row's facet values ("" without that facet).
    struct PanelKey: Hashable {
        var column: String
        var row: String
    }

    /// A point as drawn: the analysed point and its (x, y) on the figure's axes.
    struct Plotted {
        var point: AnalyzedPoint
        var plotted: Point
    }

    let figure: FigureSpec
    let columns: [String]
    let rows: [String]
    let series: [FigureSeries]
    /// Drawable points by panel and series.
    var groups: [PanelKey: [FigureSeries: [Plotted]]] = [:]

    init(_ points: [AnalyzedPoint], figure: FigureSpec, catalog: Catalog, dropped: inout Int) {
        self.figure = figure
        columns = figure.panels.map { facet in
            Self.ordered(points, catalog: catalog, scenarioFirst: true) { facet.value(of: $0, catalog: catalog) }
        } ?? [""]
        rows = figure.rows.map { facet in Self.ordered(points, catalog: catalog) { facet.value(of: $0, catalog: catalog) } } ?? [""]
        series = Self.ordered(points, catalog: catalog, key: figure.series)
        for p in points {
            guard let x = figure.x.value(of: p), let y = figure.y.value(of: p), Self.usable(x, figure.xScale), Self.usable(y, figure.yScale)
            else {
                dropped += 1
                continue
            }
            let panel = PanelKey(column: figure.panels?.value(of: p, catalog: catalog) ?? "",
                                 row: figure.rows?.value(of: p, catalog: catalog) ?? "")
            groups[panel, default: [:]][figure.series(p), default: []].append(Plotted(point: p, plotted: Point(x, y)))
        }
    }

    /// Every panel of the grid, row-major.
    var panelKeys: [PanelKey] { rows.flatMap { row in columns.map { PanelKey(column: $0, row: row) } } }

    /// Whether every drawn point of `series` is a measurement.
    func isMeasured(_ series: FigureSeries) -> Bool {
        series.source.map { $0 == "measured" }
            ?? groups.values.contains { $0[series]?.allSatisfy { $0.point.source == "measured" } ?? false }
    }

    /// Every point drawn, in any order (what subtitles and captions describe: `FigureText`).
    var drawn: [AnalyzedPoint] { groups.values.flatMap { $0.values.flatMap { $0.map(\.point) } } }

    /// The frontier the analysis wrote for `series` in `panel`: its points must come from one
    /// source, model and scenario.
    func frontier(of series: FigureSeries, in panel: PanelKey, analysis: AnalysisDocument) throws(InputError) -> FrontierRecord {
        let members = groups[panel]?[series] ?? []
        let cases = Set(members.map { [$0.point.source, $0.point.configuration.model, $0.point.scenario] })
        guard cases.count == 1, let c = cases.first else {
            throw InputError(file: figure.file, key: figure.panels == nil ? "panels" : "filter", value: series.label,
                             problem: "the series mixes \(cases.count) sources, models or scenarios in one panel; panel or filter by"
                                 + " scenario and model, or group by source too")
        }
        guard let record = analysis.frontiers.first(where: {
            $0.source == c[0] && $0.matches(model: c[1], scenario: c[2], series: series.key, x: figure.x, metric: figure.y)
        }) else {
            throw InputError(file: figure.file, key: "y", value: figure.y.name,
                             problem: "the analysis has no frontier of \(series.label) in \(c[1]) \(c[2]); run tokenomics analyze again")
        }
        return record
    }

    static func usable(_ v: Double, _ scale: Scale.Kind) -> Bool { v.isFinite && (scale == .linear || v > 0) }

    /// Distinct keys ranked by their first (GPU, ISL, OSL) — or (ISL, OSL, GPU) for panels — then by label;
    /// "none" and "false" lead.
    static func ordered<Key: Hashable>(_ points: [AnalyzedPoint], catalog: Catalog, scenarioFirst: Bool = false,
                                       key: (AnalyzedPoint) -> Key, label: (Key) -> String) -> [Key] {
        var rank: [Key: (Int, Int, Int, Int, String)] = [:]
        for p in points {
            let k = key(p), c = p.configuration
            let hw = catalog.rank(ofGPU: c.hw)
            // A facet's absent value (no speculative decoding, not disaggregated) leads, as the baseline.
            let baseline = ["none", "false"].contains(label(k)) ? 0 : 1
            let candidate = scenarioFirst ? (c.isl, c.osl, baseline, hw, label(k)) : (baseline, hw, c.isl, c.osl, label(k))
            if let existing = rank[k], existing < candidate { continue }
            rank[k] = candidate
        }
        return rank.sorted { $0.value < $1.value }.map(\.key)
    }

    static func ordered(_ points: [AnalyzedPoint], catalog: Catalog, scenarioFirst: Bool = false,
                        key: (AnalyzedPoint) -> String) -> [String] {
        ordered(points, catalog: catalog, scenarioFirst: scenarioFirst, key: key, label: { $0 })
    }

    static func ordered(_ points: [AnalyzedPoint], catalog: Catalog, key: (AnalyzedPoint) -> FigureSeries) -> [FigureSeries] {
        ordered(points, catalog: catalog, key: key, label: \.label)
    }
}
