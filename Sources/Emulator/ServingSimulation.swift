/// Continuous-batching serving of InferenceMAX's closed-loop client, step by step.
///
/// The client keeps `conc` requests in flight (`RequestTable`). A request reaches the engine the
/// framework's front-end latency after it was sent (HTTP, tokenization, hand-off to the
/// scheduler), so TTFT and E2E include it and the client's slot idles meanwhile. The engine's
/// scheduler (`SchedulerPolicy`) takes arrived requests in, at most every few steps, while a slot
/// and KV space for their whole length are free (`RunningBatch`, `MemoryPlan`), or, for an engine
/// that grows the cache on demand, space for their prompt and the share of output its rule keeps
/// (decodes that outgrow the cache are then preempted, and come back before any new request to
/// recompute what they had), runs the decodes and fills the step's token budget with prefill
/// chunks. A step lasts what `StepCostModel` says;
/// a request's first token comes at the end of the step that finishes its prompt. Disaggregated:
/// a request is prefilled on a prefill instance (`PrefillPool`), its KV cache crosses the fabric,
/// and only then may the decode engine, which runs decode steps alone, admit it. What each step
/// took is collected by `SimulationMetrics`. With several decode engines, one run stands for
/// every engine of one load (`Deployment.engineLoads`), and the runs add up to one result.
public struct ServingSimulation: Sendable {
    /// Which implementation of the decode hot loop to run (`DecodeLanes`).
    public enum Kernel: Sendable { case simd, scalar }

    public let deployment: Deployment
    public let cost: StepCostModel

    public init(_ deployment: Deployment) {
        self.deployment = deployment
        cost = StepCostModel(deployment)
    }

    /// Runs the whole benchmark and summarizes it.
    public func run(kernel: Kernel = .simd) -> BenchmarkResult {
        let runs = deployment.engineLoads.filter { $0.clients > 0 }.map { load in
            var run = SimulationRun(deployment, clients: load.clients, cost: cost, kernel: kernel)
            while !run.requests.allCompleted { run.step() }
            return EngineRun(engines: load.engines, requests: run.requests, metrics: run.metrics, duration: run.now)
        }
        return SimulationMetrics.result(deployment, runs: runs)
    }
}

/// The event loop of one run: a clock, and the parts it ties together step by step.
struct SimulationRun {
    let deployment: Deployment
    let cost: StepCostModel
    let kernel: ServingSimulation.Kernel
    let policy: SchedulerPolicy
    private(set) var requests: RequestTable
    private var batch: RunningBatch
    /// The prefill instances of a disaggregated deployment, nil when aggregated.
    private var prefillPool: PrefillPool?
    private var emission: TokenEmission
    private(set) var metrics = SimulationMetrics()
    /// The oldest request not yet admitted: requests `nextToAdmit..<requests.issuedCount` wait.
    private var nextToAdmit = 0
    /// Sequences preempted to free KV cache, waiting to be admitted again before any new request,
    /// the first to resume first (the last one preempted: vLLM puts each at the queue's front).
    private var preempted: [RunningBatch.Preempted] = []
    /// Whether the last step preempted: the scheduler then takes nothing in before the next
    /// (vLLM schedules waiting requests only in a step without preemptions).
    private var preemptedLastStep = false
    /// Seconds since the client sent its first requests.
    private(set) var now = 0.0

    /// One decode engine serving `clients` of the client's requests at a time.
    init(_ deployment: Deployment, clients: Int, cost: StepCostModel, kernel: ServingSimulation.Kernel) {
        let config = deployment.config
        self.deployment = deployment
        self.cost = cost
        self.kernel = kernel
        policy = SchedulerPolicy(deployment.profile, conc: config.conc)
        requests = RequestTable(config, clients: clients)
        batch = RunningBatch(slots: clients, window: deployment.model.readWindow,
                             kvCapacityBytes: deployment.memory.kvCapacityBytes, onDemand: Self.onDemand(deployment))
        prefillPool = deployment.prefillStage.map { PrefillPool($0, decodeMemory: deployment.memory) }
        emission = TokenEmission(tokensPerStep: deployment.tokensPerStep)
        for _ in 0..<min(clients, requests.count) { issueNext() }
    }

    /// The admission of an aggregated engine whose rule keeps less than whole lengths free
    /// (`FrameworkProfile.kvReservedOutputShare`), nil otherwise: a disaggregated decode engine
    /// takes in prefilled caches whole.
    static func onDemand(_ deployment: Deployment) -> RunningBatch.OnDemand? {
        let profile = deployment.profile
        guard deployment.prefillStage == nil, profile.kvReservedOutputShare < 1 || profile.kvAdmittedOutputShare < 1 else { return nil }
        return RunningBatch.OnDemand(footprint: deployment.memory.footprint, reservedOutputShare: profile.kvReservedOutputShare,
                                     admittedOutputShare: profile.kvAdmittedOutputShare)
    }

