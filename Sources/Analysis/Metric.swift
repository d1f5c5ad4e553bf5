import Catalog

/// A quantity read from an analysed point: its name in files and figure definitions, its axis
/// label, its unit and the direction in which it improves. The one vocabulary of metrics for the
/// analysis, figures, `compare`, the claims and the CSV tables: adding a metric is adding one
/// constant below and listing it in `all`.
///
/// Files carry a metric as its name (`"tput_per_gpu"`); decoding an unknown name fails.
public struct Metric: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The name in files, InferenceMAX's field name where it has one.
    public let name: String
    /// Axis label, with the unit in parentheses.
    public let label: String
    /// Unit, as tables print it.
    public let unit: String
    /// Whether a larger or a smaller value is better.
    public let goal: Frontier.Goal
    private let read: @Sendable (AnalyzedPoint) -> Double?

    init(_ name: String, label: String, unit: String, goal: Frontier.Goal, read: @escaping @Sendable (AnalyzedPoint) -> Double?) {
        self.name = name
        self.label = label
        self.unit = unit
        self.goal = goal
        self.read = read
    }

    /// The metric's value at `point`, or nil where the point has none (no price in a tier).
    public func value(of point: AnalyzedPoint) -> Double? { read(point) }

    public var description: String { name }

    public static func == (lhs: Metric, rhs: Metric) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let metric = Self.named(name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown metric '\(name)'; known: \(Self.names.listed)")
        }
        self = metric
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    /// The metric called `name`, if there is one.
    public static func named(_ name: String) -> Metric? { all.first { $0.name == name } }

    /// The metric called `value`, or an input error naming `key` and every known metric.
    public static func named(_ value: String, key: String, file: String? = nil) throws(InputError) -> Metric {
        guard let metric = named(value) else {
            throw InputError(file: file, key: key, value: value, problem: "unknown metric", allowed: names.listed)
        }
        return metric
    }

    /// Every metric's name.
    public static var names: [String] { all.map(\.name) }
}

extension Metric {
    // Throughput: (input + output) tokens, or one side, per second per GPU (InferenceMAX).
    public static let tputPerGPU = Metric("tput_per_gpu", label: "Throughput per GPU (tok/s)", unit: "tok/s/GPU",
                                          goal: .maximize) { $0.tput_per_gpu }
    public static let outputTputPerGPU = Metric("output_tput_per_gpu", label: "Output throughput per GPU (tok/s)", unit: "tok/s/GPU",
                                                goal: .maximize) { $0.output_tput_per_gpu }
    public static let inputTputPerGPU = Metric("input_tput_per_gpu", label: "Input throughput per GPU (tok/s)", unit: "tok/s/GPU",
                                               goal: .maximize) { $0.input_tput_per_gpu }
    /// 1 / median TPOT.
    public static let interactivity = Metric("median_intvty", label: "Interactivity (tok/s/user)", unit: "tok/s/user",
                                             goal: .maximize) { $0.median_intvty }
    public static let medianTPOT = Metric("median_tpot", label: "Median time per output token (s)", unit: "s",
                                          goal: .minimize) { $0.median_tpot }
    public static let medianTTFT = Metric("median_ttft", label: "Median time to first token (s)", unit: "s",
                                          goal: .minimize) { $0.median_ttft }
    public static let medianE2EL = Metric("median_e2el", label: "Median end-to-end latency (s)", unit: "s",
                                          goal: .minimize) { $0.median_e2el }
    /// $/GPU-hour ÷ (tput_per_gpu × 3600 / 10⁶) in the analysis' price tier.
    public static let usdPerMtok = Metric("usd_per_mtok", label: "Cost per million tokens ($)", unit: "$/Mtok",
                                          goal: .minimize) { $0.usd_per_mtok[$0.price_tier] }
    public static let usdPerMtokHyperscaler = Metric("usd_per_mtok_hyperscaler", label: "Cost per million tokens ($, hyperscaler)",
                                                     unit: "$/Mtok", goal: .minimize) { $0.usd_per_mtok["hyperscaler"] }
    public static let usdPerMtokNeocloud = Metric("usd_per_mtok_neocloud", label: "Cost per million tokens ($, neocloud)",
                                                  unit: "$/Mtok", goal: .minimize) { $0.usd_per_mtok["neocloud"] }
    public static let usdPerMtokRental3yr = Metric("usd_per_mtok_rental_3yr", label: "Cost per million tokens ($, 3-yr rental)",
                                                   unit: "$/Mtok", goal: .minimize) { $0.usd_per_mtok["rental_3yr"] }
    public static let usdPerMtokOutput = Metric("usd_per_mtok_output", label: "Cost per million output tokens ($)", unit: "$/Mtok",
                                                goal: .minimize) { $0.usd_per_mtok_output[$0.price_tier] }
    public static let usdPerMtokInput = Metric("usd_per_mtok_input", label: "Cost per million input tokens ($)", unit: "$/Mtok",
                                               goal: .minimize) { $0.usd_per_mtok_input[$0.price_tier] }
    /// tput_per_gpu × 1000 / all-in kW per GPU.
    public static let tokensPerSecondPerMW = Metric("tok_per_s_per_mw", label: "Tokens per second per MW", unit: "tok/s/MW",
                                                    goal: .maximize) { $0.tok_per_s_per_mw }
    /// all-in kW × 1000 / tput_per_gpu.
    public static let joulesPerToken = Metric("joules_per_token", label: "Energy per token (J)", unit: "J/tok",
                                              goal: .minimize) { $0.joules_per_token }
    public static let concurrency = Metric("conc", label: "Concurrency", unit: "requests", goal: .maximize) {
        Double($0.configuration.conc)
    }

    /// Every metric, in the order listings print them.
    public static let all: [Metric] = [
        tputPerGPU, outputTputPerGPU, inputTputPerGPU, interactivity, medianTPOT, medianTTFT, medianE2EL,
        usdPerMtok, usdPerMtokHyperscaler, usdPerMtokNeocloud, usdPerMtokRental3yr, usdPerMtokOutput, usdPerMtokInput,
        tokensPerSecondPerMW, joulesPerToken, concurrency,
    ]
}
