@testable import Catalog
import Foundation
import XCTest

final class CatalogTests: XCTestCase {
    let catalog = Catalog.standard

    func testEveryGPUAndModelOfTheDesignIsPresent() {
        XCTAssertEqual(catalog.gpus.keys.sorted(), ["b200", "b300", "gb200", "gb300", "h100", "h200", "mi300x", "mi325x", "mi355x"])
        XCTAssertEqual(catalog.models.keys.sorted(), [
            "deepseek-r1", "deepseek-v3.2", "glm-5", "gpt-oss-120b", "kimi-k2", "kimi-k2.5", "llama-3.3-70b", "llama-4-maverick",
            "minimax-m2.7", "qwen3-235b-a22b", "qwen3-30b-a3b", "qwen3.5-397b-a17b",
        ])
    }

    func testEveryGPUCitesASourceForEachGroupOfNumbers() {
        for gpu in catalog.gpus.values {
            for key in ["compute", "mamf", "memory", "fabric", "power", "price", "capex"] {
                XCTAssertFalse((gpu.sources[key] ?? "").isEmpty, "\(gpu.id) has no source for \(key)")
            }
        }
    }

    func testDatasheetFiguresAndDashboardConstants() throws {
        let h200 = try catalog.gpu("h200")
        XCTAssertEqual(h200.peakFLOPS("fp8"), 1979e12)
        XCTAssertEqual(h200.peakFLOPS("fp4"), 0, "Hopper has no FP4 math")
        XCTAssertEqual(h200.hbmBytesPerSecond, 4.8e12)
        XCTAssertEqual(h200.usdPerHour["hyperscaler"], 1.41)
        XCTAssertEqual(try catalog.gpu("gb200").domainGPUs, 72)
        XCTAssertEqual(try catalog.gpu("mi355x").allInKW, 2.65)
    }

    /// Every catalog model's total and active parameters against its model card (`card.toml`):
    /// within 2%, or half the card's last digit where that is coarser (Qwen3.5's "17B"), active
    /// counted with the embeddings the card counts.
    func testParameterCountsMatchTheModelCards() throws {
        for model in catalog.models.values {
            let card = try XCTUnwrap(model.card, "\(model.id) has no card.toml")
            XCTAssertTrue(card.agrees(model.totalParameters, with: card.totalParameters),
                          "\(model.id): total \(model.totalParameters / 1e9)B, card \(card.totalParameters / 1e9)B")
            XCTAssertTrue(card.agrees(card.active(of: model), with: card.activeParameters),
                          "\(model.id): active \(card.active(of: model) / 1e9)B, card \(card.activeParameters / 1e9)B")
        }
        // Exact counts where the checkpoint's own count is known.
        XCTAssertEqual(try catalog.model("llama-3.3-70b").totalParameters / 1e9, 70.6, accuracy: 0.35)
        XCTAssertEqual(try catalog.model("gpt-oss-120b").totalParameters / 1e9, 116.8, accuracy: 0.6)
        XCTAssertEqual(try catalog.model("deepseek-r1").totalParameters / 1e9, 671, accuracy: 3.4)
        XCTAssertEqual(try catalog.model("qwen3-30b-a3b").totalParameters, 30_532_542_464, accuracy: 30e6, "HF safetensors count")
        XCTAssertEqual(try catalog.model("kimi-k2").totalParameters / 1e9, 1026.4, accuracy: 1, "the checkpoint's 1,026.5B")
    }

