import Catalog

/// Continuous-batching serving of InferenceMAX's closed-loop client, step by step.
///
/// The client keeps `conc` requests in flight and sends 10 × conc in all, lengths uniform in
/// [0.8·L, L]. A request reaches the engine the framework's front-end latency after it was
/// sent (HTTP, tokenization, hand-off to the scheduler), so TTFT and E2E include it and the
/// client's slot idles meanwhile; a scheduler that polls for new requests every few steps
/// (SGLang's recv interval) takes them in only then. The engine admits waiting requests while
/// a slot and KV space for their whole length are free (no eviction), runs every decoding
/// sequence each step, and fills the rest of
/// the step's token budget with prefill chunks in arrival order (chunked prefill). A step lasts
/// what `StepCostModel` says; a request's first token comes at the end of the step that
/// finishes its prompt. Disaggregated: a request waits for a free prefill instance, is prefilled
/// there (its first token), its KV cache crosses the fabric, and only then may the decode engine,
/// which runs decode steps alone, admit it.
public struct ServingSimulation: Sendable {
    /// Which implementation of the decode hot loop to run.
    public enum Kernel: Sendable { case simd, scalar }

    public let deployment: Deployment
    public let cost: StepCostModel

    public init(_ deployment: Deployment) {
        self.deployment = deployment
        cost = StepCostModel(deployment)
    }

    /// Runs the whole benchmark and summarizes it.
    public func run(kernel: Kernel = .simd) -> BenchmarkResult {
        var state = SimulationState(deployment: deployment)
        while state.completed < state.requests {
            state.step(cost: cost, kernel: kernel)
        }
        return state.result()
    }
}

/// The mutable state of one simulation run.
struct SimulationState {
    let deployment: Deployment
    let requests: Int
    let inputs: [Int32]
    let outputs: [Int32]
    let window: Int?
    var issued: [Double]
    var firstToken: [Double]
    var finished: [Double]

    var lanes: DecodeLanes
    var slotRequest: [Int]
    var freeSlots: [Int]
    var prefillDone: [Int]
    var prefillQueue: [Int] = []
    var waiting: [Int] = []
    var waitingHead = 0
    var nextRequest = 0
    var completed = 0
    var decoding = 0
    var sums = DecodeLanes.Sums()
    var kvUsed = 0.0
    var now = 0.0

    var stepDurations: [Double] = []
    var stepDecodeTokens: [Int] = []
    var steps = 0
    var maxBatch = 0
    var kvPeak = 0.0
    var timeByKind = StepTime()
    var finishedSlots: [Int] = []
    var decodeSteps = 0
    let tokensPerStep: Double
    let receiveInterval: Int
    /// When each request reaches the engine, and when it may enter decoding (aggregated: the
    /// same; disaggregated: once its KV cache has reached the decode engine, `.infinity` while
    /// its prefill batch is not yet formed).
    var arrival: [Double]
    var readyAt: [Double]
    /// Disaggregated: when each prefill instance is next free, and the prompts waiting for one.
    var prefillFree: [Double]
    var prefillPending: [Int] = []
    var prefillPendingHead = 0

    init(deployment: Deployment) {
        self.deployment = deployment
        let config = deployment.config
        requests = config.requestCount
        inputs = Lengths.simd(count: requests, length: config.isl, seed: config.seed, stream: 0)
        outputs = Lengths.simd(count: requests, length: config.osl, seed: config.seed, stream: 1)
        window = deployment.model.slidingWindow
        tokensPerStep = deployment.tokensPerStep
        receiveInterval = max(1, deployment.profile.receiveInterval(conc: config.conc))
        prefillFree = Array(repeating: 0, count: deployment.prefillStage?.instances ?? 0)
        arrival = Array(repeating: 0, count: requests)
        readyAt = Array(repeating: 0, count: requests)
        issued = Array(repeating: 0, count: requests)
        firstToken = Array(repeating: 0, count: requests)
        finished = Array(repeating: 0, count: requests)
        lanes = DecodeLanes(slots: config.conc, window: window)
        slotRequest = Array(repeating: -1, count: config.conc)
        freeSlots = Array((0..<config.conc).reversed())
        prefillDone = Array(repeating: 0, count: config.conc)
        for _ in 0..<min(config.conc, requests) { issue() }
    }

    mutating func issue() {
        let request = nextRequest
        issued[request] = now
        arrival[request] = now + deployment.profile.requestLatency
        readyAt[request] = deployment.prefillStage == nil ? arrival[request] : .infinity
        if deployment.prefillStage != nil { prefillPending.append(request) }
        waiting.append(request)
        nextRequest += 1
    }

