/// Tokens each decoding sequence emits per decode step: 1, or under speculative decoding the
/// expected accepted run E (`Deployment.tokensPerStep`) spread over the steps as
/// ⌊(s+1)·E⌋ − ⌊s·E⌋ for decode step s = 0, 1, …, so the mean is E and the run deterministic.
struct TokenEmission {
    /// E, tokens per sequence per decode step on average.
    let tokensPerStep: Double
    /// Decode steps run so far.
    private(set) var decodeSteps = 0

    init(tokensPerStep: Double) {
        self.tokensPerStep = tokensPerStep
    }

    /// Tokens every decoding sequence emits in the next decode step.
    mutating func next() -> Int32 {
        let step = Double(decodeSteps)
        decodeSteps += 1
        return Int32(((step + 1) * tokensPerStep).rounded(.down) - (step * tokensPerStep).rounded(.down))
    }
}