    /// Each family's spelling of experts, dense layers and layer kinds (see MODELING.md).
    func testEachFamilyIsReadAsItsArchitecture() throws {
        let qwen = try catalog.model("qwen3-235b-a22b")
        XCTAssertEqual(qwen.experts, .init(routed: 128, perToken: 8, shared: 0, intermediate: 1536, sharedIntermediate: 1536))
        XCTAssertEqual(qwen.moeLayers, 94)
        XCTAssertEqual(qwen.checkpoint, "NVFP4, KV FP8 (hf_quant_config.json)")
        XCTAssertNil(qwen.slidingWindow, "use_sliding_window is false")
        let maverick = try catalog.model("llama-4-maverick")
        XCTAssertEqual(maverick.moeLayers, 24, "interleave_moe_layer_step 2")
        XCTAssertEqual(maverick.intermediate, 16384, "intermediate_size_mlp")
        XCTAssertEqual(maverick.experts?.shared, 1)
        XCTAssertEqual(maverick.windowKind, .chunked)
        XCTAssertEqual(maverick.slidingLayers, 36, "every fourth layer is global (NoPE)")
        XCTAssertEqual(maverick.slidingWindow, 8192)
        let hybrid = try catalog.model("qwen3.5-397b-a17b")
        XCTAssertEqual(hybrid.linearLayers, 45)
        XCTAssertEqual(hybrid.fullLayers, 15)
        XCTAssertEqual(hybrid.experts?.sharedIntermediate, 1024)
        let state: Double = 64 * 128 * 128 + (2 * 2048 + 8192) * 3
        XCTAssertEqual(hybrid.linear?.stateElements, state)
        XCTAssertTrue(hybrid.queryGate)
        XCTAssertEqual(hybrid.mtpLayers, 1)
        let minimax = try catalog.model("minimax-m2.7")
        XCTAssertEqual(minimax.experts?.intermediate, 1536, "intermediate_size is the expert width")
        XCTAssertEqual(minimax.experts?.shared, 0, "shared_intermediate_size 0")
        XCTAssertEqual(minimax.mtpLayers, 3)
        for id in ["deepseek-v3.2", "glm-5"] {
            let sparse = try catalog.model(id)
            XCTAssertEqual(sparse.sparse?.topK, 2048)
            XCTAssertEqual(sparse.readWindow, 2048, "reads its top-k")
            XCTAssertNil(sparse.slidingWindow, "keeps every token")
        }
        XCTAssertEqual(try catalog.model("glm-5").sparse?.indexerHeads, 32)
        XCTAssertEqual(try catalog.model("kimi-k2").denseLayers, 1)
        XCTAssertEqual(try catalog.model("kimi-k2.5").experts?.routed, 384, "read from text_config")
        XCTAssertEqual(try catalog.model("kimi-k2.5").contextLength, 262_144)
    }

    /// KV bytes per token in BF16 (MODELING.md): Llama 320 KiB, DeepSeek 70,272 B, gpt-oss 72 KiB.
    func testKVCacheElementsPerToken() throws {
        func bf16Bytes(_ id: String) throws -> Int {
            let model = try catalog.model(id)
            return model.kvElementsPerTokenPerLayer * model.layers * 2
        }
        XCTAssertEqual(try bf16Bytes("llama-3.3-70b"), 320 * 1024)
        XCTAssertEqual(try bf16Bytes("deepseek-r1"), 70_272)
        XCTAssertEqual(try bf16Bytes("gpt-oss-120b"), 72 * 1024)
    }

    func testArchitecturesAreReadFromConfigJSON() throws {
        let oss = try catalog.model("gpt-oss-120b")
        XCTAssertEqual(oss.experts?.routed, 128)
        XCTAssertEqual(oss.experts?.perToken, 4)
        XCTAssertEqual(oss.slidingLayers, 18)
        XCTAssertEqual(oss.slidingWindow, 128)
        XCTAssertTrue(oss.unquantizedAttention)
        let r1 = try catalog.model("deepseek-r1")
        XCTAssertEqual(r1.denseLayers, 3)
        XCTAssertEqual(r1.moeLayers, 58)
        XCTAssertEqual(r1.experts?.shared, 1)
        guard case .mla(128, 1536, 512, 128, 64, 128) = r1.attention else { return XCTFail("DeepSeek-R1 must use MLA") }
        XCTAssertEqual(r1.mtpLayers, 1)
    }

    func testAModelConfigFromAnotherPathIsAdded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-llama-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config =
            #"{"model_type": "llama", "hidden_size": 2048, "intermediate_size": 5632, "num_attention_heads": 32, "#
                + #""num_key_value_heads": 4, "num_hidden_layers": 22, "vocab_size": 32000}"#
        try config.write(to: folder.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        var extended = catalog
        try extended.addModel(configAt: folder.appendingPathComponent("config.json"))
        let tiny = try extended.model(folder.lastPathComponent)
        XCTAssertEqual(tiny.totalParameters / 1e9, 1.1, accuracy: 0.05)
    }

