/// One benchmark point with InferenceMAX's aggregated-result field names
/// (`utils/process_result.py`): configuration, throughput per GPU and latencies in seconds.
/// Emulated and measured points share this type, so one analysis serves both.
/// The record is flat: the configuration's fields sit beside the measured ones.
public struct BenchmarkResult: Codable, Sendable, Equatable {
    /// The configuration served (`ServingConfiguration.reported`: no seed or prefill pool).
    public var configuration: ServingConfiguration
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
        self.configuration = configuration
        self.num_prefill_gpu = num_prefill_gpu
        self.num_decode_gpu = num_decode_gpu
        self.tput_per_gpu = tput_per_gpu
        self.output_tput_per_gpu = output_tput_per_gpu
        self.input_tput_per_gpu = input_tput_per_gpu
        self.mean_ttft = mean_ttft
        self.median_ttft = median_ttft
        self.p99_ttft = p99_ttft
        self.mean_tpot = mean_tpot
        self.median_tpot = median_tpot
        self.p99_tpot = p99_tpot
        self.mean_itl = mean_itl
        self.median_itl = median_itl
        self.p99_itl = p99_itl
        self.mean_e2el = mean_e2el
        self.median_e2el = median_e2el
        self.p99_e2el = p99_e2el
        self.median_intvty = median_intvty
        self.emulator = emulator
    }

    enum CodingKeys: String, CodingKey {
        case num_prefill_gpu, num_decode_gpu, tput_per_gpu, output_tput_per_gpu, input_tput_per_gpu
        case mean_ttft, median_ttft, p99_ttft, mean_tpot, median_tpot, p99_tpot
        case mean_itl, median_itl, p99_itl, mean_e2el, median_e2el, p99_e2el, median_intvty, emulator
    }

    /// The configuration's fields and the measured ones, read from one object.
    public init(from decoder: any Decoder) throws {
        configuration = try ServingConfiguration(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        num_prefill_gpu = try c.decodeIfPresent(Int.self, forKey: .num_prefill_gpu)
        num_decode_gpu = try c.decodeIfPresent(Int.self, forKey: .num_decode_gpu)
        tput_per_gpu = try c.decode(Double.self, forKey: .tput_per_gpu)
        output_tput_per_gpu = try c.decode(Double.self, forKey: .output_tput_per_gpu)
        input_tput_per_gpu = try c.decode(Double.self, forKey: .input_tput_per_gpu)
        mean_ttft = try c.decode(Double.self, forKey: .mean_ttft)
        median_ttft = try c.decode(Double.self, forKey: .median_ttft)
        p99_ttft = try c.decode(Double.self, forKey: .p99_ttft)
        mean_tpot = try c.decode(Double.self, forKey: .mean_tpot)
        median_tpot = try c.decode(Double.self, forKey: .median_tpot)
        p99_tpot = try c.decode(Double.self, forKey: .p99_tpot)
        mean_itl = try c.decode(Double.self, forKey: .mean_itl)
        median_itl = try c.decode(Double.self, forKey: .median_itl)
        p99_itl = try c.decode(Double.self, forKey: .p99_itl)
        mean_e2el = try c.decode(Double.self, forKey: .mean_e2el)
        median_e2el = try c.decode(Double.self, forKey: .median_e2el)
        p99_e2el = try c.decode(Double.self, forKey: .p99_e2el)
        median_intvty = try c.decode(Double.self, forKey: .median_intvty)
        emulator = try c.decodeIfPresent(EmulatorExtras.self, forKey: .emulator)
    }

    /// The configuration's fields and the measured ones, written into one object.
    public func encode(to encoder: any Encoder) throws {
        try configuration.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(num_prefill_gpu, forKey: .num_prefill_gpu)
        try c.encodeIfPresent(num_decode_gpu, forKey: .num_decode_gpu)
        try c.encode(tput_per_gpu, forKey: .tput_per_gpu)
        try c.encode(output_tput_per_gpu, forKey: .output_tput_per_gpu)
        try c.encode(input_tput_per_gpu, forKey: .input_tput_per_gpu)
        try c.encode(mean_ttft, forKey: .mean_ttft)
        try c.encode(median_ttft, forKey: .median_ttft)
        try c.encode(p99_ttft, forKey: .p99_ttft)
        try c.encode(mean_tpot, forKey: .mean_tpot)
        try c.encode(median_tpot, forKey: .median_tpot)
        try c.encode(p99_tpot, forKey: .p99_tpot)
        try c.encode(mean_itl, forKey: .mean_itl)
        try c.encode(median_itl, forKey: .median_itl)
        try c.encode(p99_itl, forKey: .p99_itl)
        try c.encode(mean_e2el, forKey: .mean_e2el)
        try c.encode(median_e2el, forKey: .median_e2el)
        try c.encode(p99_e2el, forKey: .p99_e2el)
        try c.encode(median_intvty, forKey: .median_intvty)
        try c.encodeIfPresent(emulator, forKey: .emulator)
    }

    /// GPUs whose throughput this point is divided by.
    public var gpus: Int {
        if configuration.disagg, let prefill = num_prefill_gpu, let decode = num_decode_gpu { return prefill + decode }
        return configuration.tp
    }

    /// Output and input tokens per second per GPU of the whole deployment. Equal to the fields in
    /// aggregated serving; disaggregated, InferenceMAX divides output by the decode GPUs and input
    /// by the prefill GPUs (DESIGN.md), so these rescale them to every GPU (for costs).
    public var outputPerDeploymentGPU: Double { output_tput_per_gpu * Double(num_decode_gpu ?? gpus) / Double(gpus) }
    public var inputPerDeploymentGPU: Double { input_tput_per_gpu * Double(num_prefill_gpu ?? gpus) / Double(gpus) }
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
    /// Share of total step time by operator kind (linear, attention, moe, communication, …).
    public var step_time_share: [String: Double]
}
