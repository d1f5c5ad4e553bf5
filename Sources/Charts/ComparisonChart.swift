import Analysis
import Catalog
import Foundation

extension ChartSpec {
    /// Base and candidate frontiers of one model, one panel per ISL/OSL, read from the two
    /// analyses: each series in its GPU's identity colour and its variant's marker, the base
    /// dashed with hollow markers, the candidate solid, the shift between them shaded. A panel
    /// shows at most eight series, those whose frontier moved most at the compared levels; the
    /// title states the change in one line.
    public static func comparison(_ comparison: FrontierComparison, base: AnalysisDocument, candidate: AnalysisDocument,
                                  model: String, names: (String, String), catalog: Catalog = .standard) throws(InputError) -> ChartSpec {
        let metric = comparison.metric
        func frontiers(_ doc: AnalysisDocument) -> [FrontierRecord] {
            doc.frontiers.filter { $0.model == model && $0.series.pooling == .series && $0.x == .interactivity && $0.metric == metric }
        }
        let a = frontiers(base), b = frontiers(candidate)
        guard !a.isEmpty || !b.isEmpty else {
            throw InputError(key: "--model", value: model, problem: "no frontiers of this model in either analysis",
                             allowed: Set(base.points.map(\.configuration.model) + candidate.points.map(\.configuration.model)).listed)
        }
        let rows = comparison.rows.filter { $0.model == model }
        let scenarios = Dictionary((a + b).map { ($0.scenario, ($0.group.isl, $0.group.osl)) }, uniquingKeysWith: { first, _ in first })
            .sorted { $0.value < $1.value }.map(\.key)
        let series = Set((a + b).map(\.series)).sorted {
            (catalog.rank(ofGPU: $0.hw), $0.label) < (catalog.rank(ofGPU: $1.hw), $1.label)
        }
        let styles = SeriesStyles(series)
        var panels: [Panel] = [], hidden = 0
        for scenario in scenarios {
            let present = series.filter { key in (a + b).contains { $0.scenario == scenario && $0.series == key } }
            let shown = Set(mostChanged(present, rows: rows.filter { $0.scenario == scenario }))
            hidden += present.count - shown.count
            var lines: [Series] = []
            for key in present where shown.contains(key) {
                for (records, dashed) in [(a, true), (b, false)] {
                    guard let record = records.first(where: { $0.scenario == scenario && $0.series == key }), !record.points.isEmpty else {
                        continue
                    }
                    var line = Series(name: key.label, color: styles.color(key), marker: styles.marker(key), dashed: dashed, points: [],
                                      frontier: record.points.map { Point($0.x, $0.y) })
                    line.gpu = key.hw
                    line.variant = key.variant
                    lines.append(line)
                }
            }
            panels.append(Panel(title: scenario, series: lines))
        }
        let summary = Self.summary(rows, metric: metric)
        let digests = "base \(base.provenance["digest"] ?? "n/a") · candidate \(candidate.provenance["digest"] ?? "n/a")"
        let shownNote = hidden > 0 ? " \(hidden) unchanged or least-changed series left out (at most 8 a panel)." : ""
        var spec = ChartSpec(
            title: "\(model): \(names.1) against \(names.0), \(summary.headline)",
            subtitle: "\(summary.range) Base dashed with hollow markers, candidate solid, the shift shaded.\(shownNote)",
            caption: nil, footnote: "tokenomics compare · \(digests)", xLabel: Metric.interactivity.label, yLabel: metric.label,
            xScale: .linear, yScale: metric.goal == .minimize ? .log : .linear, steps: true, panels: panels, width: 504, height: 300)
        spec.solidMeans = "candidate"
        spec.dashedMeans = "base"
        spec.shadesShift = true
        return spec
    }

    /// The series of one panel that changed most (largest |change| at any level; a series in only
    /// one analysis counts as changed most), at most `maxSeriesPerPanel`, in their given order.
    static func mostChanged(_ series: [SeriesKey], rows: [FrontierComparison.Row]) -> [SeriesKey] {
        guard series.count > maxSeriesPerPanel else { return series }
        func shift(_ key: SeriesKey) -> Double {
            let own = rows.filter { $0.series == key }
            if own.contains(where: { ($0.base == nil) != ($0.candidate == nil) }) { return .infinity }
            return own.compactMap { $0.change.map(abs) }.max() ?? 0
        }
        let kept = Set(series.map { ($0, shift($0)) }.sorted { $0.1 > $1.1 }.prefix(maxSeriesPerPanel).map(\.0))
        return series.filter(kept.contains)
    }

    /// The change of the metric over every series and level both analyses serve: a headline
    /// ("tput_per_gpu median +3.2%") and its range ("From −5.1% (h200 · trtllm · fp8, 1k/8k,
    /// 50 tok/s/user) to +9.0% (…).").
    static func summary(_ rows: [FrontierComparison.Row], metric: Metric) -> (headline: String, range: String) {
        let changed = rows.compactMap { row in row.change.map { (row, $0) } }.sorted { $0.1 < $1.1 }
        guard let low = changed.first, let high = changed.last else { return ("no level served by both", "") }
        func percent(_ v: Double) -> String { (v >= 0 ? "+" : "−") + (abs(v) * 100).fixedDecimals(1) + "%" }
        func at(_ r: FrontierComparison.Row) -> String {
            "\(r.series.label), \(r.scenario), \(TickLabels.format(r.interactivity, decimals: 0)) tok/s/user"
        }
        let values = changed.map(\.1), n = values.count
        let median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2
        return ("\(metric.name) median \(percent(median))", "From \(percent(low.1)) (\(at(low.0))) to \(percent(high.1)) (\(at(high.0))).")
    }
}