    func testPrecisionLabelsResolvePerVendorAndFallBackWhereTheMathIsMissing() throws {
        let b200 = try catalog.precisions.resolve("fp4", on: catalog.gpu("b200"))
        XCTAssertEqual(b200.weights.name, "nvfp4")
        XCTAssertEqual(b200.gemmMath, "fp4")
        XCTAssertEqual(b200.weights.bytes, 0.5625)
        XCTAssertEqual(b200.draftWeights.name, "bf16", "ModelOpt's NVFP4 exports leave the MTP layer unquantized")
        XCTAssertEqual(try catalog.precisions.resolve("fp8", on: catalog.gpu("b200")).draftWeights.name, "fp8",
                       "the FP8 checkpoint quantizes its MTP layer as the others")
        let mi355 = try catalog.precisions.resolve("fp4", on: catalog.gpu("mi355x"))
        XCTAssertEqual(mi355.weights.name, "mxfp4")
        XCTAssertEqual(mi355.kv.name, "fp8", "AMD's quantized FP4 checkpoints run with an FP8 KV cache")
        XCTAssertEqual(try catalog.precisions.resolve("mxfp4", on: catalog.gpu("mi355x")).kv.name, "bf16", "gpt-oss's own release")
        let hopper = try catalog.precisions.resolve("mxfp4", on: catalog.gpu("h200"))
        XCTAssertEqual(hopper.weights.bytes, 0.53125, "FP4 weights still save memory on Hopper")
        XCTAssertEqual(hopper.gemmMath, "bf16", "but W4A16 kernels expand them to BF16")
        XCTAssertEqual(hopper.activations.name, "bf16")
        let mi300 = try catalog.precisions.resolve("fp4", on: catalog.gpu("mi300x"))
        XCTAssertEqual(mi300.gemmMath, "bf16", "CDNA3 has no FP4 math either")
        XCTAssertEqual(try catalog.precisions.resolve("fp8", on: catalog.gpu("h200")).gemmMath, "fp8", "FP8 stays native on Hopper")
        XCTAssertThrowsError(try catalog.precisions.resolve("int3", on: catalog.gpu("h200"))) { error in
            XCTAssertTrue("\(error)".contains("allowed: bf16, fp4, fp8, mxfp4, nvfp4"), "\(error)")
        }
    }

    /// Measured matmul rates over the BF16 peak: the power limit holds MI300X (750 W) at 1.2 GHz
    /// of 2.1 under dense GEMMs, MI325X (1000 W, same die) at 1.45; every precision scales alike.
    func testSustainedTensorRatesFollowTheMeasuredMatmulRate() throws {
        XCTAssertEqual(try catalog.gpu("mi300x").matmulFraction, 668.4 / 1307, accuracy: 1e-12)
        XCTAssertEqual(try catalog.gpu("mi325x").matmulFraction, 0.60, accuracy: 0.005)
        XCTAssertEqual(try catalog.gpu("h100").matmulFraction, 0.80, accuracy: 0.005)
        let b200 = try catalog.gpu("b200")
        XCTAssertEqual(b200.sustainedFLOPS("fp4"), 9000e12 * 1745 / 2250, accuracy: 1e9)
        XCTAssertEqual(try catalog.gpu("h200").sustainedFLOPS("fp4"), 0, "no FP4 math, sustained or not")
        for gpu in catalog.gpus.values { XCTAssert(gpu.matmulFraction > 0.5 && gpu.matmulFraction < 0.85, gpu.id) }
    }

    func testAMatmulRateAboveThePeakIsRefused() throws {
        let text = try String(contentsOf: Catalog.resourceDirectory().appendingPathComponent("gpus.toml"), encoding: .utf8)
            .replacingOccurrences(of: "mamf_tflops = 794.5", with: "mamf_tflops = 1200")
        let fields = try TOMLFields(text: text, file: "gpus.toml").table("h100")
        XCTAssertThrowsError(try GPU.read(id: "h100", fields)) { error in
            XCTAssertEqual(
                "\(error)",
                "gpus.toml: key 'h100.mamf_tflops': a measured matmul rate must be positive and not above the peak '1200.0'; "
                    + "allowed: 0 < mamf_tflops <= bf16_tflops (989.0)"
            )
        }
    }

