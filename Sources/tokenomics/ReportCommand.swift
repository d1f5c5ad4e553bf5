import Analysis
import ArgumentParser
import Catalog
import Charts
import Foundation
import Report
import Validation

/// `tokenomics report`: the whitepaper's report from a Mustache template.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the report from a Mustache template, every analysis and every figure.",
        discussion: "The template sees `analyses` (each with its best point per series, $/Mtok, tokens per MW, ratios and the emulated-vs-measured summary), `figures` (name, title, png, pdf paths relative to the report), `claims` (the audit as Markdown), `tco` (bottom-up $/GPU-hour per GPU), `validation_curves` / `validation_published` (the emulator against real measurements, per group) and `tool`.")

    @Argument(help: "The template (templates/report.md.mustache).") var template: String
    @Option(name: .shortAndLong, help: "Output file.") var output: String
    @Option(help: "Folder of analysis files.") var analysisDir = "build/analysis"
    @Option(help: "Folder of figure definitions; rendered figures lie beside them.") var figuresDir = "figures"
    @Option(help: "The emulator's validation (tokenomics validate --json), for the accuracy section; left out when absent.")
    var validation = "build/validate.json"
    @OptionGroup var assumptions: AssumptionsOption

    func run() throws {
        let text = String(decoding: try OutputFile.read(template), as: UTF8.self)
        let loader = AnalysisLoader(directory: analysisDir)
        var analyses: [(String, AnalysisDocument)] = []
        for name in loader.known { analyses.append((name, try loader.load(sweeps: [name], figure: template))) }
        let prefix = RelativePath.from(folder: URL(fileURLWithPath: output).deletingLastPathComponent().path, to: figuresDir)
        var figures: [ReportContext.Figure] = []
        for file in figureFiles(figuresDir) {
            let spec = try FigureSpec(file: file, text: String(decoding: try OutputFile.read(file), as: UTF8.self))
            figures.append(ReportContext.Figure(name: spec.name, title: spec.title, png: "\(prefix)/\(spec.name).png", pdf: "\(prefix)/\(spec.name).pdf"))
        }
        if FileManager.default.fileExists(atPath: "\(figuresDir)/numerics.png") {
            figures.append(ReportContext.Figure(name: "numerics", title: "Quantization error of FP8, MXFP8, MXFP4 and NVFP4",
                                                png: "\(prefix)/numerics.png", pdf: "\(prefix)/numerics.pdf"))
        }
        var report: Validation.Report?
        if FileManager.default.fileExists(atPath: validation) {
            do { report = try JSONDecoder().decode(Validation.Report.self, from: try OutputFile.read(validation)) } catch let error as DecodingError {
                throw InputError(file: validation, problem: MeasurementReader.describe(error))
            }
        }
        let context = ReportContext(analyses: analyses, figures: figures, version: Tokenomics.version, assumptions: try assumptions.load(),
                                    validation: report)
        try OutputFile.write(try ReportRenderer.render(template: text, file: template, context: context), to: output)
    }
}

/// Figure definitions in a folder, sorted.
func figureFiles(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".toml") }.sorted().map { "\(folder)/\($0)" }
}

enum RelativePath {
    /// The path of `target` as seen from `folder` (both relative to the working directory).
    static func from(folder: String, to target: String) -> String {
        let base = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        let goal = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        var common = 0
        while common < min(base.count, goal.count), base[common] == goal[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        let parts = ups + goal[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
