import ArgumentParser
import Catalog
import Emulator
import Foundation

/// `tokenomics emulate`: one configuration through the serving emulator.
struct Emulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Emulate one serving configuration (InferenceMAX client semantics).",
        discussion:
            "Prints throughput per GPU, latencies and interactivity; --json prints one result object with InferenceMAX's field "
                + "names (latencies in seconds)."
    )

    @Option(help: "GPU: h100, h200, b200, gb200, b300, gb300, mi300x, mi325x, mi355x.") var gpu: String
    @Option(help: """
        Model id from the catalog (`tokenomics catalog models`), or the id to give --model-config's model (default: the \
        config's own).
        """)
    var model: String?
    @Option(help: "Precision: bf16, fp8, fp4 (NVFP4 on NVIDIA, MXFP4 on AMD), nvfp4, mxfp4.") var precision: String
    @Option(help: "Serving engine profile: trtllm, vllm, sglang; atom on AMD (`tokenomics catalog frameworks`).") var framework: String
    @Option(help: "Nominal input length in tokens (requests draw from [0.8·L, L]).") var isl: Int
    @Option(help: "Nominal output length in tokens.") var osl: Int
    @Option(help: """
        Tensor-parallel GPUs of the engine; beyond one scale-up domain, whole domains: TP, its all-reduces over the \
        scale-out network, or wide EP (--dp-attention, --ep = --tp).
        """)
    var tp: Int = 1
    @Option(help: """
        Expert-parallel degree of MoE layers (divides TP; where it does not divide the experts, each rank holds ⌈E / EP⌉ \
        slots, the extra ones copies of popular experts).
        """)
    var ep: Int = 1
    @Flag(help: "Data-parallel attention across the TP ranks.") var dpAttention = false
    @Option(help: "Client concurrency; 10 × conc requests are sent.") var conc: Int
    @Option(help: "Seed of the request lengths.") var seed: UInt64 = 1
    @Option(help: "Speculative decoding: none, or mtp (the model's multi-token-prediction module drafts; DeepSeek-R1).")
    var specDecoding = "none"
    @Option(help: "With --spec-decoding mtp: tokens drafted per step (default: the engine's recipe for the model).")
    var mtpDraftTokens: Int?
    @Flag(inversion: .prefixedNo, help: """
        With --spec-decoding mtp and prefill instances: whether they run the draft module too; --no-prefill-drafts as \
        SGLang launches that pass the speculative flags to decode alone (the decode's drafts then accept less).
        """)
    var prefillDrafts = true
    @Option(help: """
        Disaggregated serving: prefill instances feeding the decode engine (0: aggregated); KV caches cross the scale-up \
        fabric when all GPUs fit in one domain, else the scale-out network.
        """)
    var prefillInstances = 0
    @Option(help: "GPUs (tensor parallel) of each prefill instance.") var prefillTp = 4
    @Option(help: """
        Disaggregated serving: decode engines (each of --tp GPUs) behind the prefill instances (xPyD), the router keeping \
        their loads within one client of each other (conc 6 over 5 engines: one of 2 clients, four of 1).
        """)
    var decodeEngines = 1
    @Option(help: """
        KV-cache format: bf16, fp8, nvfp4, mxfp4 (default: the precision's, or the engine's recipe on that GPU: \
        TensorRT-LLM fp8, vLLM on H100 bf16).
        """)
    var kvCache: String?
    @Option(help: """
        Token budget of a scheduler step, prefill chunks included, as the launch sets it (SGLang --chunked-prefill-size, \
        vLLM --max-num-batched-tokens, TensorRT-LLM --max_num_tokens); default: the engine's recipe.
        """)
    var maxNumTokens: Int?
    @Option(help: """
        A Hugging Face config.json adding a model (with an hf_quant_config.json beside it, if any); its id is --model, else \
        the config's _name_or_path, else its folder's name (after any 'Org--'), lower-cased.
        """)
    var modelConfig: String?
    @Option(help: "Calibration profile (`tokenomics calibrate`; default: the documented constants of frameworks.toml).")
    var profile: String?
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        var catalog = Catalog.standard
        let configured = try modelConfig.map { path throws(InputError) in try catalog.addModel(configAt: URL(fileURLWithPath: path),
                                                                                                id: model) }
        guard let model = model ?? configured else {
            throw InputError(key: "--model", problem: "missing: name a catalog model or give --model-config",
                             allowed: catalog.models.keys.listed)
        }
        if let profile { catalog = try catalog.applying(profileAt: profile) }
        let config = ServingConfiguration(hw: gpu, model: model, framework: framework, precision: precision,
                                          spec_decoding: specDecoding, mtp_draft_tokens: mtpDraftTokens,
                                          prefill_drafts: prefillDrafts ? nil : false, isl: isl, osl: osl,
                                          conc: conc, tp: tp, ep: ep,
                                          dp_attention: dpAttention, kv_cache: kvCache, seed: seed,
                                          prefill_instances: prefillInstances, prefill_tp: prefillTp,
                                          decode_engines: decodeEngines == 1 ? nil : decodeEngines, max_num_tokens: maxNumTokens)
        let result = ServingSimulation(try Deployment(config, catalog: catalog)).run()
        if json {
            try Console.result(try OutputFile.json(result))
        } else {
            print(ResultText(result).description)
        }
    }
}
