import Analysis

extension ChartSpec {
    /// The data behind the chart as CSV, so a co-author can re-plot it or check a value: exactly
    /// the points and frontiers drawn (or the bars), one row each, with the units in the header
    /// and the provenance in `#` comment lines above it.
    ///
    /// Frontier charts: `panel, row, series, gpu, variant, line, layer, X, Y, expected_error`,
    /// where `line` says what the line style stands for (emulated or measured; base or
    /// candidate), `layer` is `frontier` (the line drawn) or `point` (a faint point), and
    /// `expected_error` the relative error band of a frontier point, if drawn. Bar charts:
    /// `panel, series, category, Y` (empty where the chart prints n/a).
    public var csv: String {
        let comments = ["# \(title)", "# \(provenance.isEmpty ? footnote : provenance)", "# x: \(xLabel); y: \(yLabel)"]
            .map { $0.replacingOccurrences(of: "\n", with: " ") }
        let table: String
        if bars.isEmpty {
            var rows: [[String]] = []
            for panel in panels {
                for s in panel.series {
                    let identity = [panel.title ?? "", panel.row ?? "", s.name, s.gpu, s.variant, s.dashed ? dashedMeans : solidMeans]
                    for (i, p) in s.frontier.enumerated() {
                        let error = i < s.band.count ? CSVTables.number(s.band[i]) : ""
                        rows.append(identity + ["frontier", CSVTables.number(p.x), CSVTables.number(p.y), error])
                    }
                    rows += s.points.map { identity + ["point", CSVTables.number($0.x), CSVTables.number($0.y), ""] }
                }
            }
            table = CSVTables.csv(["panel", "row", "series", "gpu", "variant", "line", "layer", xColumn, yColumn, "expected_error"], rows)
        } else {
            let rows = bars.flatMap { panel in
                panel.series.flatMap { s in
                    zip(panel.categories, s.values).map { [panel.title ?? "", s.name, $0, CSVTables.number($1)] }
                }
            }
            table = CSVTables.csv(["panel", "series", xColumn, yColumn], rows)
        }
        return comments.joined(separator: "\n") + "\n" + table
    }
}
