/// What one engine step processes, summed over the engine: the inputs of the step-cost model.
public struct BatchShape: Sendable, Equatable {
    /// Sequences in decode, one new token each.
    public var decodeTokens: Int = 0
    /// Σ context length over decoding sequences (what full-attention layers read).
    public var decodeContext: Int = 0
    /// Σ min(context, window) over decoding sequences (what sliding-window layers read).
    public var decodeContextWindowed: Int = 0
    /// New prompt tokens in this step's prefill chunks.
    public var prefillTokens: Int = 0
    /// Causal query–key pairs of the prefill chunks, full and windowed.
    public var prefillPairs: Double = 0
    public var prefillPairsWindowed: Double = 0
    /// Sequences that sample a token this step (decodes plus prefills that complete).
    public var sampled: Int = 0
    /// Sequences scheduled this step.
    public var sequences: Int = 0

    public init() {}

    /// All tokens through the linear layers.
    public var tokens: Int { decodeTokens + prefillTokens }

    /// Adds a prefill chunk of `chunk` tokens after `done` cached ones; `window` caps sliding layers.
    public mutating func addPrefill(chunk: Int, after done: Int, window: Int?) {
        prefillTokens += chunk
        let start = Double(done), end = Double(done + chunk)
        prefillPairs += (end * end - start * start) / 2
        prefillPairsWindowed += Self.windowedPairs(from: done, to: done + chunk, window: window ?? Int.max)
        sequences += 1
    }

    /// Σ_{i=from+1}^{to} min(i, w): pairs of tokens from..to attending to at most w keys.
    static func windowedPairs(from: Int, to: Int, window w: Int) -> Double {
        let rampEnd = min(to, max(from, w))
        let ramp = (Double(rampEnd) * Double(rampEnd + 1) - Double(from) * Double(from + 1)) / 2
        return ramp + Double(to - rampEnd) * Double(w)
    }
}
