import Analysis
import ArgumentParser
import Catalog
import Charts
import Emulator
import Foundation
import Report
import Validation

/// `tokenomics report`: the whitepaper's report from a Mustache template and what the other
/// stages wrote.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the report from a Mustache template, the analyses, the claims audit, the numerics table and every figure.",
        discussion: """
        Reads only what the other stages wrote: the analyses named on the command line, the claims audit (tokenomics claims \
        --markdown), the numerics table (tokenomics numerics --json), the validation (tokenomics validate --json) and the figure \
        definitions. The template sees `analyses` (each with its best point per series, $/Mtok, tokens per MW, ratios and the \
        emulated-vs-measured summary), `figures` (name, title, png, pdf, csv paths relative to the report), `claims` (the audit as \
        Markdown), `numerics`, `tco` (bottom-up $/GPU-hour per GPU), `validation_curves` / `validation_published` (the \
        emulator against real measurements, per group) and `tool`.
        """)

    @Argument(help: "The template (templates/report.md.mustache).") var template: String
    @Argument(help: "The analysis files (build/analysis/NAME.json); each is one section, named after its file, in the order of the names.")
    var analyses: [String]
    @Option(name: .shortAndLong, help: "Output file.") var output: String
    @Option(help: "Folder of figure definitions; rendered figures lie beside them.") var figuresDir = "figures"
    @Option(help: "The claims audit as Markdown (tokenomics claims --markdown); its section is empty when absent.")
    var claims = "build/claims.md"
    @Option(help: "The numerics error table (tokenomics numerics --json); its section is left out when absent.")
    var numerics = "build/numerics.json"
    @Option(help: "The emulator's validation (tokenomics validate --json), for the accuracy section; left out when absent.")
    var validation = "build/validate.json"
    @Option(help: "The claims audit as data (tokenomics claims --json), for the claim macros of --numbers-tex.")
    var claimsJson = "build/claims.json"
    @Option(help: "Also write every number the report quotes as LaTeX macros (build/report/numbers.tex).")
    var numbersTex: String?
    @OptionGroup var assumptions: AssumptionsOption

    func run() throws {
        try OutputFile.check([output] + [numbersTex].compactMap { $0 }, inputs: [template] + analyses)
        let text = String(decoding: try OutputFile.read(template), as: UTF8.self)
        var documents: [(String, AnalysisDocument)] = []
        let named = analyses.map { (URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent, $0) }.sorted { $0.0 < $1.0 }
        for (name, path) in named { documents.append((name, try AnalysisFiles.read(path))) }
        let prefix = RelativePath.from(folder: URL(fileURLWithPath: output).deletingLastPathComponent().path, to: figuresDir)
        var figures: [ReportContext.Figure] = []
        for file in figureFiles(figuresDir) {
            let spec = try FigureSpec(file: file, text: String(decoding: try OutputFile.read(file), as: UTF8.self))
            figures.append(
                ReportContext.Figure(
                    name: spec.name, title: spec.title, png: "\(prefix)/\(spec.name).png", pdf: "\(prefix)/\(spec.name).pdf",
                    csv: "\(prefix)/\(spec.name).csv", svg: try inlineSVG("\(figuresDir)/\(spec.name).svg")))
        }
        if FileManager.default.fileExists(atPath: "\(figuresDir)/numerics.png") {
            figures.append(ReportContext.Figure(name: "numerics", title: ChartSpec.numericsTitle,
                                                png: "\(prefix)/numerics.png", pdf: "\(prefix)/numerics.pdf",
                                                csv: "\(prefix)/numerics.csv", svg: try inlineSVG("\(figuresDir)/numerics.svg")))
        }
        let context = ReportContext(analyses: documents, figures: figures, version: Tokenomics.version, assumptions: try assumptions.load(),
                                    claims: FileManager.default.fileExists(atPath: claims)
                                        ? String(decoding: try OutputFile.read(claims), as: UTF8.self) : "",
                                    numerics: try optional(numerics, [QuantizationError].self) ?? [],
                                    validation: try optional(validation, Validation.Report.self),
                                    verdicts: try optional(claimsJson, [ClaimsAudit.Verdict].self) ?? [],
                                    gpuColors: Theme.standard.gpuColors.mapValues { String(format: "#%06X", $0) })
        let report = try ReportRenderer.render(template: text, file: template, context: context)
        let numbers = numbersTex.map { _ in
            LaTeXNumbers.document(LaTeXNumbers.macros(context), provenance: ["tokenomics \(Tokenomics.version)"] + documents.map { doc in
                "\(doc.0): " + (["digest"] + AnalysisDocument.inputDigests + ["assumptions_digest"]).compactMap { key in
                    doc.1.provenance[key].map { "\(key) \($0)" }
                }.joined(separator: ", ")
            })
        }
        try OutputFile.write(report, to: output)
        if let numbersTex, let numbers { try OutputFile.write(numbers, to: numbersTex) }
    }

    /// The SVG at `path` to sit inside an HTML page beside other SVGs: without its XML
    /// declaration, and with every element id (Cairo names glyphs and clips "glyph0-1", "clip1" in
    /// each file alike) prefixed by the file's name, so no figure draws another's glyphs; empty
    /// when absent.
    func inlineSVG(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { return "" }
        var text = String(decoding: try OutputFile.read(path), as: UTF8.self)
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = String(text[end.upperBound...]) }
        let prefix = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + "-"
        for (from, to) in [("id=\"", "id=\"\(prefix)"), ("href=\"#", "href=\"#\(prefix)"), ("url(#", "url(#\(prefix)")] {
            text = text.replacingOccurrences(of: from, with: to)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The JSON file at `path` decoded, or nil when there is none.
    func optional<T: Decodable>(_ path: String, _ type: T.Type) throws -> T? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { return try JSONDecoder().decode(type, from: try OutputFile.read(path)) } catch let error as DecodingError {
            throw InputError(file: path, problem: MeasurementReader.describe(error))
        }
    }
}

/// Figure definitions in a folder, sorted.
func figureFiles(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".toml") }.sorted().map {
        "\(folder)/\($0)"
    }
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
