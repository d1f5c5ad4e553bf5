import Emulator

/// One benchmark point with its derived economics, as charts and reports read it.
public struct AnalyzedPoint: Codable, Sendable, Equatable {
    /// Group key: hardware · framework · precision (· speculative decoding, · disaggregated).
    public var series: String
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

    /// Numeric metrics by name, for charts and filters.
    public func metric(_ name: String) -> Double? {
        switch name {
        case "tput_per_gpu": tput_per_gpu
        case "output_tput_per_gpu": output_tput_per_gpu
        case "input_tput_per_gpu": input_tput_per_gpu
        case "median_intvty": median_intvty
        case "median_tpot": median_tpot
        case "median_ttft": median_ttft
        case "median_e2el": median_e2el
        case "usd_per_mtok": usd_per_mtok[price_tier]
        case "usd_per_mtok_hyperscaler": usd_per_mtok["hyperscaler"]
        case "usd_per_mtok_neocloud": usd_per_mtok["neocloud"]
        case "usd_per_mtok_rental_3yr": usd_per_mtok["rental_3yr"]
        case "usd_per_mtok_output": usd_per_mtok_output[price_tier]
        case "usd_per_mtok_input": usd_per_mtok_input[price_tier]
        case "tok_per_s_per_mw": tok_per_s_per_mw
        case "joules_per_token": joules_per_token
        case "conc": Double(conc)
        default: nil
        }
    }

    /// The direction in which a metric improves: cost, energy and latencies shrink, the rest grow.
    public static func goal(of metric: String) -> Frontier.Goal {
        metric.hasPrefix("usd_per_mtok") || metric == "joules_per_token" || (metric.hasPrefix("median_") && metric != "median_intvty")
            ? .minimize : .maximize
    }

    /// Every name `metric(_:)` knows, with its axis label.
    public static let metrics: [String: String] = [
        "tput_per_gpu": "Throughput per GPU (tok/s)",
        "output_tput_per_gpu": "Output throughput per GPU (tok/s)",
        "input_tput_per_gpu": "Input throughput per GPU (tok/s)",
        "median_intvty": "Interactivity (tok/s/user)",
        "median_tpot": "Median time per output token (s)",
        "median_ttft": "Median time to first token (s)",
        "median_e2el": "Median end-to-end latency (s)",
        "usd_per_mtok": "Cost per million tokens ($)",
        "usd_per_mtok_hyperscaler": "Cost per million tokens ($, hyperscaler)",
        "usd_per_mtok_neocloud": "Cost per million tokens ($, neocloud)",
        "usd_per_mtok_rental_3yr": "Cost per million tokens ($, 3-yr rental)",
        "usd_per_mtok_output": "Cost per million output tokens ($)",
        "usd_per_mtok_input": "Cost per million input tokens ($)",
        "tok_per_s_per_mw": "Tokens per second per MW",
        "joules_per_token": "Energy per token (J)",
        "conc": "Concurrency",
    ]

    /// Text fields by name, for grouping and filters.
    public func field(_ name: String) -> String? {
        switch name {
        case "series": series
        case "source": source
        case "hw": hw
        case "model": model
        case "framework": framework
        case "precision": precision
        case "spec_decoding": spec_decoding
        case "scenario": scenario
        case "disagg": String(disagg)
        case "tp": String(tp)
        case "dp_attention": String(dp_attention)
        default: nil
        }
    }

    public static let fields = ["series", "source", "hw", "model", "framework", "precision", "spec_decoding", "scenario", "disagg", "tp", "dp_attention"]

    /// "1k/8k" for 1024/8192; lengths that are not multiples of 1024 print as they are.
    public static func scenarioLabel(isl: Int, osl: Int) -> String {
        func short(_ n: Int) -> String { n % 1024 == 0 ? "\(n / 1024)k" : "\(n)" }
        return "\(short(isl))/\(short(osl))"
    }
}
