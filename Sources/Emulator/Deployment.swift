import Foundation
import Catalog

/// A configuration resolved against the catalog: hardware, model, formats and engine constants,
/// with its memory plan (`MemoryPlan`). Construction fails with the reason when the
/// configuration cannot run.
public struct Deployment: Sendable {
    public let config: ServingConfiguration
    public let gpu: GPU
    public let model: ModelArchitecture
    public internal(set) var precision: Precision
    public internal(set) var profile: FrameworkProfile
    /// Zipf exponent of expert popularity (catalog workload).
    public let routingSkew: Double
    /// The prefill instances of a disaggregated deployment, nil when aggregated.
    public let prefillStage: PrefillStage?
    /// Tokens drafted per decode step (0 without speculative decoding), and the tokens a decode
    /// step yields per sequence on average (1 without; the engine's measured MTP yield for that
    /// many drafts with, 1 + its gain × `gainWithoutPrefillDrafts` where prefill instances do not draft).
    public let draftTokens: Int
    public let tokensPerStep: Double

    /// The formats the MTP layer runs in: the model's, or BF16 weights and activations where the
    /// checkpoint left that layer unquantized (`Precision.draftWeights`).
    var draftPrecision: Precision {
        guard precision.draftWeights != precision.weights else { return precision }
        var draft = precision
        (draft.weights, draft.activations, draft.gemmMath) = (draft.draftWeights, draft.draftWeights, draft.draftWeights.math)
        return draft
    }

    /// Weights and KV cache of the (decode) engine.
    public let memory: MemoryPlan

    public var tp: Int { config.tp }
    public var ep: Int { config.ep }
    /// Ranks that hold distinct sequences: TP under DP attention, else 1.
    public var attentionRanks: Int { config.dp_attention ? config.tp : 1 }

    public init(_ config: ServingConfiguration, catalog: Catalog = .standard) throws(InputError) {
        try config.checkBounds()
        let gpu = try catalog.gpu(config.hw)
        let model = try catalog.model(config.model)
        if let context = model.contextLength, config.isl + config.osl > context {
            throw InputError(key: "isl", value: "\(config.isl) + osl \(config.osl)",
                             problem: "a request longer than \(model.id)'s context of \(context) tokens:",
                             allowed: "isl + osl ≤ \(context) (max_position_embeddings)")
        }
        self.config = config
        routingSkew = catalog.routingSkew
        if config.spec_decoding == "mtp" {
            guard model.mtpLayers > 0 else {
                throw InputError(key: "spec_decoding", value: "mtp", problem: "\(model.id) ships no multi-token-prediction layers:",
                                 allowed: "none")
            }
            let mtp = catalog.speculative.mtp(config.framework, model: model.id)
            let drafts = config.mtp_draft_tokens ?? mtp.draftTokens
            guard let yield = mtp.yields[drafts] else {
                throw InputError(key: "mtp_draft_tokens", value: "\(drafts)",
                                 problem: "no measured MTP yield of \(config.framework) on \(model.id) drafting that many tokens:",
                                 allowed: mtp.yields.keys.sorted().map(String.init).joined(separator: ", ") + " (workload.toml)")
            }
            // Without the prefill's draft state the drafts keep a share of their gain.
            let gain = config.prefill_drafts == false ? catalog.speculative.gainWithoutPrefillDrafts : 1
            (draftTokens, tokensPerStep) = (drafts, 1 + (yield - 1) * gain)
        } else {
            (draftTokens, tokensPerStep) = (0, 1)
        }
        prefillStage = try PrefillStage(config, gpu: gpu, model: model, catalog: catalog)
        self.gpu = gpu
        self.model = model
        profile = try catalog.frameworks.profile(config.framework, on: gpu, model: model.id)
        if let budget = config.max_num_tokens { profile.maxNumTokens = budget }
        var precision = try catalog.precisions.resolve(config.precision, on: gpu)
        // A KV format chosen for this configuration wins over the engine's recipe, which wins over the label's.
        if let kv = config.kv_cache ?? profile.kvCache {
            precision.kv = try catalog.precisions.formats.named(kv, key: "kv_cache", problem: "unknown KV-cache format")
        }
        self.precision = precision
        try Self.checkParallelism(config, gpu: gpu, model: model)
        memory = try MemoryPlan(config, gpu: gpu, model: model, precision: precision, profile: profile)
    }

    /// How the router loads the decode engines (`ServingConfiguration.decode_engines`): conc =
    /// q·D + r clients over D engines leave r engines q + 1 clients and D − r engines q, the more
    /// loaded first. A closed-loop client sends a request only when one finishes, and a router
    /// that sends it to the least-loaded engine (Dynamo's KV-aware router counts active blocks)
    /// keeps the engines' loads within one of each other. Engines of 0 clients idle.
    public var engineLoads: [EngineLoad] {
        let engines = config.decodeEngines
        let (share, rest) = config.conc.quotientAndRemainder(dividingBy: engines)
        return [EngineLoad(clients: share + 1, engines: rest), EngineLoad(clients: share, engines: engines - rest)]
            .filter { $0.engines > 0 }
    }

    static func checkParallelism(_ config: ServingConfiguration, gpu: GPU, model: ModelArchitecture) throws(InputError) {
        let tp = config.tp, domain = gpu.domainGPUs
        // Across whole domains: TP, its all-reduces crossing the scale-out network (SGLang's and
        // vLLM's multi-node TP), or wide EP, where DP attention keeps attention on each GPU and only
        // the experts' dispatch and combine cross it (SGLang with DeepEP or MoRI).
        let wideEP = model.experts != nil && config.ep == tp
        guard tp <= domain || tp % domain == 0 && (!config.dp_attention || wideEP) else {
            throw InputError(key: "tp", value: "\(tp)", problem: "exceeds the \(gpu.id) scale-up domain of \(domain) GPUs:",
                             allowed: "1…\(domain), or a multiple of \(domain): TP across domains, or wide EP "
                                 + "(dp_attention, ep = tp, a MoE model)")
        }
        if !config.dp_attention, model.queryHeads % tp != 0 {
            throw InputError(key: "tp", value: "\(tp)", problem: "does not divide the \(model.queryHeads) attention heads of \(model.id):",
                             allowed: "divisors of \(model.queryHeads)")
        }
        guard let experts = model.experts else {
            if config.ep != 1 {
                throw InputError(key: "ep", value: "\(config.ep)", problem: "\(model.id) has no experts: expert parallelism", allowed: "1")
            }
            return
        }
        // An EP that does not divide the routed experts runs with redundant slots (`Experts.slots`).
        guard tp % config.ep == 0, config.ep <= experts.routed else {
            throw InputError(key: "ep", value: "\(config.ep)",
                             problem: "must divide TP \(tp) and not exceed the \(experts.routed) experts of \(model.id):",
                             allowed: "divisors of \(tp) up to \(experts.routed)")
        }
    }
}