    /// Disaggregated: forms the prefill batches that start by `horizon`. The earliest free
    /// instance (lowest index on ties) starts when it and the oldest waiting prompt are both
    /// there, and takes every prompt arrived by then that fits in the token budget. Batches are
    /// only formed once no later arrival could join them: up to `now`, or to any time when the
    /// decode engine idles (no request can arrive before one finishes).
    mutating func formPrefillBatches(until horizon: Double) {
        guard let stage = deployment.prefillStage else { return }
        while prefillPendingHead < prefillPending.count {
            var instance = 0
            for i in prefillFree.indices where prefillFree[i] < prefillFree[instance] { instance = i }
            let start = max(prefillFree[instance], arrival[prefillPending[prefillPendingHead]])
            guard start <= horizon else { return }
            var lengths: [Int] = [], tokens = 0
            var end = prefillPendingHead
            while end < prefillPending.count, arrival[prefillPending[end]] <= start {
                let length = Int(inputs[prefillPending[end]])
                guard lengths.isEmpty || tokens + length <= stage.budget else { break }
                lengths.append(length)
                tokens += length
                end += 1
            }
            let done = start + stage.prefillTime(lengths: lengths)
            prefillFree[instance] = done
            for request in prefillPending[prefillPendingHead..<end] {
                firstToken[request] = done
                readyAt[request] = done + stage.transferTime(bytes: deployment.memory.kvBytes(forTokens: Int(inputs[request])))
            }
            prefillPendingHead = end
        }
    }

    func kvNeed(_ request: Int) -> Double {
        deployment.memory.kvBytes(forTokens: Int(inputs[request] + outputs[request]))
    }

    /// Moves waiting requests that have reached the engine into free slots while their KV fits
    /// (disaggregated: once their KV cache has arrived, straight into decode).
    mutating func admit() {
        let disaggregated = deployment.prefillStage != nil
        while waitingHead < waiting.count, let slot = freeSlots.last {
            let request = waiting[waitingHead]
            if readyAt[request] > now { break }
            let need = kvNeed(request)
            guard kvUsed + need <= deployment.memory.kvCapacityBytes else { break }
            kvUsed += need
            freeSlots.removeLast()
            waitingHead += 1
            slotRequest[slot] = request
            if disaggregated {
                startDecoding(slot, request: request)
            } else {
                prefillDone[slot] = 0
                prefillQueue.append(slot)
            }
        }
        kvPeak = max(kvPeak, kvUsed)
    }

    /// After the first token: decode the rest, or finish at once when one token was asked for.
    mutating func startDecoding(_ slot: Int, request: Int) {
        let left = Int(outputs[request]) - 1
        guard left > 0 else {
            finishedSlots.append(slot)
            return
        }
        let context = Int(inputs[request]) + 1
        lanes.activate(slot, context: context, remaining: left)
        sums.context += context
        sums.windowed += min(context, window ?? context)
        decoding += 1
    }

    mutating func step(cost: StepCostModel, kernel: ServingSimulation.Kernel) {
        finishedSlots.removeAll(keepingCapacity: true)
        formPrefillBatches(until: now)
        // The scheduler looks at new requests every `receiveInterval` steps, or at once when idle.
        if steps % receiveInterval == 0 || (decoding == 0 && prefillQueue.isEmpty) { admit() }
        // A disaggregated decode engine with nothing to decode idles until the next KV cache arrives.
        if deployment.prefillStage != nil, decoding == 0 {
            if !finishedSlots.isEmpty {
                for slot in finishedSlots { complete(slot) }
                return
            }
            if waitingHead < waiting.count {
                formPrefillBatches(until: .infinity)
                now = max(now, readyAt[waiting[waitingHead]])
            }
            return
        }
        // An idle engine waits for the next request to come through the front end.
        if decoding == 0, prefillQueue.isEmpty, waitingHead < waiting.count, readyAt[waiting[waitingHead]] > now {
            now = readyAt[waiting[waitingHead]]
            return
        }
        // Engines that do not mix batches run waiting prefills alone while decodes wait.
        let decodes = deployment.profile.mixedBatches || prefillQueue.isEmpty ? decoding : 0
        var batch = BatchShape()
        batch.decodeTokens = decodes
        batch.decodeContext = decodes > 0 ? sums.context : 0
        batch.decodeContextWindowed = decodes > 0 ? sums.windowed : 0
        batch.sampled = decodes
        batch.sequences = decodes
        var budget = deployment.profile.maxNumTokens - decodes
        var chunks: [(slot: Int, tokens: Int)] = []
        for slot in prefillQueue where budget > 0 {
            let request = slotRequest[slot]
            let take = min(Int(inputs[request]) - prefillDone[slot], budget)
            batch.addPrefill(chunk: take, after: prefillDone[slot], window: window)
            if prefillDone[slot] + take == Int(inputs[request]) { batch.sampled += 1 }
            chunks.append((slot, take))
            budget -= take
        }
        precondition(batch.tokens > 0, "serving simulation stalled: nothing fits in the KV cache")
        maxBatch = max(maxBatch, decoding + prefillQueue.count)

        let time = cost.time(batch)
        timeByKind.accumulate(time)
        now += time.total
        steps += 1
        // Tokens each decoding sequence emits this step: 1, or under speculative decoding the
        // expected accepted run E spread over steps as ⌊(s+1)E⌋ − ⌊sE⌋ (mean E, deterministic).
        let emitted = Int32(((Double(decodeSteps) + 1) * tokensPerStep).rounded(.down) - (Double(decodeSteps) * tokensPerStep).rounded(.down))
        if decodes > 0 {
            stepDurations.append(time.total / Double(emitted))
            stepDecodeTokens.append(decodes * Int(emitted))
        } else if decoding > 0, let last = stepDurations.indices.last {
            stepDurations[last] += time.total  // the waiting decodes' next token arrives that much later
        }

        if decodes > 0 {
            sums = kernel == .simd ? lanes.advance(by: emitted, finished: &finishedSlots)
                : lanes.advanceScalar(by: emitted, finished: &finishedSlots)
            decoding -= finishedSlots.count
            decodeSteps += 1
        }
        var completedPrefills = 0
        for chunk in chunks {
            prefillDone[chunk.slot] += chunk.tokens
            let request = slotRequest[chunk.slot]
            guard prefillDone[chunk.slot] == Int(inputs[request]) else { continue }
            completedPrefills += 1
            firstToken[request] = now
            startDecoding(chunk.slot, request: request)
        }
        prefillQueue.removeFirst(completedPrefills)
        for slot in finishedSlots { complete(slot) }
    }

