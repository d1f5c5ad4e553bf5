/// One benchmark point with InferenceMAX's aggregated-result field names
/// (`utils/process_result.py`): configuration, throughput per GPU and latencies in seconds.
/// Emulated and measured points share this type, so one analysis serves both.
/// The record is flat: the configuration's fields sit beside the measured ones.
@dynamicMemberLookup
public struct BenchmarkResult: FlatRecord, Sendable, Equatable {
    /// The configuration served (`ServingConfiguration.reported`: no seed or prefill pool).
    public var configuration: ServingConfiguration
    /// What was measured, read as members of the result (`result.tput_per_gpu`).
    public var fields: Measured

    /// Throughputs and latencies with InferenceMAX's field names.
    public struct Measured: Codable, Sendable, Equatable {
        /// GPUs of the prefill instances and of the decode engine in disaggregated serving.
        public var num_prefill_gpu: Int?
        public var num_decode_gpu: Int?
        /// (input + output) tokens per second per GPU.
        public var tput_per_gpu: Double
        public var output_tput_per_gpu: Double
        public var input_tput_per_gpu: Double
        public var mean_ttft: Double
        public var median_ttft: Double
        public var p99_ttft: Double
        public var mean_tpot: Double
        public var median_tpot: Double
        public var p99_tpot: Double
        public var mean_itl: Double
        public var median_itl: Double
        public var p99_itl: Double
        public var mean_e2el: Double
        public var median_e2el: Double
        public var p99_e2el: Double
        /// 1 / median TPOT: tokens per second per user.
        public var median_intvty: Double
        /// Emulator extras (absent in measured data).
        public var emulator: EmulatorExtras?
    }

    public init(configuration: ServingConfiguration, fields: Measured) {
        self.configuration = configuration
        self.fields = fields
    }

    public init(configuration: ServingConfiguration,
                num_prefill_gpu: Int? = nil,
                num_decode_gpu: Int? = nil,
                tput_per_gpu: Double,
                output_tput_per_gpu: Double,
                input_tput_per_gpu: Double,
                mean_ttft: Double,
                median_ttft: Double,
                p99_ttft: Double,
                mean_tpot: Double,
                median_tpot: Double,
                p99_tpot: Double,
                mean_itl: Double,
                median_itl: Double,
                p99_itl: Double,
                mean_e2el: Double,
                median_e2el: Double,
                p99_e2el: Double,
                median_intvty: Double,
                emulator: EmulatorExtras? = nil) {
        self.init(
            configuration: configuration,
            fields: Measured(
                num_prefill_gpu: num_prefill_gpu, num_decode_gpu: num_decode_gpu, tput_per_gpu: tput_per_gpu,
                output_tput_per_gpu: output_tput_per_gpu, input_tput_per_gpu: input_tput_per_gpu, mean_ttft: mean_ttft,
                median_ttft: median_ttft, p99_ttft: p99_ttft, mean_tpot: mean_tpot, median_tpot: median_tpot, p99_tpot: p99_tpot,
                mean_itl: mean_itl, median_itl: median_itl, p99_itl: p99_itl, mean_e2el: mean_e2el, median_e2el: median_e2el,
                p99_e2el: p99_e2el, median_intvty: median_intvty, emulator: emulator))
    }

    /// GPUs whose throughput this point is divided by.
    public var gpus: Int {
        if configuration.disagg, let prefill = fields.num_prefill_gpu, let decode = fields.num_decode_gpu { return prefill + decode }
        return configuration.tp
    }

    /// Output and input tokens per second per GPU of the whole deployment. Equal to the fields in
    /// aggregated serving; disaggregated, InferenceMAX divides output by the decode GPUs and input
    /// by the prefill GPUs (DESIGN.md), so these rescale them to every GPU (for costs).
    public var outputPerDeploymentGPU: Double { fields.output_tput_per_gpu * Double(fields.num_decode_gpu ?? gpus) / Double(gpus) }
    public var inputPerDeploymentGPU: Double { fields.input_tput_per_gpu * Double(fields.num_prefill_gpu ?? gpus) / Double(gpus) }
}

/// What only an emulator can report: the batch reached, cache use, and where step time went.
public struct EmulatorExtras: Codable, Sendable, Equatable {
    public var num_requests: Int
    public var duration_s: Double
    public var steps: Int
    public var max_batch: Int
    /// The KV-cache format used: the precision label's, the engine recipe's or the one chosen.
    public var kv_cache_format: String
    public var kv_cache_peak_fraction: Double
    public var kv_capacity_tokens: Int
    /// Sequences preempted (their KV cache dropped, to be recomputed) because decoding outgrew
    /// the cache, over every engine: an engine that grows the cache on demand (vLLM, SGLang).
    public var preemptions: Int
    /// Share of total step time by operator kind (linear, attention, moe, communication, …).
    public var step_time_share: [String: Double]
    /// The |error| to expect of throughput per GPU and of interactivity on a configuration the
    /// calibration has not seen (the profile's held-out errors; absent without a profile).
    public var expected_tput_error: Double?
    public var expected_intvty_error: Double?
}
