import Emulator

/// One benchmark point with its derived economics, as charts and reports read it. The record is
/// flat: the configuration's fields sit beside the derived ones.
public struct AnalyzedPoint: Codable, Sendable, Equatable {
    /// The series the point belongs to: GPU, engine, precision, KV-cache format chosen,
    /// speculative decoding, disaggregation.
    public var series: SeriesKey
    /// "emulated" or "measured".
    public var source: String
    /// The configuration of the result the point analyses.
    public var configuration: ServingConfiguration
    /// "1k/1k"-style label of the ISL/OSL pair.
    public var scenario: String
    public var gpus: Int
    public var tput_per_gpu: Double
    public var output_tput_per_gpu: Double
    public var input_tput_per_gpu: Double
    public var median_intvty: Double
    public var median_tpot: Double
    public var median_ttft: Double
    public var median_e2el: Double
    /// $ per million total, output and input tokens by price tier (hyperscaler, neocloud, rental_3yr).
    public var usd_per_mtok: [String: Double]
    public var usd_per_mtok_output: [String: Double]
    public var usd_per_mtok_input: [String: Double]
    /// The tier `usd_per_mtok` charts and claims read (assumptions: pricing.tier).
    public var price_tier: String
    public var tok_per_s_per_mw: Double
    public var joules_per_token: Double?

    public init(series: SeriesKey, source: String, configuration: ServingConfiguration, gpus: Int, tput_per_gpu: Double,
                output_tput_per_gpu: Double, input_tput_per_gpu: Double, median_intvty: Double, median_tpot: Double,
                median_ttft: Double, median_e2el: Double, usd_per_mtok: [String: Double], usd_per_mtok_output: [String: Double],
                usd_per_mtok_input: [String: Double], price_tier: String, tok_per_s_per_mw: Double, joules_per_token: Double?) {
        self.series = series
        self.source = source
        self.configuration = configuration
        scenario = configuration.scenario
        self.gpus = gpus
        self.tput_per_gpu = tput_per_gpu
        self.output_tput_per_gpu = output_tput_per_gpu
        self.input_tput_per_gpu = input_tput_per_gpu
        self.median_intvty = median_intvty
        self.median_tpot = median_tpot
        self.median_ttft = median_ttft
        self.median_e2el = median_e2el
        self.usd_per_mtok = usd_per_mtok
        self.usd_per_mtok_output = usd_per_mtok_output
        self.usd_per_mtok_input = usd_per_mtok_input
        self.price_tier = price_tier
        self.tok_per_s_per_mw = tok_per_s_per_mw
        self.joules_per_token = joules_per_token
    }

    enum CodingKeys: String, CodingKey {
        case series, source, scenario, gpus, tput_per_gpu, output_tput_per_gpu, input_tput_per_gpu
        case median_intvty, median_tpot, median_ttft, median_e2el, usd_per_mtok, usd_per_mtok_output, usd_per_mtok_input
        case price_tier, tok_per_s_per_mw, joules_per_token
    }

    /// The configuration's fields and the derived ones, read from one object.
    public init(from decoder: any Decoder) throws {
        configuration = try ServingConfiguration(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        series = try c.decode(SeriesKey.self, forKey: .series)
        source = try c.decode(String.self, forKey: .source)
        scenario = try c.decode(String.self, forKey: .scenario)
        gpus = try c.decode(Int.self, forKey: .gpus)
        tput_per_gpu = try c.decode(Double.self, forKey: .tput_per_gpu)
        output_tput_per_gpu = try c.decode(Double.self, forKey: .output_tput_per_gpu)
        input_tput_per_gpu = try c.decode(Double.self, forKey: .input_tput_per_gpu)
        median_intvty = try c.decode(Double.self, forKey: .median_intvty)
        median_tpot = try c.decode(Double.self, forKey: .median_tpot)
        median_ttft = try c.decode(Double.self, forKey: .median_ttft)
        median_e2el = try c.decode(Double.self, forKey: .median_e2el)
        usd_per_mtok = try c.decode([String: Double].self, forKey: .usd_per_mtok)
        usd_per_mtok_output = try c.decode([String: Double].self, forKey: .usd_per_mtok_output)
        usd_per_mtok_input = try c.decode([String: Double].self, forKey: .usd_per_mtok_input)
        price_tier = try c.decode(String.self, forKey: .price_tier)
        tok_per_s_per_mw = try c.decode(Double.self, forKey: .tok_per_s_per_mw)
        joules_per_token = try c.decodeIfPresent(Double.self, forKey: .joules_per_token)
    }

    /// The configuration's fields and the derived ones, written into one object.
    public func encode(to encoder: any Encoder) throws {
        try configuration.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(series, forKey: .series)
        try c.encode(source, forKey: .source)
        try c.encode(scenario, forKey: .scenario)
        try c.encode(gpus, forKey: .gpus)
        try c.encode(tput_per_gpu, forKey: .tput_per_gpu)
        try c.encode(output_tput_per_gpu, forKey: .output_tput_per_gpu)
        try c.encode(input_tput_per_gpu, forKey: .input_tput_per_gpu)
        try c.encode(median_intvty, forKey: .median_intvty)
        try c.encode(median_tpot, forKey: .median_tpot)
        try c.encode(median_ttft, forKey: .median_ttft)
        try c.encode(median_e2el, forKey: .median_e2el)
        try c.encode(usd_per_mtok, forKey: .usd_per_mtok)
        try c.encode(usd_per_mtok_output, forKey: .usd_per_mtok_output)
        try c.encode(usd_per_mtok_input, forKey: .usd_per_mtok_input)
        try c.encode(price_tier, forKey: .price_tier)
        try c.encode(tok_per_s_per_mw, forKey: .tok_per_s_per_mw)
        try c.encodeIfPresent(joules_per_token, forKey: .joules_per_token)
    }
}
