import Foundation

/// The analysis as CSV tables (one file each), for spreadsheets and pandas.
public enum CSVTables {
    /// File name → CSV text, rows in the analysis' deterministic order.
    public static func tables(_ doc: AnalysisDocument) -> [String: String] {
        var files: [String: String] = [:]
        files["points.csv"] = csv(
            [
                "series", "hw", "model", "framework", "precision", "scenario", "conc", "tp", "ep", "dp_attention", "gpus",
                "tput_per_gpu", "output_tput_per_gpu", "median_intvty", "median_ttft", "median_e2el",
                "usd_per_mtok", "usd_per_mtok_output", "usd_per_mtok_input", "price_tier", "tok_per_s_per_mw", "joules_per_token",
            ],
            doc.points.map { p -> [String] in
                                      let c = p.configuration
                return [
                    p.series.label, c.hw, c.model, c.framework, c.precision, p.scenario, "\(c.conc)", "\(c.tp)",
                    "\(c.ep)", "\(c.dp_attention)", "\(p.gpus)", number(p.tput_per_gpu), number(p.output_tput_per_gpu),
                    number(p.median_intvty), number(p.median_ttft), number(p.median_e2el),
                    number(Metric.usdPerMtok.value(of: p)), number(Metric.usdPerMtokOutput.value(of: p)),
                    number(Metric.usdPerMtokInput.value(of: p)),
                    p.price_tier, number(p.tok_per_s_per_mw), number(p.joules_per_token),
                ]
                                  })
        files["frontiers.csv"] = csv(["series", "pooling", "source", "model", "scenario", "x_metric", "metric", "goal", "x", "value"],
                                     doc.frontiers.flatMap { f in
                                         f.points.map {
                    [
                        f.series.label, f.series.pooling.rawValue, f.source, f.model, f.scenario, f.x.name, f.metric.name,
                        f.goal.rawValue, number($0.x), number($0.y),
                    ]
                                         }
                                     })
        files["ratios.csv"] = csv(
            ["model", "scenario", "metric", "numerator", "denominator", "interactivity", "ratio"],
            doc.ratios.map {
                [$0.model, $0.scenario, $0.metric.name, $0.numerator, $0.denominator, number($0.interactivity), number($0.value)]
            })
        files["tco.csv"] = csv(
            [
                "gpu", "capex_usd", "capital_usd_per_hour", "maintenance_usd_per_hour", "electricity_usd_per_hour",
                "hosting_usd_per_hour", "total_usd_per_hour", "market_usd_per_hour",
            ],
            doc.tco.map {
                [
                    $0.gpu, number($0.capex_usd), number($0.capital_usd_per_hour), number($0.maintenance_usd_per_hour),
                    number($0.electricity_usd_per_hour), number($0.hosting_usd_per_hour), number($0.total_usd_per_hour),
                    number($0.market_usd_per_hour),
                ]
            })
        if !doc.comparison.isEmpty {
            files["comparison.csv"] = csv(["hw", "model", "framework", "precision", "isl", "osl", "conc", "tp", "ep", "dp_attention",
                                           "measured_tput_per_gpu", "emulated_tput_per_gpu", "tput_error", "measured_median_intvty",
                                           "emulated_median_intvty", "intvty_error"],
                                          doc.comparison.map { row -> [String] in
                                              let c = row.configuration
                    return [
                        c.hw, c.model, c.framework, c.precision, "\(c.isl)", "\(c.osl)", "\(c.conc)", "\(c.tp)",
                        "\(c.ep)", "\(c.dp_attention)", number(row.measured_tput_per_gpu),
                        number(row.emulated_tput_per_gpu), number(row.tput_error),
                        number(row.measured_median_intvty), number(row.emulated_median_intvty), number(row.intvty_error),
                    ]
                                          })
        }
        return files
    }

    /// Shortest round-tripping text of a value; empty for n/a.
    public static func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }

    /// RFC 4180: fields with commas, quotes or newlines are quoted, quotes doubled.
    public static func csv(_ header: [String], _ rows: [[String]]) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