    func testFrameworkProfilesApplyFamilyOverridesAndRefuseForeignVendors() throws {
        let hopper = try catalog.frameworks.profile("trtllm", on: catalog.gpu("h200"))
        let blackwell = try catalog.frameworks.profile("trtllm", on: catalog.gpu("b200"))
        XCTAssertEqual(hopper.gemmEfficiency, 0.75)
        XCTAssertEqual(blackwell.gemmEfficiency, 0.64)
        XCTAssertEqual(blackwell.kernelLatency, 3e-6, accuracy: 1e-12)
        XCTAssertThrowsError(try catalog.frameworks.profile("trtllm", on: catalog.gpu("mi300x"))) { error in
            XCTAssertTrue("\(error)".contains("does not run on AMD"), "\(error)")
            XCTAssertTrue("\(error)".contains("sglang, vllm"), "\(error)")
        }
    }

    /// vLLM's Blackwell GEMMs are FlashInfer's and CUTLASS's kernels, TensorRT-LLM's: the same
    /// fraction as TensorRT-LLM there, vLLM's own on Hopper, and vLLM's other constants unchanged.
    func testVLLMOnBlackwellRunsTensorRTLLMsGEMMFraction() throws {
        let vllmBlackwell = try catalog.frameworks.profile("vllm", on: catalog.gpu("b200"))
        let vllmHopper = try catalog.frameworks.profile("vllm", on: catalog.gpu("h200"))
        XCTAssertEqual(vllmBlackwell.gemmEfficiency, try catalog.frameworks.profile("trtllm", on: catalog.gpu("b200")).gemmEfficiency)
        XCTAssertEqual(vllmBlackwell.gemmEfficiency, 0.64)
        XCTAssertEqual(vllmHopper.gemmEfficiency, 0.75)
        XCTAssertEqual(vllmBlackwell.memoryEfficiency, vllmHopper.memoryEfficiency)
        XCTAssertEqual(vllmBlackwell.stepOverhead, vllmHopper.stepOverhead)
    }

    /// Each engine's rule for taking requests in when the KV cache binds: TensorRT-LLM reserves
    /// whole lengths, vLLM and ATOM only prompts, SGLang a new request's whole output and a tenth
    /// of the running ones'. A share outside 0 ... 1 is refused, naming the key.
    func testKVAdmissionRulesPerEngine() throws {
        let shares = { (engine: String, gpu: String) throws -> [Double] in
            let p = try self.catalog.frameworks.profile(engine, on: self.catalog.gpu(gpu))
            return [p.kvReservedOutputShare, p.kvAdmittedOutputShare]
        }
        XCTAssertEqual(try shares("trtllm", "b200"), [1, 1])
        XCTAssertEqual(try shares("vllm", "h100"), [0, 0])
        XCTAssertEqual(try shares("atom", "mi355x"), [0, 0])
        XCTAssertEqual(try shares("sglang", "mi300x"), [0.1, 1])
        XCTAssertFalse(FrameworkTable.fittable.contains("kv_reserved_output"), "an engine's rule, never fitted")
        var values = Dictionary(uniqueKeysWithValues: FrameworkProfile.keys.map { ($0, 1.0) })
        values["kv_reserved_output"] = 1.5
        XCTAssertThrowsError(try FrameworkProfile(id: "vllm", family: "hopper", description: "", values: values, kvCache: nil,
                                                  file: "frameworks.toml")) { error in
            XCTAssertEqual("\(error)", "frameworks.toml: key 'vllm.kv_reserved_output': not a share of the output '1.5'; allowed: 0 ... 1")
        }
    }

