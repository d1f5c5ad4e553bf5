import Catalog

/// The return on a deployment of one GPU at the [roi] assumptions' model, scenario and
/// interactivity: the [roi] system with its GPU count, every other GPU with as many GPUs as the
/// same money buys at its catalog capex.
public struct ROIRecord: Codable, Sendable, Equatable {
    /// A multiple at one price per million tokens.
    public struct Priced: Codable, Sendable, Equatable {
        public var price_usd_per_mtok: Double
        public var multiple: Double
    }

    public var source: String
    public var model: String
    public var scenario: String
    public var hw: String
    /// tok/s/user at which throughput is read.
    public var interactivity: Double
    /// The deployment at the assumed price.
    public var deployment: ROI
    /// $/Mtok at which the deployment returns the claimed multiple.
    public var implied_usd_per_mtok: Double
    /// The multiple at each of the [roi] price levels.
    public var multiples: [Priced]

    /// Every GPU whose frontier reaches the [roi] interactivity in its model and scenario, read from
    /// the GPU-pooled throughput frontiers, in the catalog's GPU order.
    public static func table(_ frontiers: [FrontierRecord], assumptions: Assumptions, catalog: Catalog) -> [ROIRecord] {
        let r = assumptions.roi
        let reached = frontiers.filter {
            $0.series.pooling == .gpu && $0.model == r.model && $0.scenario == r.scenario && $0.x == .interactivity
                && $0.metric == .tputPerGPU
        }
        return reached.sorted { (catalog.rank(ofGPU: $0.series.hw), $0.source) < (catalog.rank(ofGPU: $1.series.hw), $1.source) }
            .compactMap { record in
                guard let tput = record.curve.value(at: r.interactivity) else { return nil }
                let hw = record.series.hw
                let gpus = hw == r.system ? r.gpus : Int((r.deploymentUSD / (catalog.gpus[hw]?.capexUSD ?? r.deploymentUSD)).rounded(.down))
                func roi(_ price: Double) -> ROI {
                    ROI(tokensPerSecondPerGPU: tput, gpus: gpus, utilization: r.utilization, lifeYears: r.lifeYears,
                        priceUSDPerMtok: price, deploymentUSD: r.deploymentUSD)
                }
                let deployment = roi(r.priceUSDPerMtok)
                return ROIRecord(source: record.source, model: r.model, scenario: r.scenario, hw: hw, interactivity: r.interactivity,
                                 deployment: deployment, implied_usd_per_mtok: deployment.impliedPrice(forMultiple: r.claimedMultiple),
                                 multiples: r.priceLevels.map { Priced(price_usd_per_mtok: $0, multiple: roi($0).multiple) })
            }
    }
}
