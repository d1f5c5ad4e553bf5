import Emulator

/// One benchmark point with its derived economics, as charts and reports read it. The record is
/// flat: the configuration's fields sit beside the derived ones.
@dynamicMemberLookup
public struct AnalyzedPoint: FlatRecord, Sendable, Equatable {
    /// The configuration of the result the point analyses.
    public var configuration: ServingConfiguration
    /// The series, source and derived values, read as members (`point.tput_per_gpu`).
    public var fields: Derived

    /// What the analysis adds to a result: its series and source, and its economics.
    public struct Derived: Codable, Sendable, Equatable {
        /// The series the point belongs to: GPU, engine, precision, KV-cache format chosen,
        /// speculative decoding, disaggregation.
        public var series: SeriesKey
        /// "emulated" or "measured".
        public var source: String
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
        /// |error| to expect of the throughput per GPU (and of every metric proportional to it),
        /// from the calibration profile the emulator ran with; nil for measured points and for
        /// emulation with the documented constants.
        public var expected_tput_error: Double?
    }

    public init(configuration: ServingConfiguration, fields: Derived) {
        self.configuration = configuration
        self.fields = fields
    }

    public init(series: SeriesKey, source: String, configuration: ServingConfiguration, gpus: Int, tput_per_gpu: Double,
                output_tput_per_gpu: Double, input_tput_per_gpu: Double, median_intvty: Double, median_tpot: Double,
                median_ttft: Double, median_e2el: Double, usd_per_mtok: [String: Double], usd_per_mtok_output: [String: Double],
                usd_per_mtok_input: [String: Double], price_tier: String, tok_per_s_per_mw: Double, joules_per_token: Double?,
                expected_tput_error: Double? = nil) {
        self.init(
            configuration: configuration,
            fields: Derived(
                series: series, source: source, scenario: configuration.scenario, gpus: gpus, tput_per_gpu: tput_per_gpu,
                output_tput_per_gpu: output_tput_per_gpu, input_tput_per_gpu: input_tput_per_gpu, median_intvty: median_intvty,
                median_tpot: median_tpot, median_ttft: median_ttft, median_e2el: median_e2el, usd_per_mtok: usd_per_mtok,
                usd_per_mtok_output: usd_per_mtok_output, usd_per_mtok_input: usd_per_mtok_input, price_tier: price_tier,
                tok_per_s_per_mw: tok_per_s_per_mw, joules_per_token: joules_per_token, expected_tput_error: expected_tput_error))
    }
}
