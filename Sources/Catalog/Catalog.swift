import Foundation

/// Everything the emulator and the economics know about hardware, models, number formats and
/// serving engines, loaded from the data files in `Resources/` (each number with its source).
public struct Catalog: Sendable {
    public var gpus: [String: GPU]
    /// GPU ids in the order figures, legends and tables list them (gpus.toml `order`).
    public var gpuOrder: [String]
    public var models: [String: ModelArchitecture]
    public var precisions: PrecisionTable
    public var frameworks: FrameworkTable
    /// Zipf exponent of expert popularity (workload.toml).
    public var routingSkew: Double
    /// Multi-token prediction per engine and model: drafts and tokens per step (workload.toml).
    public var speculative: SpeculativeDecoding.Table
    /// Digest of every catalog file (`digest` over their bytes, by path), which provenance names.
    public var digest: String

    /// The catalog shipped with the tool. A broken resource is an internal failure.
    public static let standard: Catalog = {
        do { return try Catalog(directory: resourceDirectory()) } catch {
            fatalError("tokenomics: the built-in catalog is broken: \(error)")
        }
    }()

    /// The folder of the built-in catalog files in the resource bundle.
    static func resourceDirectory() throws(InputError) -> URL {
        guard let directory = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw InputError(file: "Resources", problem: "the built-in catalog folder is missing from the bundle")
        }
        return directory
    }

    /// Loads `gpus.toml`, `precisions.toml`, `frameworks.toml` and `models/*.json` from `directory`.
    public init(directory: URL) throws(InputError) {
        digest = Self.contentDigest(of: directory)
        let gpuFile = try Self.fields(directory.appendingPathComponent("gpus.toml"))
        var gpus: [String: GPU] = [:]
        for id in gpuFile.keys where id != "order" { gpus[id] = try GPU.read(id: id, try gpuFile.table(id)) }
        self.gpus = gpus
        gpuOrder = try gpuFile.strings("order")
        guard gpuOrder.sorted() == gpus.keys.sorted() else {
            throw gpuFile.error("order", "must list every GPU once", value: gpuOrder.joined(separator: ", "), allowed: gpus.keys.listed)
        }
        precisions = try PrecisionTable.read(Self.fields(directory.appendingPathComponent("precisions.toml")))
        frameworks = try FrameworkTable.read(Self.fields(directory.appendingPathComponent("frameworks.toml")),
                                             formats: precisions.formats, gpus: Set(gpus.keys))
        let workload = try Self.fields(directory.appendingPathComponent("workload.toml"))
        try workload.rejectUnknownKeys(allowed: ["routing", "speculative"])
        routingSkew = try workload.table("routing").double("skew")
        speculative = try SpeculativeDecoding.Table.read(workload.table("speculative"))
        models = [:]
        let modelDirectory = directory.appendingPathComponent("models")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: modelDirectory.path)) ?? []
        for name in names.sorted() {
            let folder = modelDirectory.appendingPathComponent(name)
            var model = try Self.readModel(configAt: folder.appendingPathComponent("config.json"), id: name)
            let card = try ModelCard.read(Self.fields(folder.appendingPathComponent("card.toml")))
            (model.card, model.source) = (card, card.source)
            models[name] = model
        }
    }

    /// Adds a model from a Hugging Face `config.json` (`--model-config`, a sweep's
    /// `model_configs`) and the `hf_quant_config.json` beside it, if any; `id` overrides the
    /// config's own (`HuggingFaceConfig.defaultID`). Returns the id.
    @discardableResult
    public mutating func addModel(configAt url: URL, id: String? = nil) throws(InputError) -> String {
        let model = try Self.readModel(configAt: url, id: id)
        models[model.id] = model
        return model.id
    }

    /// Reads a config.json and the quantization config beside it.
    public static func readModel(configAt url: URL, id: String? = nil) throws(InputError) -> ModelArchitecture {
        let quantization = url.deletingLastPathComponent().appendingPathComponent("hf_quant_config.json")
        let hasQuantization = FileManager.default.fileExists(atPath: quantization.path)
        let file = url.relativePath  // as the user (or the sweep) wrote it
        return try HuggingFaceConfig.read(json: try OutputFile.read(url.path), file: file, id: id,
                                          quantization: hasQuantization ? try OutputFile.read(quantization.path) : nil)
    }

    /// One digest over the files under `directory`, in path order, each as its path then its bytes.
    static func contentDigest(of directory: URL) -> String {
        let files = (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).sorted()
        var bytes = Data()
        for file in files {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) else { continue }
            bytes.append(Data(file.utf8))
            bytes.append(data)
        }
        return digestOf(bytes)
    }

    static func fields(_ url: URL) throws(InputError) -> TOMLFields {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InputError(file: url.path, problem: "cannot read catalog file")
        }
        return try TOMLFields(text: text, file: url.lastPathComponent)
    }

    /// The documented constants of `framework` on GPU `family` (`FrameworkTable.documented`).
    public func documentedConstants(_ framework: String, on family: String) -> [String: Double]? {
        guard let vendor = gpus.values.first(where: { $0.family == family })?.vendor else { return nil }
        return frameworks.documented(framework, on: family, vendor: vendor)
    }

    /// The GPU families of the catalog ("hopper", "blackwell", "cdna3", …).
    public var families: Set<String> { Set(gpus.values.map(\.family)) }

    /// This catalog with the constants of a calibration profile read from `file` (for messages).
    public func applying(_ profile: CalibrationProfile, file: String) throws(InputError) -> Catalog {
        var catalog = self
        catalog.frameworks = try frameworks.applying(profile, families: families, models: Set(models.keys), file: file)
        return catalog
    }

    /// This catalog with the calibration profile at `path`.
    public func applying(profileAt path: String) throws(InputError) -> Catalog {
        let text = String(decoding: try OutputFile.read(path), as: UTF8.self)
        return try applying(CalibrationProfile.read(text, file: path), file: path)
    }

    /// Where `id` stands in `gpuOrder`; unknown GPUs after every known one.
    public func rank(ofGPU id: String) -> Int { gpuOrder.firstIndex(of: id) ?? gpuOrder.count }

    public func gpu(_ id: String) throws(InputError) -> GPU {
        guard let gpu = gpus[id] else {
            throw InputError(key: "gpu", value: id, problem: "unknown GPU", allowed: gpus.keys.listed)
        }
        return gpu
    }

    public func model(_ id: String) throws(InputError) -> ModelArchitecture {
        guard let model = models[id] else {
            throw InputError(key: "model", value: id, problem: "unknown model", allowed: models.keys.listed)
        }
        return model
    }
}
