/// Return on a deployment: revenue over its life ÷ its cost (DESIGN.md).
///
/// revenue = tokens/s per GPU × GPUs × utilization × seconds of life × price per token.
public struct ROI: Sendable, Codable, Equatable {
    public var tokens_per_second_per_gpu: Double
    public var gpus: Int
    public var utilization: Double
    public var life_years: Double
    public var price_usd_per_mtok: Double
    public var deployment_usd: Double

    static let secondsPerYear = 365.25 * 24 * 3600

    public init(tokensPerSecondPerGPU: Double, gpus: Int, utilization: Double, lifeYears: Double,
                priceUSDPerMtok: Double, deploymentUSD: Double) {
        tokens_per_second_per_gpu = tokensPerSecondPerGPU
        self.gpus = gpus
        self.utilization = utilization
        life_years = lifeYears
        price_usd_per_mtok = priceUSDPerMtok
        deployment_usd = deploymentUSD
    }

    /// Tokens served over the life.
    public var tokens: Double { tokens_per_second_per_gpu * Double(gpus) * utilization * life_years * Self.secondsPerYear }
    public var revenue_usd: Double { tokens / 1e6 * price_usd_per_mtok }
    /// Revenue ÷ deployment cost.
    public var multiple: Double { revenue_usd / deployment_usd }

    /// The price per million tokens at which the deployment returns `multiple` × its cost.
    public func impliedPrice(forMultiple multiple: Double) -> Double {
        multiple * deployment_usd / (tokens / 1e6)
    }
}
