import Catalog

/// The prefill side of disaggregated serving: identical instances of `tp` GPUs. A free instance
/// takes every waiting prompt that fits in the engine's token budget and prefills them in one
/// batch (a longer prompt alone, in chunks of the budget), then ships each KV cache to the
/// decode engine (MODELING.md: ISL × KV bytes per token, each GPU its shard over its own link):
/// over the scale-up fabric when prefill and decode GPUs fit in one domain (NVL72), else over
/// the scale-out network between domains (InfiniBand or RDMA Ethernet, 400–800 Gb/s a GPU).
public final class PrefillStage: Sendable {
    public let instances: Int
    public let tp: Int
    /// What one decode engine's requests see of the pool when `decode_engines` share it evenly:
    /// ⌈instances / engines⌉ instances, each taking `stretch` = engines·⌈instances / engines⌉ /
    /// instances times as long (a pool of 1 instance behind 2 engines: 1 instance at half speed).
    public let engineInstances: Int
    let stretch: Double
    let cost: StepCostModel
    let deployment: Deployment
    /// Whether prefill and decode GPUs span more than one scale-up domain.
    public let crossesDomains: Bool
    let linkBytesPerSecond: Double
    let transferLatency: Double

    public var gpus: Int { instances * tp }

    /// Nil for an aggregated configuration; fails when one prefill instance cannot hold the model.
    /// `gpu` and `model`: the configuration's, as the decode engine resolved them.
    init?(_ config: ServingConfiguration, gpu: GPU, model: ModelArchitecture, catalog: Catalog) throws(InputError) {
        guard config.disagg, let instances = config.prefill_instances, let prefillTP = config.prefill_tp else { return nil }
        var prefill = config
        (prefill.disagg, prefill.prefill_instances, prefill.decode_engines) = (false, 0, nil)
        prefill.tp = prefillTP
        // Attention is TP-sharded, across domains too (its all-reduces over the network), as
        // InferenceMAX's two-node H100 prefill instances run (SGLang TP 16, no DP attention).
        prefill.dp_attention = false
        (prefill.spec_decoding, prefill.mtp_draft_tokens, prefill.prefill_drafts) = ("none", nil, nil)
        // Experts spread over the instance's GPUs where they divide evenly.
        let experts = model.experts?.routed ?? 1
        prefill.ep = experts % prefillTP == 0 && experts > 1 ? prefillTP : 1
        prefill.conc = 1
        do {
            deployment = try Deployment(prefill, catalog: catalog)
        } catch {
            var reason = error
            reason.problem = "prefill instance (TP \(prefillTP)): " + error.problem
            throw reason
        }
        self.instances = instances
        tp = prefillTP
        let engines = config.decodeEngines
        engineInstances = (instances + engines - 1) / engines
        stretch = Double(engines * engineInstances) / Double(instances)
        cost = StepCostModel(deployment)
        let gpu = deployment.gpu
        crossesDomains = config.tp * engines + instances * tp > gpu.domainGPUs
        let linkGBPerSecond = crossesDomains ? gpu.scaleOutGBPerSecond : gpu.scaleUpGBPerSecond
        linkBytesPerSecond = linkGBPerSecond * StepCostModel.bytesPerGB * deployment.profile.fabricEfficiency
        transferLatency = deployment.profile.allReduceBase
    }

    /// The engine's token budget per prefill step.
    var budget: Int { deployment.profile.maxNumTokens }

    /// Seconds to prefill prompts of `lengths` tokens together on one instance: one step when
    /// they fit in the budget together, else (a single long prompt) one step per chunk.
    func prefillTime(lengths: [Int]) -> Double {
        guard lengths.count > 1 else { return prefillTime(tokens: lengths.first ?? 0) }
        var batch = BatchShape()
        for tokens in lengths { batch.addPrefill(chunk: tokens, after: 0, window: deployment.model.readWindow) }
        batch.sampled = lengths.count
        return cost.time(batch).total
    }

    /// Seconds to prefill a prompt of `tokens` on one instance.
    func prefillTime(tokens: Int) -> Double {
        var done = 0, time = 0.0
        while done < tokens {
            var batch = BatchShape()
            let chunk = min(budget, tokens - done)
            batch.addPrefill(chunk: chunk, after: done, window: deployment.model.readWindow)
            if done + chunk == tokens { batch.sampled = 1 }
            time += cost.time(batch).total
            done += chunk
        }
        return time
    }

    /// Seconds to move a prompt's KV cache (as the decode side stores it) to the decode engine.
    func transferTime(bytes: Double) -> Double { transferLatency + bytes / linkBytesPerSecond }
}
