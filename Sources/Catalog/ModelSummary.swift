/// What `tokenomics catalog models` prints of a model (as text or JSON): its parameters, its
/// layers by kind, and what each kind keeps per token or per sequence.
public struct ModelSummary: Codable, Sendable, Equatable {
    public struct Experts: Codable, Sendable, Equatable {
        public var routed: Int
        public var per_token: Int
        public var shared: Int
        public var intermediate: Int
    }

    /// The model card's figures beside ours (active counted as the card counts it).
    public struct Card: Codable, Sendable, Equatable {
        public var total_parameters: Double
        public var active_parameters: Double
        public var active_embeddings: String
        public var our_active_parameters: Double
        public var agrees: Bool
        public var source: String
    }

    public var id: String
    public var family: String
    public var total_parameters: Double
    public var active_parameters: Double
    /// Layers by attention kind ("full", "sliding", "chunked", "linear"; "sparse": full layers
    /// that read their top-k keys) and by MLP ("dense_mlp", "moe").
    public var layers: [String: Int]
    public var experts: Experts?
    /// Cache bytes one token adds to one layer of each kind, at BF16 (FP8 halves them); the
    /// sparse indexer's keys are FP8 already.
    public var kv_bytes_per_token_per_layer: [String: Double]
    /// Tokens a windowed layer keeps, and the keys a sparse layer reads.
    public var window: Int?
    public var sparse_top_k: Int?
    /// A linear-attention layer's state per sequence, bytes.
    public var state_bytes_per_sequence_per_layer: Double?
    public var mtp_layers: Int
    public var context_length: Int?
    public var checkpoint: String?
    public var source: String
    public var card: Card?

    public init(_ model: ModelArchitecture) {
        id = model.id
        family = model.family
        total_parameters = model.totalParameters
        active_parameters = model.activeParameters
        var layers = [model.sparse == nil ? "full" : "sparse": model.fullLayers, "dense_mlp": model.denseLayers,
                      "moe": model.moeLayers]
        if model.slidingLayers > 0 { layers[model.windowKind.rawValue] = model.slidingLayers }
        if model.linearLayers > 0 { layers["linear"] = model.linearLayers }
        self.layers = layers.filter { $0.value > 0 }
        experts = model.experts.map { .init(routed: $0.routed, per_token: $0.perToken, shared: $0.shared, intermediate: $0.intermediate) }
        let softmax = Double(model.kvElementsPerTokenPerLayer) * 2
        var kv = model.fullLayers > 0 ? [model.sparse == nil ? "full" : "sparse": softmax] : [:]
        if model.slidingLayers > 0 { kv[model.windowKind.rawValue] = softmax }
        if let sparse = model.sparse { kv["indexer"] = sparse.keyBytesPerToken }
        kv_bytes_per_token_per_layer = kv
        window = model.slidingWindow
        sparse_top_k = model.sparse?.topK
        state_bytes_per_sequence_per_layer = model.linear.map { $0.stateElements * $0.stateBytes }
        mtp_layers = model.mtpLayers
        context_length = model.contextLength
        checkpoint = model.checkpoint
        source = model.source
        card = model.card.map { card in
            let ours = card.active(of: model)
            return Card(total_parameters: card.totalParameters, active_parameters: card.activeParameters,
                        active_embeddings: card.activeEmbeddings.rawValue, our_active_parameters: ours,
                        agrees: card.agrees(model.totalParameters, with: card.totalParameters)
                            && card.agrees(ours, with: card.activeParameters),
                        source: card.card)
        }
    }
}
