/// The requests one engine holds, by slot: prompts being prefilled, sequences decoding, and the
/// KV cache they have reserved.
///
/// A request is admitted into a free slot only when the KV bytes of its whole length (prompt plus
/// output) fit beside those already reserved, so a running request is never evicted. Aggregated,
/// it then waits in the prefill queue until its whole prompt has been prefilled in chunks;
/// disaggregated, its KV cache arrives prefilled and it starts decoding at once. Decoding state
/// lives in `DecodeLanes`, one lane per slot.
struct RunningBatch {
    /// One admitted request: its lengths, its reserved KV bytes and its prefill progress.
    struct Occupant {
        let request: Int
        let promptTokens: Int
        let outputTokens: Int
        let kvBytes: Double
        /// Prompt tokens prefilled so far.
        var prefilled = 0
    }

    /// What one step runs: its shape for the cost model, the decode tokens in it, and the prefill
    /// chunk of each of the first `prefillChunks.count` prompts of the prefill queue, in tokens.
    struct StepPlan {
        var shape = BatchShape()
        var decodes = 0
        var prefillChunks: [Int] = []
    }

    private var slots: [Occupant?]
    /// Free slots; the last is taken first (slot 0 first on an empty engine).
    private var freeSlots: [Int]
    /// Slots whose prompt is not yet fully prefilled, in admission order.
    private(set) var prefillQueue: [Int] = []
    private var lanes: DecodeLanes
    /// Σ context and Σ min(context, window) over the decoding sequences, for the next step's cost.
    private var contextSums = DecodeLanes.Sums()
    /// Sequences in decode.
    private(set) var decoding = 0
    /// Slots whose request produced its last token, in the order they finished.
    private var finishedSlots: [Int] = []
    /// KV bytes reserved by the admitted requests, and the most the cache holds.
    private(set) var kvBytesInUse = 0.0
    let kvCapacityBytes: Double
    /// Sliding window of the model's windowed layers, nil when it has none.
    let window: Int?

    init(slots count: Int, window: Int?, kvCapacityBytes: Double) {
        slots = Array(repeating: nil, count: count)
        freeSlots = Array((0..<count).reversed())
        lanes = DecodeLanes(slots: count, window: window)
        self.window = window
        self.kvCapacityBytes = kvCapacityBytes
    }

    /// Nothing to run: no sequence decoding, no prompt waiting for prefill.
    var isIdle: Bool { decoding == 0 && prefillQueue.isEmpty }
    /// Sequences the engine schedules: decoding plus being prefilled.
    var size: Int { decoding + prefillQueue.count }
    var hasFinished: Bool { !finishedSlots.isEmpty }

    /// Admits `request` into a free slot when its `kvBytes` fit; false (and nothing changes) when
    /// no slot is free or the cache is too full. A request whose prompt was `prefilled` elsewhere
    /// starts decoding at once, any other joins the prefill queue.
    mutating func admit(_ request: Int, promptTokens: Int, outputTokens: Int, kvBytes: Double, prefilled: Bool) -> Bool {
        guard let slot = freeSlots.last, kvBytesInUse + kvBytes <= kvCapacityBytes else { return false }
        kvBytesInUse += kvBytes
        freeSlots.removeLast()
        slots[slot] = Occupant(request: request, promptTokens: promptTokens, outputTokens: outputTokens, kvBytes: kvBytes)
        if prefilled {
            startDecoding(slot)
        } else {
            prefillQueue.append(slot)
        }
        return true
    }

    /// After the first token: decode the rest (context = prompt + 1), or finish at once when one
    /// token was asked for.
    private mutating func startDecoding(_ slot: Int) {
        guard let occupant = slots[slot] else { preconditionFailure("slot \(slot) holds no request") }
        let left = occupant.outputTokens - 1
        guard left > 0 else {
            finishedSlots.append(slot)
            return
        }
        let context = occupant.promptTokens + 1
        lanes.activate(slot, context: context, remaining: left)
        contextSums.context += context
        contextSums.windowed += min(context, window ?? context)
        decoding += 1
    }

    /// The next step under `policy`: the decodes it lets run, then prefill chunks in queue order
    /// up to the token budget. A prompt whose last chunk is in the step samples a token.
    func plan(_ policy: SchedulerPolicy) -> StepPlan {
        var plan = StepPlan()
        plan.decodes = policy.decodes(decoding: decoding, prefillWaiting: !prefillQueue.isEmpty)
        plan.shape.decodeTokens = plan.decodes
        plan.shape.decodeContext = plan.decodes > 0 ? contextSums.context : 0
        plan.shape.decodeContextWindowed = plan.decodes > 0 ? contextSums.windowed : 0
        plan.shape.sampled = plan.decodes
        plan.shape.sequences = plan.decodes
        let remaining = prefillQueue.lazy.map { self.occupant($0).promptTokens - self.occupant($0).prefilled }
        plan.prefillChunks = policy.prefillChunks(remaining: remaining, decodes: plan.decodes)
        for (slot, chunk) in zip(prefillQueue, plan.prefillChunks) {
            let occupant = occupant(slot)
            plan.shape.addPrefill(chunk: chunk, after: occupant.prefilled, window: window)
            if occupant.prefilled + chunk == occupant.promptTokens { plan.shape.sampled += 1 }
        }
        return plan
    }

    /// Every decoding sequence gains `tokens` tokens; those reaching their output length finish.
    mutating func advanceDecodes(by tokens: Int32, kernel: ServingSimulation.Kernel) {
        let before = finishedSlots.count
        switch kernel {
        case .simd: contextSums = lanes.advance(by: tokens, finished: &finishedSlots)
        case .scalar: contextSums = lanes.advanceScalar(by: tokens, finished: &finishedSlots)
        }
        decoding -= finishedSlots.count - before
    }

    /// Records the step's prefill chunks (`StepPlan.prefillChunks`); prompts now fully prefilled
    /// leave the queue and start decoding. Returns their requests, which had their first token.
    mutating func completePrefillChunks(_ chunks: [Int]) -> [Int] {
        var firstTokens: [Int] = []
        for (slot, chunk) in zip(prefillQueue, chunks) {
            slots[slot]?.prefilled += chunk
            let occupant = occupant(slot)
            guard occupant.prefilled == occupant.promptTokens else { continue }
            firstTokens.append(occupant.request)
            startDecoding(slot)
        }
        prefillQueue.removeFirst(firstTokens.count)
        return firstTokens
    }

    /// Frees the slots and KV bytes of the requests that finished, in the order they finished,
    /// and returns those requests.
    mutating func releaseFinished() -> [Int] {
        var released: [Int] = []
        for slot in finishedSlots {
            let occupant = occupant(slot)
            kvBytesInUse -= occupant.kvBytes
            slots[slot] = nil
            freeSlots.append(slot)
            released.append(occupant.request)
        }
        finishedSlots.removeAll(keepingCapacity: true)
        return released
    }

    private func occupant(_ slot: Int) -> Occupant {
        guard let occupant = slots[slot] else { preconditionFailure("slot \(slot) holds no request") }
        return occupant
    }
}
