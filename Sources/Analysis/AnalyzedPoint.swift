import Emulator

/// One benchmark point with its derived economics, as charts and reports read it.
public struct AnalyzedPoint: Codable, Sendable, Equatable {
    /// The series the point belongs to: GPU, engine, precision, KV-cache format chosen,
    /// speculative decoding, disaggregation.
    public var series: SeriesKey
    /// "emulated" or "measured".
    public var source: String
    public var hw: String
    public var model: String
    public var framework: String
    public var precision: String
    public var spec_decoding: String
    public var disagg: Bool
    /// "1k/1k"-style label of the ISL/OSL pair.
    public var scenario: String
    public var isl: Int
    public var osl: Int
    public var conc: Int
    public var tp: Int
    public var ep: Int
    public var dp_attention: Bool
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

    /// "1k/8k" for 1024/8192; lengths that are not multiples of 1024 print as they are.
    public static func scenarioLabel(isl: Int, osl: Int) -> String {
        func short(_ n: Int) -> String { n % 1024 == 0 ? "\(n / 1024)k" : "\(n)" }
        return "\(short(isl))/\(short(osl))"
    }
}
