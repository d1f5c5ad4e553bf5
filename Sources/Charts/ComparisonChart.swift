import Analysis
import Catalog
import Foundation

extension ChartSpec {
    /// Base and candidate frontiers of one model, one panel per ISL/OSL, read from the two
    /// analyses: each series in its colour, the base's lighter and the candidate's solid.
    public static func comparison(base: AnalysisDocument, candidate: AnalysisDocument, metric: Metric, model: String,
                                  names: (String, String), catalog: Catalog = .standard) throws(InputError) -> ChartSpec {
        func frontiers(_ doc: AnalysisDocument) -> [FrontierRecord] {
            doc.frontiers.filter { $0.model == model && $0.series.pooling == .series && $0.x == .interactivity && $0.metric == metric }
        }
        let a = frontiers(base), b = frontiers(candidate)
        guard !a.isEmpty || !b.isEmpty else {
            throw InputError(key: "--model", value: model, problem: "no frontiers of this model in either analysis",
                             allowed: Set(base.points.map(\.configuration.model) + candidate.points.map(\.configuration.model)).listed)
        }
        let scenarios = Dictionary((a + b).map { ($0.scenario, ($0.group.isl, $0.group.osl)) }, uniquingKeysWith: { first, _ in first })
            .sorted { $0.value < $1.value }.map(\.key)
        let series = Set((a + b).map(\.series)).sorted {
            (catalog.rank(ofGPU: $0.hw), $0.label) < (catalog.rank(ofGPU: $1.hw), $1.label)
        }
        var panels: [Panel] = []
        for scenario in scenarios {
            var lines: [Series] = []
            for (index, key) in series.enumerated() {
                let style = Palette.style(index)
                for (label, records, color) in [("base", a, style.color.withAlpha(0.45)), ("candidate", b, style.color)] {
                    guard let record = records.first(where: { $0.scenario == scenario && $0.series == key }), !record.points.isEmpty else {
                        continue
                    }
                    lines.append(Series(name: "\(key.label) (\(label))", color: color, marker: style.marker, points: [],
                                        frontier: record.points.map { Point($0.x, $0.y) }))
                }
            }
            if !lines.isEmpty { panels.append(Panel(title: scenario, series: lines)) }
        }
        let digests = "base \(base.provenance["digest"] ?? "n/a") · candidate \(candidate.provenance["digest"] ?? "n/a")"
        return ChartSpec(
            title: "\(model): \(names.1) against \(names.0)", subtitle: "Frontiers of \(metric.label); base faint, candidate solid.",
            caption: nil, footnote: "tokenomics compare · \(digests)", xLabel: Metric.interactivity.label, yLabel: metric.label,
            xScale: .linear, yScale: metric.goal == .minimize ? .log : .linear, steps: true, panels: panels, width: 900, height: 420)
    }
}
