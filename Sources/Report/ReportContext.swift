import Analysis
import Catalog
import Emulator
import Foundation
import Validation

/// The values a report template sees: one entry per analysis (with its best points per series)
/// and one per figure. Numbers are preformatted so templates stay logic-less.
public struct ReportContext {
    public struct Figure: Sendable {
        public var name: String
        public var title: String
        /// Paths as the report links them (relative to the report's folder).
        public var png: String
        public var pdf: String
        /// The data drawn (`plot -o NAME.csv`).
        public var csv: String
        /// The figure as SVG markup, for a report that inlines it (HTML); empty when not rendered.
        public var svg: String

        public init(name: String, title: String, png: String, pdf: String, csv: String, svg: String = "") {
            self.name = name
            self.title = title
            self.png = png
            self.pdf = pdf
            self.csv = csv
            self.svg = svg
        }
    }

    public var analyses: [(name: String, document: AnalysisDocument)]
    public var figures: [Figure]
    public var version: String
    public var assumptions: Assumptions
    /// The claims audit as the claims stage wrote it (Markdown).
    public var claims: String
    /// The numerics stage's error table.
    public var numerics: [QuantizationError]
    /// The emulator against real measurements (`validate --json`), when the report is given it.
    public var validation: Validation.Report?
    /// The claims audit's verdicts as data (`claims --json`), for the LaTeX numbers and the HTML report.
    public var verdicts: [ClaimsAudit.Verdict]
    /// Each GPU's identity colour ("#0072B2", the figures' theme), for swatches beside its rows.
    public var gpuColors: [String: String]

    public init(analyses: [(name: String, document: AnalysisDocument)], figures: [Figure], version: String,
                assumptions: Assumptions = .standard, claims: String = "", numerics: [QuantizationError] = [],
                validation: Validation.Report? = nil, verdicts: [ClaimsAudit.Verdict] = [], gpuColors: [String: String] = [:]) {
        self.analyses = analyses
        self.figures = figures
        self.version = version
        self.assumptions = assumptions
        self.claims = claims
        self.numerics = numerics
        self.validation = validation
        self.verdicts = verdicts
        self.gpuColors = gpuColors
    }

    func color(_ gpu: String) -> String { gpuColors[gpu] ?? "#777777" }

    /// The best point (highest throughput per GPU) of each series frontier of `doc`, with the
    /// cheapest point of the same series.
    struct BestPoint {
        var model: String, scenario: String, series: SeriesKey
        var tput: Double, intvty: Double, conc: Int, tp: Int, expectedError: Double?, cheapest: Double?, tokPerMW: Double
    }

    func bestPoints(_ doc: AnalysisDocument) -> [BestPoint] {
        doc.frontiers.filter { $0.series.pooling == .series && $0.x == .interactivity && $0.metric == .tputPerGPU }.compactMap { record in
            guard let best = record.points.max(by: { $0.y < $1.y }) else { return nil }
            let point = doc.points[best.index]
            let cheapest = doc.frontier(model: record.model, scenario: record.scenario, series: record.series, metric: .usdPerMtok)?
                .points.map(\.y).min()
            return BestPoint(model: record.model, scenario: record.scenario, series: record.series, tput: best.y, intvty: best.x,
                             conc: point.configuration.conc, tp: point.configuration.tp, expectedError: point.expected_tput_error,
                             cheapest: cheapest, tokPerMW: point.tok_per_s_per_mw)
        }
    }

    /// All analyses as one document (TCO).
    var merged: AnalysisDocument? {
        var result: AnalysisDocument?
        for analysis in analyses { result = result.map { $0.merging(analysis.document) } ?? analysis.document }
        return result
    }

    /// The dictionary the Mustache template renders.
    public var values: [String: Any] {
        let merged = self.merged
        return [
            "tool": "tokenomics \(version)",
            "analyses": analyses.map { analysisValues(name: $0.name, $0.document) },
            "figures": figures.map { ["name": $0.name, "title": $0.title, "png": $0.png, "pdf": $0.pdf, "csv": $0.csv, "svg": $0.svg] },
            "has_verdicts": !verdicts.isEmpty,
            "verdicts": verdicts.map {
                ["id": $0.id, "claim": $0.claim, "condition": $0.condition, "ours": $0.ours, "claimed": $0.claimed,
                 "outcome": $0.outcome.rawValue, "detail": $0.detail]
            },
            "provenance": analyses.map { analysis in
                ["name": analysis.name, "inputs": analysis.document.provenance["inputs"] ?? "n/a",
                 "digests": (["digest"] + AnalysisDocument.inputDigests + ["assumptions_digest"]).compactMap { key in
                     analysis.document.provenance[key].map { "\(key) \($0)" }
                 }.joined(separator: ", ")]
            },
            "has_figures": !figures.isEmpty,
            "numerics": numericsRows,
            "claims": claims,
            "tco": tcoRows(merged),
            "tier": assumptions.tier,
            "tco_life": assumptions.tco.lifeYears.fixed(0),
            "tco_rate": (assumptions.tco.costOfCapital * 100).fixed(0),
            "tco_kwh": assumptions.tco.electricityUSDPerKWh.fixed(3),
            "tco_hosting": assumptions.tco.hostingUSDPerKWMonth.fixed(0),
            "has_validation": validation != nil,
            "validation_curves": validation.map { Self.validationRows($0.curveSummary) } ?? [],
            "validation_published": validation.map { Self.validationRows($0.publishedSummary) } ?? [],
            "validation_curves_overall": validation.map { Self.overall($0.curveOverall) } ?? [:],
            "validation_published_overall": validation.map { Self.overall($0.publishedOverall) } ?? [:],
            "validation_profile": validation?.profile ?? "",
            "has_held_out": !(validation?.heldOut.isEmpty ?? true),
            "held_out": (validation?.heldOut ?? []).map {
                ["cell": $0.cell, "group": $0.error.group, "n": $0.error.points, "tput": $0.error.tput.percent,
                 "intvty": $0.error.intvty.percent, "ttft": $0.error.ttft.percent]
            },
            "has_unseen": !(validation?.unseen.isEmpty ?? true),
            "unseen": (validation?.unseen ?? []).map {
                ["file": $0.file, "overall": Self.overall($0.overall), "groups": Self.validationRows($0.summary)]
            },
            "held_out_overall": ["n": validation?.heldOut.count ?? 0, "tput": (validation?.heldOutOverall?.tput).percent,
                                 "intvty": (validation?.heldOutOverall?.intvty).percent],
        ]
    }

