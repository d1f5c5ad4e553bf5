import Catalog

/// One headline claim as a claims file (`Resources/claims.toml`) defines it: the claim as
/// published, where, the condition under which the data are read and the comparison that
/// decides the verdict. `ClaimsAudit` evaluates it; nothing about a claim lives in code.
public struct ClaimDefinition: Sendable, Equatable {
    /// The comparisons a claim can make; the claims file names them in `kind`.
    public enum Kind: String, Sendable, CaseIterable {
        /// Numerator over denominator of a metric at an interactivity level.
        case ratio
        /// The best value of metrics over the points of a selection, each against a bound.
        case best
        /// The return on a deployment, from the `[roi]` assumptions.
        case roi
    }

    public enum Test: Sendable, Equatable {
        case ratio(RatioTest)
        /// Every part must meet its bound for the claim to hold.
        case best([Reading])
        case roi
    }

    public var id: Int
    /// The claim, as the announcement words it.
    public var text: String
    /// Where it was published.
    public var source: String
    /// The published value, shown as "claimed".
    public var published: String
    /// What the data selection pools or leaves out, said after the generated condition.
    public var condition: String?
    /// What the published material says about the conditions (kept with the claim, not shown).
    public var notes: String?
    public var test: Test
    /// Best values reported beside ours that decide nothing (figures published elsewhere).
    public var also: [Reading]

    public var kind: Kind {
        switch test {
        case .ratio: .ratio
        case .best: .best
        case .roi: .roi
        }
    }
}

/// Which analysed points a reading pools: every field that is set must match.
public struct PointSelection: Sendable, Equatable {
    public var model: String?
    public var scenario: String?
    public var hw: String?
    public var precision: String?
    public var framework: String?
    /// Tensor parallelism; the decode engine's for disaggregated runs.
    public var tp: Int?
    public var disaggregated: Bool?

    public init(model: String? = nil, scenario: String? = nil, hw: String? = nil, precision: String? = nil,
                framework: String? = nil, tp: Int? = nil, disaggregated: Bool? = nil) {
        self.model = model
        self.scenario = scenario
        self.hw = hw
        self.precision = precision
        self.framework = framework
        self.tp = tp
        self.disaggregated = disaggregated
    }

    func matches(_ p: AnalyzedPoint) -> Bool {
        let c = p.configuration
        return (model == nil || c.model == model) && (scenario == nil || p.scenario == scenario) && (hw == nil || c.hw == hw)
            && (precision == nil || c.precision == precision) && (framework == nil || c.framework == framework)
            && (tp == nil || c.tp == tp) && (disaggregated == nil || c.disagg == disaggregated)
    }

    /// This selection with `defaults`' model and scenario where it sets none.
    func filling(_ defaults: PointSelection) -> PointSelection {
        var filled = self
        filled.model = model ?? defaults.model
        filled.scenario = scenario ?? defaults.scenario
        return filled
    }

    /// "gpt-oss-120b GB200 FP4 TP32 disaggregated": the fields set, as a condition names them.
    var label: String {
        var words = [model, scenario, hw?.uppercased(), precision?.uppercased(), framework].compactMap(\.self)
        if let tp { words.append("TP\(tp)") }
        if let disaggregated { words.append(disaggregated ? "disaggregated" : "aggregated") }
        return words.isEmpty ? "every point" : words.joined(separator: " ")
    }
}

/// The best value of a metric over a selection's points, with the bound that decides a part.
public struct Reading: Sendable, Equatable {
    public enum Bound: Sendable, Equatable {
        case atLeast(Double)
        case atMost(Double)
    }

    /// How the verdict's detail names it ("throughput", "gpt-oss-120b on B200").
    public var name: String
    public var metric: Metric
    public var selection: PointSelection
    public var bound: Bound?
    /// Said after "would need ×…" when the part misses its bound.
    public var ifShort: String?
}

/// Numerator over denominator of a metric at an interactivity level, in the metric's better
/// direction: throughput n ÷ d, cost d ÷ n, so that "15× lower cost" is a ratio of 15.
public struct RatioTest: Sendable, Equatable {
    public enum Level: Sendable, Equatable {
        /// A fixed interactivity, tok/s/user.
        case at(Double)
        /// The middle of the range both frontiers reach, rounded to 1 tok/s/user.
        case middle
    }

    public enum Display: String, Sendable, CaseIterable {
        /// 4.4×
        case multiple
        /// 89%
        case percent
    }

    /// The catalog figure of a GPU that the metric divides by: a failed verdict says what the
    /// numerator's would have to be. Advantage ∝ lever(denominator) ÷ lever(numerator).
    public enum Lever: String, Sendable, CaseIterable {
        /// All-in kW per GPU (tokens per MW, joules per token).
        case allInKW = "all_in_kw"
        /// $/GPU-hour in the assumptions' price tier (cost per million tokens).
        case usdPerHour = "usd_per_hour"

        /// Units of the metrics derived from this figure.
        var metricUnits: [String] {
            switch self {
            case .allInKW: ["tok/s/MW", "J/tok"]
            case .usdPerHour: ["$/Mtok"]
            }
        }
    }

    /// Without a model (or scenario), the best ratio over every one in the data.
    public var model: String?
    public var scenario: String?
    public var metric: Metric
    public var numerator: PointSelection
    public var denominator: PointSelection
    public var level: Level
    /// The claim holds when the ratio at the level is at least this.
    public var atLeast: Double
    /// When the level misses, search the lowest interactivity from which the target is reached.
    public var search: Bool
    /// Also report the ratio of the two frontiers' best points.
    public var betweenBestPoints: Bool
    public var display: Display
    public var lever: Lever?
}
