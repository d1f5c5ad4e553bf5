import Analysis
import ArgumentParser
import Catalog
import Emulator
import Foundation

/// `tokenomics analyze`: frontiers and economics of measurement files.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyze measurement files: economics per point and Pareto frontiers per series.",
        discussion:
            "Adds $/Mtok of total, output and input tokens (three price tiers), tokens/s per MW and joules per token to every "
                + "point; computes the throughput, cost and power frontiers against interactivity per model, scenario and "
                + "series, the ratios of every GPU to the baseline at fixed interactivity, a bottom-up $/GPU-hour per GPU, and "
                + "an emulated-vs-measured table when both kinds of file are given."
    )

    @Argument(help: "Measurement files (from measure or import).") var inputs: [String]
    @Option(name: .shortAndLong, help: "Output analysis file (JSON).") var output: String
    @OptionGroup var assumptions: AssumptionsOption
    @Option(help: "Also write each table as CSV into this folder (points, frontiers, ratios, tco, comparison).") var csv: String?

    func run() throws {
        try OutputFile.check([output], inputs: inputs + [assumptions.assumptions].compactMap { $0 })
        var measurements: [MeasurementFile] = []
        var digests: [String] = []
        for input in inputs {
            let data = try OutputFile.read(input)
            measurements.append(try MeasurementReader.decode(data, file: input))
            digests.append(digest(data))
        }
        if let file = assumptions.assumptions { digests.append(digest(try OutputFile.read(file))) }
        var provenance = ["tool": "tokenomics \(Tokenomics.version)", "inputs": inputs.joined(separator: " "),
                          "digest": digest(Data(digests.joined(separator: " ").utf8))]
        if let title = measurements.first?.provenance["title"] { provenance["title"] = title }
        // What the measurements came from travels on: sweeps, catalog and calibration profile.
        for key in AnalysisDocument.inputDigests {
            let values = measurements.compactMap { $0.provenance[key] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            if !values.isEmpty { provenance[key] = values.joined(separator: "+") }
        }
        provenance["assumptions_digest"] = try assumptions.assumptions.map { digest(try OutputFile.read($0)) } ?? "built-in"
        let document = AnalysisDocument(measurements: measurements, provenance: provenance, assumptions: try assumptions.load())
        for rejected in document.rejected {
            Console.note("analyze: warning: record \(rejected.index) left out: \(rejected.reason)\n")
        }
        if let csv {
            for (name, text) in CSVTables.tables(document).sorted(by: { $0.key < $1.key }) {
                try OutputFile.write(text, to: "\(csv)/\(name)")
            }
        }
        try OutputFile.write(try OutputFile.json(document), to: output)
    }
}