    /// One turn of the loop: run one engine step, or move the clock to when there is work.
    mutating func step() {
        prefillPool?.formBatches(until: now, requests: &requests)
        let mayAdmit = !preemptedLastStep || batch.isIdle
        if mayAdmit { resumePreempted() }
        if mayAdmit, preempted.isEmpty, policy.receives(beforeStep: metrics.steps, engineIdle: batch.isIdle) { admitArrivals() }
        if prefillPool != nil, batch.decoding == 0 {
            awaitKVCache()
        } else if batch.isIdle, let next = nextWaiting, requests.ready[next] > now {
            now = requests.ready[next]  // an idle engine waits for the next request to come through the front end
        } else {
            runEngineStep()
        }
    }

    private var nextWaiting: Int? { nextToAdmit < requests.issuedCount ? nextToAdmit : nil }

    private mutating func issueNext() {
        requests.issueNext(at: now, frontEndLatency: deployment.profile.requestLatency, readyOnArrival: prefillPool == nil)
    }

    /// Admits waiting requests that are ready, in order, while the engine has room for them.
    private mutating func admitArrivals() {
        while let request = nextWaiting, requests.ready[request] <= now {
            let (prompt, output) = (requests.inputTokens(request), requests.outputTokens(request))
            guard batch.admit(request, promptTokens: prompt, outputTokens: output, kvBytes: charge(prompt: prompt, output: output),
                              prefilled: prefillPool != nil)
            else { break }
            nextToAdmit += 1
        }
        metrics.observeKVCache(bytesInUse: batch.kvBytesInUse)
    }

    /// KV bytes a request of `prompt` and `output` tokens is charged on admission (`RunningBatch.chargedTokens`).
    private func charge(prompt: Int, output: Int) -> Double {
        deployment.memory.kvBytes(forTokens: batch.chargedTokens(prompt: prompt, output: output))
    }

    /// Admits preempted sequences again, in order, while they fit: each recomputes its context
    /// (prompt and output so far) as a prompt, then decodes what it has left.
    private mutating func resumePreempted() {
        var resumed = 0
        for sequence in preempted {
            guard batch.admit(sequence.request, promptTokens: sequence.context, outputTokens: sequence.remaining,
                              kvBytes: charge(prompt: sequence.context, output: sequence.remaining), prefilled: false, resumed: true)
            else { break }
            resumed += 1
        }
        preempted.removeFirst(resumed)
        if resumed > 0 { metrics.observeKVCache(bytesInUse: batch.kvBytesInUse) }
    }

    /// Disaggregated, nothing to decode: finish the requests that asked for one token, or idle
    /// until the next KV cache arrives (every prefill batch can be formed, none can grow now).
    private mutating func awaitKVCache() {
        if batch.hasFinished {
            completeFinished()
        } else if let next = nextWaiting {
            prefillPool?.formBatches(until: .infinity, requests: &requests)
            now = max(now, requests.ready[next])
        }
    }

    private mutating func runEngineStep() {
        let plan = batch.plan(policy)
        precondition(plan.shape.tokens > 0, "serving simulation stalled: nothing fits in the KV cache")
        metrics.observeBatch(size: batch.size)
        let time = cost.time(plan.shape)
        now += time.total
        let emitted = plan.decodes > 0 ? emission.next() : 0
        metrics.recordStep(time, decodes: plan.decodes, emitted: emitted, decodesWaiting: batch.decoding > 0)
        if plan.decodes > 0 { batch.advanceDecodes(by: emitted, kernel: kernel) }
        for request in batch.completePrefillChunks(plan.prefillChunks) { requests.recordFirstToken(request, at: now) }
        completeFinished()
        let overflow = batch.preemptOverflow()
        preempted.insert(contentsOf: overflow.reversed(), at: 0)
        metrics.recordPreemptions(overflow.count)
        metrics.observeKVCache(bytesInUse: batch.kvBytesInUse)  // decodes grow an on-demand cache
        preemptedLastStep = !overflow.isEmpty
    }

    /// Finished requests leave the engine; the client sends a new request for each while any remain.
    private mutating func completeFinished() {
        for request in batch.releaseFinished() {
            requests.finish(request, at: now)
            if !requests.allIssued { issueNext() }
        }
    }
}
