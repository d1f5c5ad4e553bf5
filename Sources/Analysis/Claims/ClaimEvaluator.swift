import Catalog

/// The one evaluator of claim definitions: reads a claim's condition in the analysis and
/// produces its verdict. Each kind of comparison is in its own file (`ClaimEvaluator+Kind`).
struct ClaimEvaluator {
    /// What a kind of comparison finds; `verdict` adds what every claim shares.
    struct Finding {
        var condition: String
        var ours: String
        var outcome: ClaimsAudit.Verdict.Outcome
        var detail: String
    }

    let doc: AnalysisDocument
    let assumptions: Assumptions
    let catalog: Catalog

    func verdict(_ claim: ClaimDefinition) -> ClaimsAudit.Verdict {
        var finding = switch claim.test {
        case let .ratio(test): ratio(test)
        case let .best(parts): best(parts)
        case .roi: roi()
        }
        if let note = claim.condition { finding.condition += "; " + note }
        for reading in claim.also { finding.ours += "; " + describe(reading) }
        return ClaimsAudit.Verdict(id: claim.id, claim: claim.text, condition: finding.condition, ours: finding.ours,
                                   claimed: claim.published, outcome: finding.outcome, detail: finding.detail)
    }

    /// The frontier of `metric` against interactivity over the points `selection` picks.
    func curve(_ selection: PointSelection, metric: Metric) -> FrontierCurve {
        let members = doc.points.enumerated().filter { selection.matches($0.element) }
        return FrontierCurve(members.compactMap { i, p in metric.value(of: p).map { TradeoffPoint(x: p.median_intvty, y: $0, index: i) } },
                             goal: metric.goal)
    }

    /// The point of `reading`'s selection with the best value of its metric, and that value.
    func best(_ reading: Reading) -> (point: AnalyzedPoint, value: Double)? {
        let values = doc.points.filter(reading.selection.matches).compactMap { p in reading.metric.value(of: p).map { (p, $0) } }
        return reading.metric.goal == .maximize ? values.max { $0.1 < $1.1 } : values.min { $0.1 < $1.1 }
    }

    /// "gpt-oss-120b on B200: $0.006/Mtok (b200 · trtllm · mxfp4, 1k/1k, conc 64)".
    func describe(_ reading: Reading) -> String {
        "\(reading.name): " + (best(reading).map { describe($0.value, reading.metric, at: $0.point) } ?? "n/a")
    }

    /// "100.6k tok/s/GPU (gb200 · trtllm · mxfp4, 8k/1k, conc 512)".
    func describe(_ value: Double, _ metric: Metric, at point: AnalyzedPoint) -> String {
        "\(ClaimText.value(value, metric)) (\(point.series), \(point.scenario), conc \(point.configuration.conc))"
    }
}
