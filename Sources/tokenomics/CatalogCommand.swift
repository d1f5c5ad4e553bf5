import ArgumentParser
import Catalog
import Foundation

/// `tokenomics catalog`: what the tool knows, with sources.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List GPUs, models, precisions and framework profiles with their specs and sources.")

    enum Section: String, ExpressibleByArgument, CaseIterable { case gpus, models, precisions, frameworks }

    @Argument(help: "What to list: gpus, models, precisions, frameworks (default: all).") var sections: [Section] = Section.allCases
    @Option(help: """
        A Hugging Face config.json (with an hf_quant_config.json beside it, if any) to describe instead of the catalog's \
        models: parameters, layers by kind, KV bytes per token per layer kind.
        """)
    var modelConfig: String?
    @Flag(help: "Print the models as JSON (with `models` or --model-config).") var json = false

    func run() throws {
        let catalog = Catalog.standard
        if modelConfig != nil || json {
            guard sections == [.models] || modelConfig != nil else {
                throw InputError(key: "--json", problem: "lists models only; name the section", allowed: "catalog models --json")
            }
            let models = try modelConfig.map { path throws(InputError) in [try Catalog.readModel(configAt: URL(fileURLWithPath: path))] }
                ?? catalog.models.values.sorted { $0.id < $1.id }
            let summaries = models.map(ModelSummary.init)
            if json { try Console.result(try OutputFile.json(summaries)) } else { summaries.forEach { print(ModelText($0)) } }
            return
        }
        for section in sections {
            switch section {
            case .gpus:
                print(
                    "GPUs (dense TFLOP/s BF16/FP8/FP4, sustained share (MAMF), HBM GB, TB/s, scale-up GB/s, domain, scale-out "
                        + "GB/s, TDP W, all-in kW, $/h hyperscaler)"
                )
                for gpu in catalog.gpus.values.sorted(by: { $0.id < $1.id }) {
                    let rates = ["bf16", "fp8", "fp4"].map { (gpu.tflops[$0] ?? 0).fixed(0) }.joined(separator: "/")
                    print(
                        "  \(gpu.id.padding(8)) \(rates.padding(16)) \(gpu.matmulFraction.fixed(2).padding(5)) "
                            + "\(gpu.hbmGB.fixed(0).padding(5)) \(gpu.hbmTBPerSecond.fixed(2).padding(5)) "
                            + "\(gpu.scaleUpGBPerSecond.fixed(0).padding(5)) \(String(gpu.domainGPUs).padding(3)) "
                            + "\(gpu.scaleOutGBPerSecond.fixed(0).padding(4)) \(gpu.tdpWatts.fixed(0).padding(5)) "
                            + "\(gpu.allInKW.fixed(2).padding(5)) \((gpu.usdPerHour["hyperscaler"] ?? 0).fixed(2))"
                    )
                    for (key, source) in gpu.sources.sorted(by: { $0.key < $1.key }) { print("      \(key): \(source)") }
                }
            case .models:
                print("Models (parameters total / active, layers by kind, experts, KV bytes per token per layer at BF16)")
                for model in catalog.models.values.sorted(by: { $0.id < $1.id }) { print(ModelText(ModelSummary(model))) }
            case .precisions:
                print("Precisions: \(catalog.precisions.knownLabels.joined(separator: ", "))")
                for format in catalog.precisions.formats.values.sorted(by: { $0.name < $1.name }) {
                    print("  \(format.name.padding(6)) \(format.bytes) bytes/element, \(format.math) math")
                }
            case .frameworks:
                print("Framework profiles (calibration constants with their sources in frameworks.toml)")
                for f in catalog.frameworks.summary {
                    let overrides = f.overrides.isEmpty ? "" : "; own constants for \(f.overrides.joined(separator: ", "))"
                    print("  \(f.name.padding(8)) \(f.description) — \(f.vendors.joined(separator: ", "))\(overrides)")
                }
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
