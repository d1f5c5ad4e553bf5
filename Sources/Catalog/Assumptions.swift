import Foundation

/// The economic assumptions of an analysis (`Resources/assumptions.toml`, each default with its
/// source), optionally overridden key by key from a user's file.
public struct Assumptions: Sendable, Equatable {
    public struct TCO: Sendable, Equatable {
        public var lifeYears: Double
        public var costOfCapital: Double
        public var electricityUSDPerKWh: Double
        public var hostingUSDPerKWMonth: Double
        public var maintenanceFractionPerYear: Double
    }

    public struct ROI: Sendable, Equatable {
        public var system: String
        public var gpus: Int
        public var deploymentUSD: Double
        public var lifeYears: Double
        public var utilization: Double
        public var priceUSDPerMtok: Double
        public var model: String
        public var scenario: String
        public var interactivity: Double
        public var claimedMultiple: Double
        /// $/Mtok at which each deployment's multiple is tabulated.
        public var priceLevels: [Double]
    }

    public var tier: String
    public var tco: TCO
    public var baseline: String
    public var levels: [Double]
    public var roi: ROI

    static let tiers = ["hyperscaler", "neocloud", "rental_3yr"]
    static let sections: [String: [String]] = [
        "pricing": ["tier"],
        "tco": ["life_years", "cost_of_capital", "electricity_usd_per_kwh", "hosting_usd_per_kw_month", "maintenance_fraction_per_year"],
        "ratios": ["baseline", "levels"],
        "roi": ["system", "gpus", "deployment_usd", "life_years", "utilization", "price_usd_per_mtok", "model", "scenario",
                "interactivity", "claimed_multiple", "price_levels"],
    ]

    /// The built-in defaults.
    public static let standard: Assumptions = {
        do { return try Assumptions(overrides: nil) } catch { fatalError("tokenomics: built-in assumptions are broken: \(error)") }
    }()

    /// Defaults, with the keys of `overrides` (a TOML file's text and name) replacing theirs.
    public init(overrides: (text: String, file: String)?) throws(InputError) {
        guard let url = Bundle.module.url(forResource: "Resources/assumptions", withExtension: "toml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InputError(file: "assumptions.toml", problem: "the built-in assumptions are missing")
        }
        let defaults = try TOMLFields(text: text, file: "assumptions.toml")
        let user = try overrides.map { (o) throws(InputError) in try TOMLFields(text: o.text, file: o.file) }
        if let user {
            try user.rejectUnknownKeys(allowed: Array(Self.sections.keys))
            for (section, keys) in Self.sections where user.has(section) { try user.table(section).rejectUnknownKeys(allowed: keys) }
        }
        func source(_ section: String, _ key: String) throws(InputError) -> TOMLFields {
            if let user, user.has(section), try user.table(section).has(key) { return try user.table(section) }
            return try defaults.table(section)
        }
        func number(_ section: String, _ key: String, _ range: ClosedRange<Double>) throws(InputError) -> Double {
            let value = try source(section, key).double(key)
            guard range.contains(value) else {
                throw try source(section, key).error(
                    key, "out of range, got", value: "\(value)", allowed: "\(range.lowerBound)…\(range.upperBound)")
            }
            return value
        }
        tier = try source("pricing", "tier").string("tier")
        guard Self.tiers.contains(tier) else {
            throw try source("pricing", "tier").error("tier", "unknown price tier", value: tier, allowed: Self.tiers.listed)
        }
        tco = TCO(lifeYears: try number("tco", "life_years", 0.5...20), costOfCapital: try number("tco", "cost_of_capital", 0...1),
                  electricityUSDPerKWh: try number("tco", "electricity_usd_per_kwh", 0...10),
                  hostingUSDPerKWMonth: try number("tco", "hosting_usd_per_kw_month", 0...10_000),
                  maintenanceFractionPerYear: try number("tco", "maintenance_fraction_per_year", 0...1))
        /// A name the catalog knows: a GPU or model id.
        func known(_ section: String, _ key: String, _ names: [String]) throws(InputError) -> String {
            let value = try source(section, key).string(key)
            guard names.contains(value) else {
                throw try source(section, key).error(key, "unknown name", value: value, allowed: names.listed)
            }
            return value
        }
        let catalog = Catalog.standard
        baseline = try known("ratios", "baseline", catalog.gpuOrder)
        levels = try source("ratios", "levels").doubles("levels")
        guard !levels.isEmpty, levels.allSatisfy({ $0 > 0 }) else {
            throw try source("ratios", "levels").error("levels", "must be positive interactivity levels", value: "\(levels)")
        }
        let gpus = try number("roi", "gpus", 1...1_000_000)
        guard gpus == gpus.rounded() else {
            throw try source("roi", "gpus").error("gpus", "not a whole number of GPUs, got", value: "\(gpus)", allowed: "1…1000000")
        }
        let scenario = try source("roi", "scenario").string("scenario")
        guard scenario.wholeMatch(of: /[0-9]+k?\/[0-9]+k?/) != nil else {
            throw try source("roi", "scenario").error("scenario", "not an ISL/OSL scenario", value: scenario, allowed: "e.g. 1k/1k, 8k/1k")
        }
        roi = ROI(system: try known("roi", "system", catalog.gpuOrder), gpus: Int(gpus),
                  deploymentUSD: try number("roi", "deployment_usd", 1...1e12), lifeYears: try number("roi", "life_years", 0.1...20),
                  // A deployment earns only while it serves: 0 would make every price infinite.
                  utilization: try number("roi", "utilization", 0.01...1),
                  priceUSDPerMtok: try number("roi", "price_usd_per_mtok", 0...1e6),
                  model: try known("roi", "model", catalog.models.keys.sorted()), scenario: scenario,
                  interactivity: try number("roi", "interactivity", 0.001...1e6),
                  claimedMultiple: try number("roi", "claimed_multiple", 0...1e6),
                  priceLevels: try source("roi", "price_levels").doubles("price_levels"))
        guard !roi.priceLevels.isEmpty, roi.priceLevels.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw try source("roi", "price_levels").error("price_levels", "must be positive prices per million tokens",
                                                          value: "\(roi.priceLevels)")
        }
    }
}