    /// One row per validation group: median |error| of throughput (and its maximum), of
    /// interactivity and TPOT, of TTFT where measured, and the bias of throughput / interactivity.
    static func validationRows(_ groups: [Validation.GroupSummary]) -> [[String: Any]] {
        groups.map {
            ["group": $0.group, "n": $0.count, "tput": $0.medianTputError.percent, "max": $0.maxTputError.percent,
             "intvty": $0.medianIntvtyError.percent, "tpot": $0.medianTPOTError.percent, "ttft": $0.medianTTFTError.percent,
             "bias": "\($0.tputBias.signedPercent) / \($0.intvtyBias.signedPercent)"]
        }
    }

    /// Medians over all points of a set, as the validation wrote them.
    static func overall(_ all: Validation.GroupSummary) -> [String: Any] {
        ["n": all.count, "emulated": all.emulated, "tput": all.medianTputError.percent, "intvty": all.medianIntvtyError.percent,
         "tpot": all.medianTPOTError.percent]
    }

    /// Error of each low-precision format on the test tensors.
    var numericsRows: [[String: Any]] {
        numerics.map {
            ["format": $0.format, "tensor": $0.tensor, "rms": ($0.relative_rms * 100).fixed(2) + "%",
             "max": ($0.max_relative * 100).fixed(2) + "%", "sqnr": $0.sqnr_db.fixed(1)]
        }
    }

    /// Bottom-up $/GPU-hour per GPU beside the market rate of the chosen tier.
    func tcoRows(_ merged: AnalysisDocument?) -> [[String: Any]] {
        (merged?.tco ?? []).sorted { $0.gpu < $1.gpu }.map { t in
            ["gpu": t.gpu, "color": color(t.gpu), "capex": "$" + (t.capex_usd / 1000).fixed(0) + "k",
             "capital": t.capital_usd_per_hour.fixed(3),
             "maintenance": t.maintenance_usd_per_hour.fixed(3), "electricity": t.electricity_usd_per_hour.fixed(3),
             "hosting": t.hosting_usd_per_hour.fixed(3), "total": t.total_usd_per_hour.fixed(2),
             "market": t.market_usd_per_hour.map { $0.fixed(2) } ?? "n/a"]
        }
    }

    func analysisValues(name: String, _ doc: AnalysisDocument) -> [String: Any] {
        let rows: [[String: Any]] = bestPoints(doc).map { best in
            [
                "model": best.model, "scenario": best.scenario, "series": best.series.label, "color": color(best.series.hw),
                "tput": best.tput.fixed(0) + (best.expectedError.map { " ± " + ($0 * 100).fixed(0) + "%" } ?? ""),
                "intvty": best.intvty.fixed(1), "conc": best.conc, "tp": best.tp,
                "usd_per_mtok": best.cheapest.map { "$" + $0.fixed(3) } ?? "n/a",
                "tok_per_mw": (best.tokPerMW / 1e6).fixed(2),
            ]
        }
        let reasons = Dictionary(grouping: doc.skipped, by: \.reason).map { ["reason": $0.key, "count": $0.value.count] }
            .sorted { ($0["count"] as! Int, $1["reason"] as! String) > ($1["count"] as! Int, $0["reason"] as! String) }
        let ratioRows: [[String: Any]] = doc.ratios.filter { $0.metric == .tputPerGPU }.map {
            ["model": $0.model, "scenario": $0.scenario, "pair": "\($0.numerator) / \($0.denominator)",
             "level": $0.interactivity.fixed(0), "value": $0.value.map { $0.fixed(2) + "×" } ?? "n/a"]
        }
        let comparison = doc.comparison
        return [
            "ratios": ratioRows, "has_ratios": !ratioRows.isEmpty,
            "has_comparison": !comparison.isEmpty, "comparison_count": comparison.count,
            "comparison_tput": Validation.medianAbsolute(comparison.map(\.tput_error)).percent,
            "comparison_intvty": Validation.medianAbsolute(comparison.map(\.intvty_error)).percent,
            "name": name, "title": doc.provenance["title"] ?? name, "source": doc.source,
            "points": doc.points.count, "skipped": doc.skipped.count, "rejected": doc.rejected.count,
            "rows": rows, "has_expected_error": doc.points.contains { $0.expected_tput_error != nil },
            "skip_reasons": Array(reasons.prefix(8)), "has_skips": !doc.skipped.isEmpty,
        ]
    }
}
