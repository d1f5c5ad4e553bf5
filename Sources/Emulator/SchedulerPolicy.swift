import Catalog

/// What a serving engine's scheduler decides each step, from its framework profile
/// (`frameworks.toml`): when it looks at newly arrived requests, whether decodes share a step
/// with prefill chunks, and how the step's token budget is filled.
///
/// - Receiving: every `receiveInterval` steps (SGLang's `--scheduler-recv-interval`; 1 for the
///   engines that take requests in every step), or at once when the engine idles.
/// - Mixing: TensorRT-LLM's in-flight batching and vLLM V1 run every decoding sequence and fill
///   the rest of the budget with prefill chunks; SGLang's default scheduler runs waiting prefills
///   alone while decodes wait.
/// - Chunked prefill: prompts take budget in arrival order, the last one possibly a partial chunk
///   that continues next step.
struct SchedulerPolicy: Sendable, Equatable {
    /// Steps between looks at newly arrived requests, at least 1.
    let receiveInterval: Int
    /// Whether decode tokens and prefill chunks share a step.
    let mixedBatches: Bool
    /// Tokens one step may process: decode tokens plus prefill chunk tokens (`max_num_tokens`).
    let tokenBudget: Int

    init(_ profile: FrameworkProfile, conc: Int) {
        receiveInterval = max(1, profile.receiveInterval(conc: conc))
        mixedBatches = profile.mixedBatches
        tokenBudget = profile.maxNumTokens
    }

    /// Whether the scheduler takes in new requests before step number `step` (0-based): on every
    /// `receiveInterval`-th step, or whenever the engine has nothing to run.
    func receives(beforeStep step: Int, engineIdle: Bool) -> Bool {
        step % receiveInterval == 0 || engineIdle
    }

    /// Decoding sequences that run this step: all of them, unless the engine runs prefills alone
    /// and a prompt is waiting to be prefilled.
    func decodes(decoding: Int, prefillWaiting: Bool) -> Int {
        mixedBatches || !prefillWaiting ? decoding : 0
    }

    /// Prefill chunk sizes, in tokens, for prompts with `remaining` tokens still to prefill (in
    /// arrival order) in a step that already runs `decodes` decode tokens: each prompt takes
    /// min(its rest, the budget left) until the budget is spent.
    func prefillChunks(remaining: some Sequence<Int>, decodes: Int) -> [Int] {
        var budget = tokenBudget - decodes
        var chunks: [Int] = []
        for tokens in remaining where budget > 0 {
            let take = min(tokens, budget)
            chunks.append(take)
            budget -= take
        }
        return chunks
    }
}
