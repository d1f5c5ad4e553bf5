import Catalog

extension ClaimEvaluator {
    /// `kind = "roi"`: revenue of the `[roi]` deployment over its life at the frontier's
    /// throughput per GPU at the stated interactivity, ÷ its cost (DESIGN.md, Economics). It holds
    /// at the assumed price, or holds only under the price per million tokens it needs.
    func roi() -> Finding {
        let r = assumptions.roi
        let utilization = ClaimText.percent(r.utilization)
        let condition = "\(r.model) \(r.scenario), \(r.system.uppercased()) at \(ClaimText.level(r.interactivity)); \(r.gpus) GPUs, "
            + "\(ClaimText.money(r.deploymentUSD)), \(r.lifeYears.fixed(0)) years, utilization \(utilization), "
            + "price \(ClaimText.money(r.priceUSDPerMtok))/Mtok ([roi] assumptions)"
        let selection = PointSelection(model: r.model, scenario: r.scenario, hw: r.system)
        let throughput = curve(selection, metric: .tputPerGPU)
        guard let tput = throughput.value(at: r.interactivity) else {
            let measured = throughput.range.map { " (measured range \($0.lowerBound.fixed(0))–\($0.upperBound.fixed(0)))" } ?? " (no data)"
            let detail = "no \(r.system) frontier reaches \(ClaimText.level(r.interactivity)) for \(r.model) \(r.scenario)\(measured)"
            return Finding(condition: condition, ours: "n/a", outcome: .notAssessable, detail: detail)
        }
        let deployment = ROI(tokensPerSecondPerGPU: tput, gpus: r.gpus, utilization: r.utilization, lifeYears: r.lifeYears,
                             priceUSDPerMtok: r.priceUSDPerMtok, deploymentUSD: r.deploymentUSD)
        let implied = deployment.impliedPrice(forMultiple: r.claimedMultiple)
        let claimed = r.claimedMultiple.fixed(0) + "×", revenue = ClaimText.money(deployment.revenue_usd)
        return Finding(
            condition: condition,
            ours: "\(deployment.multiple.fixed(1))× (\(ClaimText.number(tput)) tok/s/GPU; \(revenue) revenue)",
            outcome: deployment.multiple >= r.claimedMultiple ? .holds : .holdsOnlyUnder,
            detail: "\(claimed) needs \(ClaimText.money(implied)) per million tokens at \(utilization) utilization"
                + " (\(ClaimText.money(implied * r.utilization / 0.5)) at 50%); the assumed price would have to move "
                + ClaimText.factor(implied / r.priceUSDPerMtok))
    }
}