    /// TensorRT-LLM overlaps a step's host work with the device's (its overlap scheduler, on by
    /// default); the other engines' host work adds to the step. A rule of the engine, never fitted.
    func testOnlyTensorRTLLMOverlapsItsScheduler() throws {
        let overlaps = { (engine: String, gpu: String) throws -> Bool in
            try self.catalog.frameworks.profile(engine, on: self.catalog.gpu(gpu)).overlapScheduler
        }
        XCTAssertTrue(try overlaps("trtllm", "b200"))
        XCTAssertTrue(try overlaps("trtllm", "h200"))
        XCTAssertFalse(try overlaps("vllm", "b200"))
        XCTAssertFalse(try overlaps("sglang", "b200"))
        XCTAssertFalse(try overlaps("atom", "mi355x"))
        XCTAssertFalse(FrameworkTable.fittable.contains("overlap_scheduler"))
    }

    /// A profile whose merged constants lack one is refused naming the file and the key, not trapped.
    func testAMissingConstantIsANamedError() throws {
        var values = Dictionary(uniqueKeysWithValues: FrameworkProfile.keys.map { ($0, 1.0) })
        values["gemm_efficiency"] = nil
        XCTAssertThrowsError(try FrameworkProfile(id: "trtllm", family: "blackwell", description: "", values: values, kvCache: nil,
                                                  file: "frameworks.toml")) { error in
            XCTAssertEqual("\(error)", "frameworks.toml: key 'trtllm.gemm_efficiency': missing constant")
        }
    }

    /// InferenceMAX launches vLLM on H100 without --kv-cache-dtype (BF16 KV), on H200 with fp8.
    func testAGPUsOwnRecipeOverridesItsFamily() throws {
        let h100 = try catalog.frameworks.profile("vllm", on: catalog.gpu("h100"))
        let h200 = try catalog.frameworks.profile("vllm", on: catalog.gpu("h200"))
        XCTAssertEqual(h100.kvCache, "bf16")
        XCTAssertNil(h200.kvCache)
        XCTAssertEqual(h100.gemmEfficiency, h200.gemmEfficiency, "everything else as the family's")
        XCTAssertEqual(try catalog.frameworks.profile("trtllm", on: catalog.gpu("h100")).kvCache, "fp8")
    }

    func testOverridesNameKnownGPUsAndFormats() throws {
        let text = try String(contentsOf: Catalog.resourceDirectory().appendingPathComponent("frameworks.toml"), encoding: .utf8)
        let formats = catalog.precisions.formats, gpus = Set(catalog.gpus.keys)
        let unknownGPU = try TOMLFields(text: text + "\n[vllm.gpu.h900]\nkv_cache = \"bf16\"\n", file: "frameworks.toml")
        XCTAssertThrowsError(try FrameworkTable.read(unknownGPU, formats: formats, gpus: gpus)) { error in
            XCTAssertTrue("\(error)".hasPrefix("frameworks.toml: key 'vllm.gpu': unknown GPU 'h900'; allowed: b200,"), "\(error)")
        }
        let unknownFormat = try TOMLFields(text: text + "\n[vllm.gpu.h200]\nkv_cache = \"fp6\"\n", file: "frameworks.toml")
        XCTAssertThrowsError(try FrameworkTable.read(unknownFormat, formats: formats, gpus: gpus)) { error in
            XCTAssertEqual(
                "\(error)", "frameworks.toml: key 'vllm.gpu.h200.kv_cache': unknown number format 'fp6'; allowed: bf16, fp8, mxfp4, nvfp4")
        }
    }

    func testAnAliasKVFormatMustBeKnown() throws {
        let text = try String(contentsOf: Catalog.resourceDirectory().appendingPathComponent("precisions.toml"), encoding: .utf8)
            .replacingOccurrences(of: "amd = \"mxfp4\"\nkv = \"fp8\"", with: "amd = \"mxfp4\"\nkv = \"fp6\"")
        XCTAssertThrowsError(try PrecisionTable.read(TOMLFields(text: text, file: "precisions.toml"))) { error in
            XCTAssertEqual(
                "\(error)", "precisions.toml: key 'labels.fp4.kv': unknown number format 'fp6'; allowed: bf16, fp8, mxfp4, nvfp4")
        }
    }

