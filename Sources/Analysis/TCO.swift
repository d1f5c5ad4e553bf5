import Catalog
import Foundation

/// A bottom-up cost of one GPU-hour, so a reader sees where a $/GPU-hour comes from:
/// capital (capex annuitized over the life at the cost of capital), maintenance, electricity
/// and hosting on the GPU's all-in power.
public struct TCOBreakdown: Sendable, Codable, Equatable {
    public var gpu: String
    public var capex_usd: Double
    public var capital_usd_per_hour: Double
    public var maintenance_usd_per_hour: Double
    public var electricity_usd_per_hour: Double
    public var hosting_usd_per_hour: Double
    /// The sum: what owning and running the GPU costs per hour.
    public var total_usd_per_hour: Double
    /// The market rate of the chosen tier, for comparison.
    public var market_usd_per_hour: Double?

    static let hoursPerYear = 8766.0

    /// Capital recovery factor r(1+r)^n / ((1+r)^n − 1): the level annual payment per dollar of
    /// capex over n years at rate r (1/n when r = 0).
    public static func capitalRecoveryFactor(rate r: Double, years n: Double) -> Double {
        guard r > 0 else { return 1 / n }
        let growth = Foundation.pow(1 + r, n)
        return r * growth / (growth - 1)
    }

    public init(gpu: GPU, assumptions: Assumptions) {
        let t = assumptions.tco
        self.gpu = gpu.id
        capex_usd = gpu.capexUSD
        capital_usd_per_hour = gpu.capexUSD * Self.capitalRecoveryFactor(rate: t.costOfCapital, years: t.lifeYears) / Self.hoursPerYear
        maintenance_usd_per_hour = gpu.capexUSD * t.maintenanceFractionPerYear / Self.hoursPerYear
        electricity_usd_per_hour = gpu.allInKW * t.electricityUSDPerKWh
        hosting_usd_per_hour = gpu.allInKW * t.hostingUSDPerKWMonth * 12 / Self.hoursPerYear
        total_usd_per_hour = capital_usd_per_hour + maintenance_usd_per_hour + electricity_usd_per_hour + hosting_usd_per_hour
        market_usd_per_hour = gpu.usdPerHour[assumptions.tier]
    }
}
