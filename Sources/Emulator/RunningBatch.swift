/// The requests one engine holds, by slot: prompts being prefilled, sequences decoding, and the
/// KV cache they hold.
///
/// By default a request is admitted into a free slot only when the KV bytes of its whole length
/// (prompt plus output) fit beside those already reserved, so a running request is never
/// evicted. With an `OnDemand` admission (the engine's `kv_reserved_output` and
/// `kv_admitted_output` below 1) the cache holds what the sequences have written: a request is
/// admitted when its prompt plus a share of its output fits beside them, each running sequence
/// counted with a share of the output it has still to produce, and when decoding outgrows the
/// cache the youngest decoding sequences are preempted (`preemptOverflow`): their KV is dropped
/// and they come back later to recompute prompt and output so far. Aggregated, an admitted
/// request waits in the prefill queue until its whole prompt has been prefilled in chunks;
/// disaggregated, its KV cache arrives prefilled and it starts decoding at once. Decoding state
/// lives in `DecodeLanes`, one lane per slot.
struct RunningBatch {
    /// One admitted request: its lengths, the KV bytes charged to it, its prefill progress, and
    /// whether it is a preempted sequence recomputing (its first token came long ago).
    struct Occupant {
        let request: Int
        let promptTokens: Int
        let outputTokens: Int
        var kvBytes: Double
        /// Prompt tokens prefilled so far.
        var prefilled = 0
        var resumed = false
    }

    /// Admission that leaves running sequences room to grow on demand, and preempts when they
    /// outgrow the cache (`FrameworkProfile.kvReservedOutputShare`, `kvAdmittedOutputShare`).
    struct OnDemand {
        let footprint: KVFootprint
        /// Shares of output tokens kept free: of the running sequences' still to come, of a new request's.
        let reservedOutputShare: Double
        let admittedOutputShare: Double
    }

    /// A sequence preempted while decoding: its context (prompt and output so far), to be
    /// recomputed, and the tokens it has still to produce.
    struct Preempted: Equatable {
        let request: Int
        let context: Int
        let remaining: Int
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
    /// KV bytes charged to admitted requests: whole lengths, or (on demand) the prompts waiting
    /// for prefill, the decoding sequences' bytes being `onDemand.footprint` of their sums.
    private var chargedBytes = 0.0
    /// Output tokens still to come of the requests in the prefill queue (on demand).
    private var queuedOutputTokens = 0
    /// Decoding sequences by when they started decoding, the youngest last (on demand), as
    /// (slot, request) pairs; pairs whose sequence finished are dropped when reached.
    private var decodeOrder: [(slot: Int, request: Int)] = []
    let kvCapacityBytes: Double
    let onDemand: OnDemand?
    /// Sliding window of the model's windowed layers, nil when it has none.
    let window: Int?

    init(slots count: Int, window: Int?, kvCapacityBytes: Double, onDemand: OnDemand? = nil) {
        slots = Array(repeating: nil, count: count)
        freeSlots = Array((0..<count).reversed())
        lanes = DecodeLanes(slots: count, window: window)
        self.window = window
        self.kvCapacityBytes = kvCapacityBytes
        self.onDemand = onDemand
    }

    /// KV bytes the requests hold: reserved whole lengths, or what prompts and decodes occupy.
    var kvBytesInUse: Double {
        guard let onDemand else { return chargedBytes }
        return chargedBytes + onDemand.footprint.bytes(context: contextSums.context, windowed: contextSums.windowed, sequences: decoding)
    }

    /// What admission counts as taken (on demand): the bytes in use plus the share of every
    /// running request's output still to come.
    private func committedBytes(_ onDemand: OnDemand) -> Double {
        let toCome = Double(contextSums.remaining + queuedOutputTokens)
        return kvBytesInUse + onDemand.reservedOutputShare * toCome * onDemand.footprint.perFurtherToken
    }

    /// Nothing to run: no sequence decoding, no prompt waiting for prefill.
    var isIdle: Bool { decoding == 0 && prefillQueue.isEmpty }
    /// Sequences the engine schedules: decoding plus being prefilled.
    var size: Int { decoding + prefillQueue.count }
    var hasFinished: Bool { !finishedSlots.isEmpty }

    /// Tokens whose KV bytes a request is charged on admission (`admit`'s `kvBytes`): its whole
    /// length, or on demand its prompt alone (a resumed sequence's prompt is its context so far).
    func chargedTokens(prompt: Int, output: Int) -> Int { onDemand == nil ? prompt + output : prompt }