    mutating func complete(_ slot: Int) {
        let request = slotRequest[slot]
        finished[request] = now
        kvUsed -= kvNeed(request)
        slotRequest[slot] = -1
        freeSlots.append(slot)
        completed += 1
        if nextRequest < requests { issue() }
    }

    func result() -> BenchmarkResult {
        let config = deployment.config
        var inputTokens = 0, outputTokens = 0
        for r in 0..<requests {
            inputTokens += Int(inputs[r])
            outputTokens += Int(outputs[r])
        }
        let duration = now
        let gpus = Double(deployment.gpuCount)
        let ttft = (0..<requests).map { firstToken[$0] - issued[$0] }
        let e2el = (0..<requests).map { finished[$0] - issued[$0] }
        let tpot = (0..<requests).filter { outputs[$0] > 1 }.map { (finished[$0] - firstToken[$0]) / Double(outputs[$0] - 1) }
        let t = Summary(ttft), p = Summary(tpot), e = Summary(e2el)
        let itl = Summary(values: stepDurations, weights: stepDecodeTokens)
        let total = timeByKind.total
        let share = Dictionary(uniqueKeysWithValues: zip(StepTime.kinds, timeByKind.values.map { $0 / total }))
        return BenchmarkResult(
            hw: config.gpu, model: config.model, framework: config.framework, precision: config.precision,
            spec_decoding: config.specDecoding, disagg: config.disaggregated, isl: config.isl, osl: config.osl, conc: config.conc,
            tp: config.tp, ep: config.ep, dp_attention: config.dpAttention, kv_cache: config.kvCache,
            num_prefill_gpu: deployment.prefillStage?.gpus, num_decode_gpu: deployment.prefillStage.map { _ in config.tp },
            tput_per_gpu: Double(inputTokens + outputTokens) / duration / gpus,
            output_tput_per_gpu: Double(outputTokens) / duration / Double(config.tp),
            input_tput_per_gpu: Double(inputTokens) / duration / Double(deployment.prefillStage?.gpus ?? config.tp),
            mean_ttft: t.mean, median_ttft: t.median, p99_ttft: t.p99,
            mean_tpot: p.mean, median_tpot: p.median, p99_tpot: p.p99,
            mean_itl: itl.mean, median_itl: itl.median, p99_itl: itl.p99,
            mean_e2el: e.mean, median_e2el: e.median, p99_e2el: e.p99,
            median_intvty: p.median > 0 ? 1 / p.median : 0,
            emulator: EmulatorExtras(
                num_requests: requests, duration_s: duration, steps: steps, max_batch: maxBatch,
                kv_cache_format: deployment.precision.kv.name,
                kv_cache_peak_fraction: kvPeak / deployment.memory.kvCapacityBytes,
                kv_capacity_tokens: Int(deployment.memory.kvCapacityBytes / deployment.memory.kvBytes(forTokens: 1)),
                step_time_share: share))
    }
}
