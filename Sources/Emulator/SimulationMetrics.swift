/// What a run measures step by step, and the benchmark result it adds up to.
///
/// - Inter-token latency (ITL): each step that runs decodes gives one sample, the step's time
///   over the tokens a sequence emits in it (`TokenEmission`), weighted by the tokens all its
///   sequences emit (decodes × emitted). A step that runs prefill alone while sequences wait to
///   decode delays their next token: its time is added to the last sample.
/// - Time by operator kind: `StepTime` summed over steps, reported as shares of the total.
/// - Largest batch (sequences decoding or being prefilled in one step) and the KV-cache peak in
///   bytes, observed after every admission and step; sequences preempted because the cache ran out.
/// Request latencies (TTFT, TPOT, E2E) come from the `RequestTable`. Times in seconds.
struct SimulationMetrics {
    /// Engine steps run.
    private(set) var steps = 0
    private(set) var maxBatch = 0
    private(set) var kvPeakBytes = 0.0
    private(set) var preemptions = 0
    private(set) var timeByKind = StepTime()
    /// ITL samples, seconds, and the tokens each stands for.
    private(set) var interTokenLatencies: [Double] = []
    private(set) var interTokenWeights: [Int] = []

    mutating func observeKVCache(bytesInUse: Double) {
        kvPeakBytes = max(kvPeakBytes, bytesInUse)
    }

    mutating func recordPreemptions(_ count: Int) {
        preemptions += count
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

    /// The engines' runs as InferenceMAX reports one benchmark point: throughput per GPU (total
    /// over every GPU, output over the decode GPUs, input over the prefill GPUs, as its
    /// aggregation does for disaggregated points), each run's tokens per second counted once per
    /// engine it stands for; latency summaries over every engine's requests, a run's samples
    /// weighted by its engines (over their greatest common divisor, so that one load summarizes
    /// exactly as one engine). The extras: every request sent, the longest run, the busiest
    /// engine's steps, batch and cache peak, step time shares over all engines.
    static func result(_ deployment: Deployment, runs: [EngineRun]) -> BenchmarkResult {
        let config = deployment.config
        let divisor = runs.map(\.engines).reduce(0, greatestCommonDivisor)
        let weights = runs.map { $0.engines / divisor }
        var input = 0.0, output = 0.0, time = StepTime()
        for run in runs {
            let tokens = run.requests.tokenTotals
            input += Double(run.engines * tokens.input) / run.duration
            output += Double(run.engines * tokens.output) / run.duration
            time.accumulate(run.metrics.timeByKind.scaled(by: Double(run.engines)))
        }
        func pooled(_ samples: (RequestTable) -> [Double]) -> Summary {
            var values: [Double] = [], counts: [Int] = []
            for (run, weight) in zip(runs, weights) {
                let drawn = samples(run.requests)
                values += drawn
                counts += Array(repeating: weight, count: drawn.count)
            }
            return Summary(values: values, weights: counts)
        }
        let t = pooled(\.timesToFirstToken), p = pooled(\.timesPerOutputToken), e = pooled(\.endToEndLatencies)
        let itl = Summary(values: runs.flatMap(\.metrics.interTokenLatencies),
                          weights: zip(runs, weights).flatMap { run, weight in run.metrics.interTokenWeights.map { $0 * weight } })
        let prefillGPUs = deployment.prefillStage?.gpus, decodeGPUs = config.tp * config.decodeEngines
        return BenchmarkResult(
            configuration: config.reported,
            num_prefill_gpu: prefillGPUs, num_decode_gpu: prefillGPUs.map { _ in decodeGPUs },
            tput_per_gpu: (input + output) / Double(config.gpus),
            output_tput_per_gpu: output / Double(decodeGPUs),
            input_tput_per_gpu: input / Double(prefillGPUs ?? decodeGPUs),
            mean_ttft: t.mean, median_ttft: t.median, p99_ttft: t.p99,
            mean_tpot: p.mean, median_tpot: p.median, p99_tpot: p.p99,
            mean_itl: itl.mean, median_itl: itl.median, p99_itl: itl.p99,
            mean_e2el: e.mean, median_e2el: e.median, p99_e2el: e.p99,
            median_intvty: p.median > 0 ? 1 / p.median : 0,
            emulator: EmulatorExtras(
                num_requests: runs.reduce(0) { $0 + $1.engines * $1.requests.count },
                duration_s: runs.map(\.duration).max() ?? 0,
                steps: runs.map(\.metrics.steps).max() ?? 0,
                max_batch: runs.map(\.metrics.maxBatch).max() ?? 0,
                kv_cache_format: deployment.precision.kv.name,
                kv_cache_peak_fraction: (runs.map(\.metrics.kvPeakBytes).max() ?? 0) / deployment.memory.kvCapacityBytes,
                kv_capacity_tokens: deployment.memory.kvCapacityTokens,
                preemptions: runs.reduce(0) { $0 + $1.engines * $1.metrics.preemptions },
                step_time_share: time.shares,
                expected_tput_error: deployment.profile.expectedError?.tput,
                expected_intvty_error: deployment.profile.expectedError?.intvty))
    }
}
