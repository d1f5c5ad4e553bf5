import Foundation

/// Where a catalog model's config comes from and what its model card states (`card.toml` beside
/// the config): the published total and active parameters that the catalog's tests hold the
/// parameter count to (within 2%, or the card's own rounding when coarser).
public struct ModelCard: Sendable, Equatable {
    /// Which embeddings a card's active count includes: cards differ (Qwen and Meta count both
    /// the input lookup and the LM head; DeepSeek and Moonshot the head; Zhipu and MiniMax none).
    public enum Embeddings: String, Sendable, CaseIterable { case all, head, none }

    /// The config's origin (repository, revision).
    public var source: String
    /// The model card or report the figures are quoted from.
    public var card: String
    public var totalParameters: Double
    public var activeParameters: Double
    public var activeEmbeddings: Embeddings
    /// The card's figures as written ("235B"), whose last digit bounds their precision.
    public var rounding: Double

    static func read(_ fields: TOMLFields) throws(InputError) -> ModelCard {
        try fields.rejectUnknownKeys(allowed: ["source", "card", "total_parameters", "active_parameters", "active_embeddings",
                                               "rounding"])
        let embeddings = try fields.string("active_embeddings")
        guard let counted = Embeddings(rawValue: embeddings) else {
            throw fields.error("active_embeddings", "unknown", value: embeddings, allowed: Embeddings.allCases.map(\.rawValue).listed)
        }
        return ModelCard(source: try fields.string("source"), card: try fields.string("card"),
                         totalParameters: try fields.double("total_parameters"), activeParameters: try fields.double("active_parameters"),
                         activeEmbeddings: counted, rounding: try fields.double("rounding"))
    }

    /// The model's active parameters counted as this card counts them.
    public func active(of model: ModelArchitecture) -> Double {
        let embedding = Double(model.hidden * model.vocabulary)
        switch activeEmbeddings {
        case .all: return model.activeParameters
        case .head: return model.activeParameters - (model.tiedEmbeddings ? 0 : embedding)
        case .none: return model.activeParameters - model.embeddingParameters
        }
    }

    /// Whether `value` agrees with the card's `stated` figure: within 2%, or within half a unit
    /// of the card's last digit (`rounding`) when that is coarser ("17B" is 16.5–17.5B).
    public func agrees(_ value: Double, with stated: Double) -> Bool {
        abs(value - stated) <= max(0.02 * stated, rounding / 2)
    }
}