    func testUnknownNamesListTheKnownOnes() {
        XCTAssertThrowsError(try catalog.gpu("h900")) { error in
            XCTAssertEqual(
                "\(error)", "key 'gpu': unknown GPU 'h900'; allowed: b200, b300, gb200, gb300, h100, h200, mi300x, mi325x, mi355x")
        }
    }
}

/// The Hugging Face config reader on bad and unusual configs: one test per family that a key it
/// does not understand is refused, never read as a simpler architecture.
final class HuggingFaceConfigTests: XCTestCase {
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Catalog/Resources/models")

    func config(_ id: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Self.models.appendingPathComponent("\(id)/config.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func read(_ object: [String: Any], file: String = "x/config.json") throws -> ModelArchitecture {
        try HuggingFaceConfig.read(json: try JSONSerialization.data(withJSONObject: object), file: file)
    }

    func testAnUnknownKeyIsRefusedInEveryFamily() throws {
        for id in ["llama-3.3-70b", "gpt-oss-120b", "deepseek-r1", "deepseek-v3.2", "glm-5", "kimi-k2.5", "qwen3-235b-a22b",
                   "qwen3.5-397b-a17b", "minimax-m2.7", "llama-4-maverick"] {
            var object = try config(id)
            if var text = object["text_config"] as? [String: Any] {
                text["compress_ratios"] = [0, 4, 128]
                object["text_config"] = text
            } else {
                object["compress_ratios"] = [0, 4, 128]
            }
            XCTAssertThrowsError(try read(object)) { error in
                XCTAssertEqual((error as? InputError)?.key, "compress_ratios", "\(id): \(error)")
                XCTAssertTrue("\(error)".contains("may change the cost"), "\(error)")
            }
        }
    }

    func testDeepSeekV4IsRefusedNotReadAsV3() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/deepseek-v4-flash.config.json")
        XCTAssertThrowsError(try Catalog.readModel(configAt: url)) { error in
            XCTAssertEqual((error as? InputError)?.value, "deepseek_v4")
        }
    }

    /// Qwen3 MoE was once read as a dense model: its experts are `num_experts`.
    func testQwen3MoEHasItsExpertsAndAnUnknownFamilyIsRefused() throws {
        var object = try config("qwen3-30b-a3b")
        XCTAssertEqual(try read(object).experts?.routed, 128)
        object["model_type"] = "qwen9_moe"
        XCTAssertThrowsError(try read(object)) { XCTAssertTrue("\($0)".contains("unknown architecture family 'qwen9_moe'"), "\($0)") }
        object["model_type"] = "qwen3_moe"
        object["num_experts_per_tok"] = 200
        XCTAssertThrowsError(try read(object)) { XCTAssertTrue("\($0)".contains("exceeds the 128 routed experts"), "\($0)") }
    }

    func testTheIDComesFromTheConfigUnlessNamed() throws {
        var object = try config("llama-3.3-70b")
        XCTAssertEqual(try read(object, file: "models/my-llama/config.json").id, "my-llama")
        XCTAssertEqual(try read(object, file: "meta-llama--Llama-3.3-70B-Instruct_config.json").id, "llama-3.3-70b-instruct")
        XCTAssertEqual(try read(object, file: "hub/models--meta-llama--Llama-3.3-70B/config.json").id, "llama-3.3-70b")
        object["_name_or_path"] = "meta-llama/Llama-3.3-70B-Instruct"
        XCTAssertEqual(try read(object, file: "models/my-llama/config.json").id, "llama-3.3-70b-instruct")
        let data = try JSONSerialization.data(withJSONObject: object)
        XCTAssertEqual(try HuggingFaceConfig.read(json: data, file: "c.json", id: "mine").id, "mine")
    }

