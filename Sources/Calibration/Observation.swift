import Catalog
import Emulator

/// One measured benchmark point and the configurations that may have produced it: exactly one
/// for a point of a measured curve, several where a publication gives only the best over
/// parallelisms (then the emulator's best stands for it).
public struct Observation: Sendable, Equatable {
    /// "model hw framework precision": the unit that leave-one-group-out holds out whole.
    public var group: String
    /// "1k/8k".
    public var scenario: String
    /// What identifies the point within its group ("TP4 EP1 conc 64").
    public var label: String
    public var candidates: [ServingConfiguration]
    /// Measured throughput per GPU (tokens/s), median TPOT, TTFT and end-to-end latency
    /// (seconds) where given.
    public var tput: Double
    public var tpot: Double?
    public var ttft: Double?
    public var e2e: Double?

    public init(group: String, scenario: String, label: String, candidates: [ServingConfiguration], tput: Double,
                tpot: Double? = nil, ttft: Double? = nil, e2e: Double? = nil) {
        self.group = group
        self.scenario = scenario
        self.label = label
        self.candidates = candidates
        self.tput = tput
        self.tpot = tpot
        self.ttft = ttft
        self.e2e = e2e
    }

    /// The measured throughput over what the point's own latency allows by Little's law: a
    /// closed-loop client of conc requests, each of mean prompt + output tokens over E2E
    /// seconds, moves conc · tokens / E2E per second over the deployment's GPUs. A sound run
    /// comes to 0.93–1.0 (every gpt-oss point of the training curves; the median E2E stands for
    /// the mean); nil without an E2E or a known configuration.
    public var littleShare: Double? {
        guard let e2e, e2e > 0, candidates.count == 1, let config = candidates.first else { return nil }
        let tokens = Lengths.mean(config.isl) + Lengths.mean(config.osl)
        return tput / (Double(config.conc) * tokens / e2e / Double(config.gpus))
    }

    /// Below this share of what its own latency allows, a run lost throughput to something outside
    /// its requests (InferenceMAX's B200 SGLang DeepSeek-R1 curves repeat configurations at 0.53–0.78
    /// of their twins with the same TTFT, TPOT and E2E): no emulator can reproduce it.
    public static let soundShare = 0.8

    /// Why the point cannot be fitted, when its throughput and its own latency disagree.
    public var inconsistency: String? {
        guard let share = littleShare, share < Self.soundShare else { return nil }
        return "throughput \(share.fixed(2))× what its median E2E allows by Little's law (below \(Self.soundShare)): "
            + "a run its own latencies cannot account for"
    }

    /// The group of a configuration: model, GPU, engine and precision, and whether it is served
    /// disaggregated or with MTP (a different deployment of the same engine).
    public static func group(of config: ServingConfiguration) -> String {
        "\(config.model) \(config.hw) \(config.framework) \(config.precision)" + (config.disagg ? " disagg" : "")
            + (config.spec_decoding == "none" ? "" : " \(config.spec_decoding)")
    }

    /// The engine of every candidate.
    public var framework: String { candidates[0].framework }
    /// The model of every candidate.
    public var model: String { candidates[0].model }
    /// The GPU of every candidate.
    public var hw: String { candidates[0].hw }

    /// Measured values the point contributes to a fit: throughput, and TPOT and TTFT where given
    /// for a known configuration (`CellFit`).
    var valueCount: Int { candidates.count > 1 ? 1 : 1 + (tpot == nil ? 0 : 1) + (ttft == nil ? 0 : 1) }
}

/// An engine on a GPU family, or one model on them: the unit whose constants one fit sets
/// ("sglang × blackwell", "trtllm × blackwell × deepseek-r1").
public struct Cell: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var framework: String
    public var family: String
    /// The model of a model's own cell; nil: the engine × family's.
    public var model: String?

    public init(framework: String, family: String, model: String? = nil) {
        self.framework = framework
        self.family = family
        self.model = model
    }

    public var description: String { "\(framework) × \(family)" + (model.map { " × \($0)" } ?? "") }

    /// The model's own cell within this engine × family.
    func of(_ model: String) -> Cell { Cell(framework: framework, family: family, model: model) }

    public static func < (a: Cell, b: Cell) -> Bool { (a.framework, a.family, a.model ?? "") < (b.framework, b.family, b.model ?? "") }
}

extension Observation {
    /// The engine × family whose constants this point informs, or an error naming the GPU.
    func cell(in catalog: Catalog) throws(InputError) -> Cell {
        Cell(framework: framework, family: try catalog.gpu(hw).family)
    }
}