    /// Admits `request` into a free slot when it fits; false (and nothing changes) when no slot is
    /// free or the cache is too full. `kvBytes`: its whole length's bytes, or on demand its
    /// prompt's, to which admission adds the admitted share of its output. A request whose
    /// prompt was `prefilled` elsewhere starts decoding at once, any other joins the prefill
    /// queue; a `resumed` one (preempted before) recomputes its context there.
    mutating func admit(_ request: Int, promptTokens: Int, outputTokens: Int, kvBytes: Double, prefilled: Bool,
                        resumed: Bool = false) -> Bool {
        guard let slot = freeSlots.last else { return false }
        if let onDemand {
            let share = onDemand.admittedOutputShare * Double(outputTokens) * onDemand.footprint.perFurtherToken
            guard committedBytes(onDemand) + kvBytes + share <= kvCapacityBytes else { return false }
        } else {
            guard chargedBytes + kvBytes <= kvCapacityBytes else { return false }
        }
        chargedBytes += kvBytes
        freeSlots.removeLast()
        slots[slot] = Occupant(request: request, promptTokens: promptTokens, outputTokens: outputTokens, kvBytes: kvBytes,
                               resumed: resumed)
        if prefilled {
            startDecoding(slot)
        } else {
            prefillQueue.append(slot)
            if onDemand != nil { queuedOutputTokens += outputTokens }
        }
        return true
    }

    /// After the first token: decode the rest (context = prompt + 1), or finish at once when one
    /// token was asked for.
    private mutating func startDecoding(_ slot: Int) {
        guard let occupant = slots[slot] else { preconditionFailure("slot \(slot) holds no request") }
        if onDemand != nil {
            // From now on its bytes are the decoding sequences' footprint.
            chargedBytes -= occupant.kvBytes
            slots[slot]?.kvBytes = 0
        }
        let left = occupant.outputTokens - 1
        guard left > 0 else {
            finishedSlots.append(slot)
            return
        }
        let context = occupant.promptTokens + 1
        lanes.activate(slot, context: context, remaining: left)
        contextSums.context += context
        contextSums.windowed += min(context, window ?? context)
        contextSums.remaining += left
        decoding += 1
        if onDemand != nil { decodeOrder.append((slot, occupant.request)) }
    }

    /// On demand, while decoding has outgrown the cache: preempts the youngest decoding sequence
    /// (vLLM's last scheduled, SGLang's fewest decoded), freeing its slot and KV. Returns the
    /// preempted sequences, youngest first.
    mutating func preemptOverflow() -> [Preempted] {
        guard onDemand != nil else { return [] }
        var preempted: [Preempted] = []
        while kvBytesInUse > kvCapacityBytes, let (slot, request) = decodeOrder.popLast() {
            guard slots[slot]?.request == request, lanes.isActive(slot) else { continue }  // finished meanwhile
            let (context, remaining) = lanes.deactivate(slot)
            contextSums.context -= context
            contextSums.windowed -= min(context, window ?? context)
            contextSums.remaining -= remaining
            decoding -= 1
            slots[slot] = nil
            freeSlots.append(slot)
            preempted.append(Preempted(request: request, context: context, remaining: remaining))
        }
        return preempted
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
    /// leave the queue and start decoding. Returns their requests that had their first token
    /// (not the resumed ones, whose first token came before they were preempted).
    mutating func completePrefillChunks(_ chunks: [Int]) -> [Int] {
        var firstTokens: [Int] = [], completed = 0
        for (slot, chunk) in zip(prefillQueue, chunks) {
            slots[slot]?.prefilled += chunk
            let occupant = occupant(slot)
            guard occupant.prefilled == occupant.promptTokens else { continue }
            completed += 1
            if onDemand != nil { queuedOutputTokens -= occupant.outputTokens }
            if !occupant.resumed { firstTokens.append(occupant.request) }
            startDecoding(slot)
        }
        prefillQueue.removeFirst(completed)
        return firstTokens
    }

    /// Frees the slots and KV bytes of the requests that finished, in the order they finished,
    /// and returns those requests.
    mutating func releaseFinished() -> [Int] {
        var released: [Int] = []
        for slot in finishedSlots {
            let occupant = occupant(slot)
            chargedBytes -= occupant.kvBytes
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
