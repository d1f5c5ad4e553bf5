import Analysis
import Catalog
import Foundation

extension ChartSpec {
    /// Base and candidate frontiers of one model, one panel per ISL/OSL: each series in its
    /// colour, the base's markers hollow-looking (lighter) and the candidate's solid.
    public static func comparison(base: AnalysisDocument, candidate: AnalysisDocument, metric: Metric, model: String,
                                  names: (String, String)) throws(InputError) -> ChartSpec {
        let points = { (doc: AnalysisDocument) in doc.points.filter { $0.model == model } }
        let a = points(base), b = points(candidate)
        guard !a.isEmpty || !b.isEmpty else {
            throw InputError(key: "--model", value: model, problem: "no points of this model in either analysis",
                             allowed: Set(base.points.map(\.model) + candidate.points.map(\.model)).listed)
        }
        let scenarios = Set((a + b).map { "\($0.isl)\u{1}\($0.osl)\u{1}\($0.scenario)" }).sorted {
            let l = $0.split(separator: "\u{1}"), r = $1.split(separator: "\u{1}")
            return (Int(l[0])!, Int(l[1])!) < (Int(r[0])!, Int(r[1])!)
        }.map { String($0.split(separator: "\u{1}")[2]) }
        let series = Set((a + b).map(\.series)).sorted {
            (GroupedCurves.hardwareOrder($0.components(separatedBy: " · ")[0]), $0) < (GroupedCurves.hardwareOrder($1.components(separatedBy: " · ")[0]), $1)
        }
        var panels: [Panel] = []
        for scenario in scenarios {
            var lines: [Series] = []
            for (index, name) in series.enumerated() {
                let style = Palette.style(index)
                for (label, list, color) in [("base", a, style.color.withAlpha(0.45)), ("candidate", b, style.color)] {
                    let chosen = list.filter { $0.scenario == scenario && $0.series == name }
                    let tradeoff = chosen.enumerated().compactMap { i, p in metric.value(of: p).map { TradeoffPoint(x: p.median_intvty, y: $0, index: i) } }
                    guard !tradeoff.isEmpty else { continue }
                    let frontier = Frontier.of(tradeoff, goal: metric.goal).map { Point($0.x, $0.y) }
                    lines.append(Series(name: "\(name) (\(label))", color: color, marker: style.marker, points: [], frontier: frontier))
                }
            }
            if !lines.isEmpty { panels.append(Panel(title: scenario, series: lines)) }
        }
        return ChartSpec(title: "\(model): \(names.1) against \(names.0)", subtitle: "Frontiers of \(metric.label); base faint, candidate solid.",
                         caption: nil, footnote: "tokenomics compare · base \(base.provenance["digest"] ?? "n/a") · candidate \(candidate.provenance["digest"] ?? "n/a")",
                         xLabel: Metric.interactivity.label, yLabel: metric.label,
                         xScale: .linear, yScale: metric.goal == .minimize ? .log : .linear, steps: true, panels: panels, width: 900, height: 420)
    }
}
