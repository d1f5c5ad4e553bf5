import Analysis
import ArgumentParser
import Catalog
import Foundation

/// `tokenomics claims`: the audit of the headline claims.
struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit the headline claims of NVIDIA's InferenceMAX v1 announcement against the data.",
        discussion: "Each claim with the condition used (model, precision, ISL/OSL, interactivity, prices), our value, the claimed value, a verdict (holds / holds only under … / does not hold / cannot be assessed) and how far the main assumption would have to move to flip it. Reads every analysis in --analysis-dir.")

    @Option(help: "Folder of analysis files.") var analysisDir = "build/analysis"
    @OptionGroup var assumptions: AssumptionsOption
    @Flag(help: "Print JSON instead of a table.") var json = false
    @Option(help: "Also write the audit as a Markdown fragment to this file.") var markdown: String?

    func run() throws {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: analysisDir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else {
            throw InputError(file: analysisDir, problem: "no analysis files; run `make analyze` (or tokenomics analyze) first")
        }
        let audit = ClaimsAudit(try AnalysisFiles.merged(files.map { "\(analysisDir)/\($0)" }), assumptions: try assumptions.load())
        if let markdown { try OutputFile.write(audit.markdown, to: markdown) }
        if json {
            FileHandle.standardOutput.write(try OutputFile.json(audit.verdicts))
            return
        }
        for v in audit.verdicts {
            print("\(v.id). \(v.claim)\n   condition: \(v.condition)\n   ours: \(v.ours)   claimed: \(v.claimed)\n   verdict: \(v.outcome.rawValue) — \(v.detail)\n")
        }
    }
}
