import Catalog

/// A model summary as `catalog models` prints it: one headline, then layers, cache and source.
struct ModelText: CustomStringConvertible {
    let summary: ModelSummary
    init(_ summary: ModelSummary) { self.summary = summary }

    static func billions(_ count: Double) -> String { "\((count / 1e9).fixed(1))B" }

    var description: String {
        let s = summary
        let experts = s.experts.map { "\($0.routed) experts (top \($0.per_token), \($0.shared) shared, width \($0.intermediate))" }
            ?? "dense"
        let order = ["full", "sliding", "chunked", "sparse", "linear", "dense_mlp", "moe"]
        let layers = order.compactMap { kind in s.layers[kind].map { "\($0) \(kind)" } }.joined(separator: ", ")
        let cache = s.kv_bytes_per_token_per_layer.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.fixed(0)) B" }
        var lines = ["  \(s.id) (\(s.family)): \(Self.billions(s.total_parameters)) total, \(Self.billions(s.active_parameters)) "
            + "active; \(experts)"]
        lines.append("      layers: \(layers)\(s.window.map { "; window \($0) tokens" } ?? "")"
            + "\(s.sparse_top_k.map { "; sparse top-\($0)" } ?? "")\(s.mtp_layers > 0 ? "; \(s.mtp_layers) MTP" : "")")
        var kv = "      KV per token per layer: \(cache.joined(separator: ", "))"
        if let state = s.state_bytes_per_sequence_per_layer { kv += "; linear state \((state / 1_048_576).fixed(2)) MiB per sequence" }
        lines.append(kv + (s.context_length.map { "; context \($0)" } ?? ""))
        if let checkpoint = s.checkpoint { lines.append("      checkpoint: \(checkpoint)") }
        if let card = s.card {
            lines.append("      card: \(Self.billions(card.total_parameters)) / \(Self.billions(card.active_parameters)) (active with "
                + "\(card.active_embeddings) embeddings: ours \(Self.billions(card.our_active_parameters)))"
                + "\(card.agrees ? "" : " — DISAGREES") — \(card.source)")
        }
        lines.append("      source: \(s.source)")
        return lines.joined(separator: "\n")
    }
}
