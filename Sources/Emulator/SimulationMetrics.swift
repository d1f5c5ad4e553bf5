/// What a run measures step by step, and the benchmark result it adds up to.
///
/// - Inter-token latency (ITL): each step that runs decodes gives one sample, the step's time
///   over the tokens a sequence emits in it (`TokenEmission`), weighted by the tokens all its
///   sequences emit (decodes × emitted). A step that runs prefill alone while sequences wait to
///   decode delays their next token: its time is added to the last sample.
/// - Time by operator kind: `StepTime` summed over steps, reported as shares of the total.
/// - Largest batch (sequences decoding or being prefilled in one step) and the KV-cache peak in
///   bytes, observed after every admission.
/// Request latencies (TTFT, TPOT, E2E) come from the `RequestTable`. Times in seconds.
struct SimulationMetrics {
    /// Engine steps run.
    private(set) var steps = 0
    private(set) var maxBatch = 0
    private(set) var kvPeakBytes = 0.0
    private var timeByKind = StepTime()
    /// ITL samples, seconds, and the tokens each stands for.
    private(set) var interTokenLatencies: [Double] = []
    private(set) var interTokenWeights: [Int] = []

    mutating func observeKVCache(bytesInUse: Double) {
        kvPeakBytes = max(kvPeakBytes, bytesInUse)
    }

    mutating func observeBatch(size: Int) {
        maxBatch = max(maxBatch, size)
    }

    /// Records a step of `time` that ran `decodes` decoding sequences emitting `emitted` tokens
    /// each; `decodesWaiting`: sequences in decode sat this step out.
    mutating func recordStep(_ time: StepTime, decodes: Int, emitted: Int32, decodesWaiting: Bool) {
        timeByKind.accumulate(time)
        steps += 1
        if decodes > 0 {
            interTokenLatencies.append(time.total / Double(emitted))
            interTokenWeights.append(decodes * Int(emitted))
        } else if decodesWaiting, let last = interTokenLatencies.indices.last {
            interTokenLatencies[last] += time.total  // the waiting decodes' next token arrives that much later
        }
    }

    /// Share of all step time spent in each operator kind (`StepTime.kinds`), summing to 1.
    var timeShares: [String: Double] {
        let total = timeByKind.total
        return Dictionary(uniqueKeysWithValues: zip(StepTime.kinds, timeByKind.values.map { $0 / total }))
    }

    /// The run as InferenceMAX reports a benchmark point: throughput per GPU over `duration`
    /// seconds (total over every GPU, output over the decode GPUs, input over the prefill GPUs, as
    /// its aggregation does for disaggregated points) and latency summaries.
    func result(_ deployment: Deployment, requests: RequestTable, duration: Double) -> BenchmarkResult {
        let config = deployment.config
        let tokens = requests.tokenTotals
        let gpus = deployment.gpusPerEngine, engines = config.decodeEngines
        let t = Summary(requests.timesToFirstToken), p = Summary(requests.timesPerOutputToken)
        let e = Summary(requests.endToEndLatencies)
        let itl = Summary(values: interTokenLatencies, weights: interTokenWeights)
        let prefillGPUs = deployment.prefillStage?.gpus
        // One engine's tokens over its GPUs and its share of the prefill GPUs: every engine runs alike.
        return BenchmarkResult(
            configuration: config.reported,
            num_prefill_gpu: prefillGPUs, num_decode_gpu: deployment.prefillStage.map { _ in config.tp * engines },
            tput_per_gpu: Double(tokens.input + tokens.output) / duration / gpus,
            output_tput_per_gpu: Double(tokens.output) / duration / Double(config.tp),
            input_tput_per_gpu: Double(tokens.input) / duration / (prefillGPUs.map { Double($0) / Double(engines) } ?? Double(config.tp)),
            mean_ttft: t.mean, median_ttft: t.median, p99_ttft: t.p99,
            mean_tpot: p.mean, median_tpot: p.median, p99_tpot: p.p99,
            mean_itl: itl.mean, median_itl: itl.median, p99_itl: itl.p99,
            mean_e2el: e.mean, median_e2el: e.median, p99_e2el: e.p99,
            median_intvty: p.median > 0 ? 1 / p.median : 0,
            emulator: EmulatorExtras(
                num_requests: requests.count, duration_s: duration, steps: steps, max_batch: maxBatch,
                kv_cache_format: deployment.precision.kv.name,
                kv_cache_peak_fraction: kvPeakBytes / deployment.memory.kvCapacityBytes,
                kv_capacity_tokens: deployment.memory.kvCapacityTokens,
                step_time_share: timeShares, expected_tput_error: deployment.profile.expectedError?.tput,
                expected_intvty_error: deployment.profile.expectedError?.intvty))
    }
}
