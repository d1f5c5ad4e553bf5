/// The KV-cache bytes of many sequences from three sums over them: Σ context, Σ min(context,
/// window) and their number (`DecodeLanes.Sums`; the window is the model's sliding window
/// wherever it has windowed layers). `MemoryPlan.kvBytes(forTokens:)` is one sequence's.
public struct KVFootprint: Sendable, Equatable {
    /// Full and windowed layers, and the KV bytes of one token in one layer on one GPU.
    let fullLayers: Double
    let windowedLayers: Double
    let perLayerToken: Double
    /// The sparse indexer's key bytes per token, and the linear-attention state per sequence.
    let indexerPerToken: Double
    let perSequence: Double

    /// Bytes of `sequences` sequences of Σ `context` tokens, Σ `windowed` within the window.
    public func bytes(context: Int, windowed: Int, sequences: Int) -> Double {
        (fullLayers * Double(context) + windowedLayers * Double(windowed)) * perLayerToken
            + Double(context) * indexerPerToken + (sequences > 0 ? Double(sequences) * perSequence : 0)
    }

    /// Bytes one more token adds to a sequence longer than the window.
    public var perFurtherToken: Double { fullLayers * perLayerToken + indexerPerToken }
}