    /// Sizes past any model's (2^20) are refused before they multiply past Int's range; counts
    /// that may be zero must not be negative.
    func testAbsurdSizesAreRefusedNotOverflowed() throws {
        var object = try config("deepseek-r1")
        object["hidden_size"] = 1 << 40
        XCTAssertThrowsError(try read(object)) {
            XCTAssertEqual("\($0)", "x/config.json: key 'hidden_size': expected a positive whole number, got '1099511627776'; "
                           + "allowed: 1…1048576")
        }
        object = try config("deepseek-r1")
        object["n_shared_experts"] = -1
        XCTAssertThrowsError(try read(object)) { XCTAssertTrue("\($0)".contains("expected a whole number ≥ 0, got '-1'"), "\($0)") }
        object = try config("llama-3.3-70b")
        object.removeValue(forKey: "head_dim")
        object["num_attention_heads"] = 60
        object["num_key_value_heads"] = 4
        XCTAssertThrowsError(try read(object)) { XCTAssertTrue("\($0)".contains("must divide hidden_size (8192)"), "\($0)") }
        object["num_attention_heads"] = true
        XCTAssertThrowsError(try read(object)) { XCTAssertTrue("\($0)".contains("expected a whole number, got"), "\($0)") }
    }

    func testLayerKindsThatDoNotAddUpAreRefused() throws {
        var object = try config("gpt-oss-120b")
        object["layer_types"] = ["full_attention", "sliding_attention"]
        XCTAssertThrowsError(try read(object)) { XCTAssertTrue("\($0)".contains("must list one kind per layer (36)"), "\($0)") }
        object["layer_types"] = Array(repeating: "mamba", count: 36)
        XCTAssertThrowsError(try read(object)) { XCTAssertTrue("\($0)".contains("unknown layer kind 'mamba'"), "\($0)") }
        var minimax = try config("minimax-m2.7")
        minimax["attn_type_list"] = [0, 1]
        XCTAssertThrowsError(try read(minimax)) { XCTAssertEqual(($0 as? InputError)?.key, "attn_type_list") }
    }
}

