/// One benchmark point with InferenceMAX's aggregated-result field names
/// (`utils/process_result.py`): configuration, throughput per GPU and latencies in seconds.
/// Emulated and measured points share this type, so one analysis serves both.
public struct BenchmarkResult: Codable, Sendable, Equatable {
    public var hw: String
    public var model: String
    public var framework: String
    public var precision: String
    public var spec_decoding: String
    public var disagg: Bool
    public var isl: Int
    public var osl: Int
    public var conc: Int
    public var tp: Int
    public var ep: Int
    public var dp_attention: Bool
    /// KV-cache format the configuration chose explicitly (`--kv-cache`, a sweep's `kv_cache`);
    /// absent where the precision and the engine's recipe decide (as in InferenceMAX's results).
    public var kv_cache: String?
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

    public init(hw: String,
                model: String,
                framework: String,
                precision: String,
                spec_decoding: String,
                disagg: Bool,
                isl: Int,
                osl: Int,
                conc: Int,
                tp: Int,
                ep: Int,
                dp_attention: Bool,
                kv_cache: String? = nil,
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
        self.hw = hw
        self.model = model
        self.framework = framework
        self.precision = precision
        self.spec_decoding = spec_decoding
        self.disagg = disagg
        self.isl = isl
        self.osl = osl
        self.conc = conc
        self.tp = tp
        self.ep = ep
        self.dp_attention = dp_attention
        self.kv_cache = kv_cache
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

    /// GPUs whose throughput this point is divided by.
    public var gpus: Int {
        if disagg, let prefill = num_prefill_gpu, let decode = num_decode_gpu { return prefill + decode }
        return tp
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
