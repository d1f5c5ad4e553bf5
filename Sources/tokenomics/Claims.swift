import Analysis
import ArgumentParser
import Catalog
import Foundation

/// `tokenomics claims`: the audit of the headline claims.
struct Claims: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    static let configuration = CommandConfiguration(
        abstract: "Audit the headline claims of NVIDIA's InferenceMAX v1 announcement against the data.",
        discussion: """
        Reads the named analyses (merged; no other file feeds the audit) and the claims file (built-in: \
        Sources/Catalog/Resources/claims.toml). Each claim comes with the condition used (model, precision, ISL/OSL, \
        interactivity, prices), our value, the claimed value, a verdict (holds / holds only under … / does not hold / \
        cannot be assessed) and how far the main assumption would have to move to flip it.

        --json and --markdown write the verdicts to files (the report reads the JSON). Standard output gets the \
        verdicts in --format: as text when no file is written, else only when --format is given.
        """)

    @Argument(help: "Analysis files (tokenomics analyze), merged into one audit.") var analyses: [String]
    @Option(help: ArgumentHelp("A claims file to audit instead of the built-in one (same shape as claims.toml).", valueName: "file"))
    var claims: String?
    @OptionGroup var assumptions: AssumptionsOption
    @Option(help: ArgumentHelp("Write the verdicts as JSON to this file.", valueName: "file")) var json: String?
    @Option(help: ArgumentHelp("Write the verdicts as a Markdown table to this file.", valueName: "file")) var markdown: String?
    @Option(help: "Print the verdicts on standard output as text, json or markdown (default: text, unless a file is written).")
    var format: Format?

    func validate() throws {
        guard !analyses.isEmpty else { throw ValidationError("name at least one analysis file (build/analysis/NAME.json)") }
    }

    func run() throws {
        let merged = try AnalysisFiles.merged(analyses)
        let definitions = try claims.map { path throws(InputError) in
            try ClaimDefinition.read(text: String(decoding: try OutputFile.read(path), as: UTF8.self), file: path)
        } ?? ClaimDefinition.standard
        let audit = ClaimsAudit(merged, claims: definitions, assumptions: try assumptions.load())
        let verdicts = try OutputFile.json(audit.verdicts)
        if let json { try OutputFile.write(verdicts, to: json) }
        if let markdown { try OutputFile.write(audit.markdown, to: markdown) }
        switch format ?? (json == nil && markdown == nil ? .text : nil) {
        case .text?: print(audit.text, terminator: "")
        case .json?: try Console.result(verdicts)
        case .markdown?: print(audit.markdown, terminator: "")
        case nil: break
        }
    }
}