final class TOMLFieldsTests: XCTestCase {
    func testSyntaxErrorsNameTheLine() {
        XCTAssertThrowsError(try TOMLFields(text: "a = 1\nb = [1, 2\n", file: "x.toml")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("x.toml:"), text)
            XCTAssertTrue(text.contains("TOML syntax error"), text)
        }
    }

    /// toml++ aborts the process on a table header with no key after its brackets and on a `}`
    /// closing an array (found by `make fuzz`); those are syntax errors naming the line, and
    /// brackets inside values, strings and comments are no headers.
    func testHeadersWithoutAKeyAreSyntaxErrorsNotAborts() throws {
        let header = "a table header must start with a key"
        let cases = [("a = 1\n[{a]\nb = 2", 2, header), ("[\n", 1, header), ("x = 1\n\n[[ \u{e9}t\u{e9}]]", 3, header),
                     ("[\t\r\n", 1, header), ("f = [\"a\", \"b\", }", 1, "'}' closes no '{'"), ("a = 1]", 1, "']' closes no '['"),
                     ("t = { a = [1 }", 1, "'}' closes no '{'"), ("\u{FEFF}[\u{1B}", 1, header)]
        for (text, line, problem) in cases {
            XCTAssertThrowsError(try TOMLFields(text: text, file: "x.toml")) { error in
                XCTAssertEqual("\(error)", "x.toml:\(line): TOML syntax error: \(problem)")
            }
        }
        let valid = #"""
            s = [
              [1024, 1024], [{a = 1}],
            [8192, 1024]]  # [{ in a comment
            t = "[{ in a string"
            m = """
            [{ in a multi-line string
            """
            [ "quoted" ]
            [[array.of]]
            """#
        XCTAssertEqual(try TOMLFields(text: valid, file: "v.toml").keys, ["array", "m", "quoted", "s", "t"])
    }

    func testUnknownKeysAndWrongTypesAreNamed() throws {
        let fields = try TOMLFields(text: "name = 3\ncolour = \"red\"\n[t]\nx = \"a\"", file: "f.toml")
        XCTAssertThrowsError(try fields.rejectUnknownKeys(allowed: ["name", "t"])) { error in
            XCTAssertEqual("\(error)", "f.toml: key 'colour': unknown key; allowed: name, t")
        }
        XCTAssertThrowsError(try fields.string("name")) { XCTAssertTrue("\($0)".contains("key 'name': expected a string")) }
        XCTAssertThrowsError(try fields.table("t").double("x")) { XCTAssertTrue("\($0)".contains("key 't.x': expected a number")) }
        XCTAssertThrowsError(try fields.int("missing")) { XCTAssertTrue("\($0)".contains("missing required key")) }
    }

    func testOutputsAreWrittenAtomically() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(getpid())/out.txt").path
        try OutputFile.write("first", to: path)
        try OutputFile.write("second", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        XCTAssertEqual(leftovers, ["out.txt"], "no temporary file is left behind")
    }

    func testDigestIsStableFNV1a() {
        XCTAssertEqual(digest(Data()), "fnv1a64:cbf29ce484222325")
        XCTAssertEqual(digest(Data("a".utf8)), "fnv1a64:af63dc4c8601ec8c")
    }
}

extension CatalogTests {
    /// Layers: the runtime platform's constant unless the engine states its own; an engine never
    /// measured on a platform inherits the platform's.
    func testKernelLatencyComesFromTheRuntimeUnlessTheEngineStatesItsOwn() throws {
        let catalog = Catalog.standard
        func latency(_ framework: String, _ gpu: String) throws -> Double {
            try catalog.frameworks.profile(framework, on: catalog.gpu(gpu)).kernelLatency * 1e6
        }
        XCTAssertEqual(try latency("trtllm", "b200"), 3.0, accuracy: 1e-9, "CUDA graphs")
        XCTAssertEqual(try latency("sglang", "h200"), 3.0, accuracy: 1e-9, "CUDA graphs")
        XCTAssertEqual(try latency("sglang", "mi300x"), 5.0, accuracy: 1e-9, "HIP graphs: SGLang states nothing on CDNA3")
        XCTAssertEqual(try latency("sglang", "mi355x"), 4.5, accuracy: 1e-9, "its CDNA4 value")
        XCTAssertEqual(try latency("vllm", "h200"), 3.5, accuracy: 1e-9, "vLLM's own")
        XCTAssertEqual(try latency("atom", "mi355x"), 4.0, accuracy: 1e-9, "ATOM's own")
        XCTAssertEqual(catalog.documentedConstants("sglang", on: "cdna3")?["kernel_latency_us"], 5.0)
        XCTAssertNil(catalog.documentedConstants("sglang", on: "volta"))
    }
}

final class OutputFileTests: XCTestCase {
    /// Several outputs are written as one: when one cannot be written, none appears, no temporary
    /// stays behind, and the error names the path.
    func testAFailedWriteLeavesNoneOfTheOutputs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outputs-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("file.txt").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let first = folder.appendingPathComponent("a.pdf").path, second = blocker + "/b.png"
        XCTAssertThrowsError(try OutputFile.writeAll([(first, Data("pdf".utf8)), (second, Data("png".utf8))])) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot write '\(second)'"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: first))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["file.txt"], "no temporary left")
        try OutputFile.writeAll([(first, Data("pdf".utf8))])
        XCTAssertEqual(FileManager.default.contents(atPath: first), Data("pdf".utf8))
    }

    /// An input that is not a file, or is far larger than any the pipeline writes, is refused
    /// before it is read: /dev/zero would never end, a folder is no file, 65 MiB is over the limit.
    func testInputsThatAreNotFilesOrTooLargeAreRefusedUnread() throws {
        func problem(_ path: String) -> String {
            do { _ = try OutputFile.read(path); return "read" } catch { return error.problem }
        }
        XCTAssertEqual(problem("/dev/zero"), "not a regular file (a folder, a device or a pipe); expected a file")
        XCTAssertEqual(problem("/tmp"), "not a regular file (a folder, a device or a pipe); expected a file")
        XCTAssertEqual(problem("/nonexistent/x.toml"), "cannot read the file: No such file or directory")
        let large = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(getpid()).json").path
        XCTAssertTrue(FileManager.default.createFile(atPath: large, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: large) }
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: large))
        try handle.truncate(atOffset: UInt64(OutputFile.inputLimit) + 1)  // sparse: no disk used
        try handle.close()
        XCTAssertThrowsError(try OutputFile.read(large)) { error in
            XCTAssertEqual("\(error)", "\(large): the file is too large: '67108865 bytes'; allowed: at most 64 MiB")
        }
    }
}
