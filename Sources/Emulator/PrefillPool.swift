/// The prefill instances of disaggregated serving during a run: which prompt batches each one
/// runs and when, and when each request's KV cache reaches the decode engine. With several
/// decode engines, the share of the pool that one engine's requests see (`PrefillStage.engineInstances`).
///
/// Prompts are taken in issue order. The earliest free instance (lowest index on ties) starts a
/// batch when it and the oldest unprefilled prompt are both there, and takes every prompt that
/// has arrived by then and fits in the token budget (a longer prompt alone, in chunks). A
/// prompt's first token comes at the end of its batch (`PrefillStage.prefillTime`); its KV cache
/// then crosses the fabric (`PrefillStage.transferTime` of prompt × decode-side KV bytes per
/// token) and only then may the decode engine admit it. Times in seconds.
struct PrefillPool {
    let stage: PrefillStage
    /// The decode engine's memory plan: the KV bytes a prompt occupies there are what crosses.
    let decodeMemory: MemoryPlan
    /// When each instance is next free.
    private var freeAt: [Double]
    /// The oldest request not yet in a prefill batch.
    private var nextRequest = 0

    init(_ stage: PrefillStage, decodeMemory: MemoryPlan) {
        self.stage = stage
        self.decodeMemory = decodeMemory
        freeAt = Array(repeating: 0, count: stage.engineInstances)
    }

    /// Forms the prefill batches that start by `horizon` and records their requests' first-token
    /// and ready times. Batches are only formed once no later arrival could join them: up to the
    /// current time, or to any time when the decode engine idles (no request can arrive before one
    /// finishes, so `.infinity` then).
    mutating func formBatches(until horizon: Double, requests: inout RequestTable) {
        while nextRequest < requests.issuedCount {
            var instance = 0
            for i in freeAt.indices where freeAt[i] < freeAt[instance] { instance = i }
            let start = max(freeAt[instance], requests.arrival[nextRequest])
            guard start <= horizon else { return }
            var lengths: [Int] = [], tokens = 0
            var end = nextRequest
            while end < requests.issuedCount, requests.arrival[end] <= start {
                let length = requests.inputTokens(end)
                guard lengths.isEmpty || tokens + length <= stage.budget else { break }
                lengths.append(length)
                tokens += length
                end += 1
            }
            let done = start + stage.prefillTime(lengths: lengths) * stage.stretch
            freeAt[instance] = done
            for request in nextRequest..<end {
                let transfer = stage.transferTime(bytes: decodeMemory.kvBytes(forTokens: requests.inputTokens(request)))
                requests.recordPrefill(request, firstToken: done, ready: done + transfer)
            }
            nextRequest = end
        }
    }
}
