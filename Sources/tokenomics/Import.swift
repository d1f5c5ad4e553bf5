import Analysis
import ArgumentParser
import Catalog
import Foundation

/// `tokenomics import`: real benchmark results as a measurement file.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import real benchmark results as a measurement file (analysis and charts treat them like emulated ones).",
        discussion: """
            inferencemax: an aggregated-result artifact (agg_bmk.json, a JSON array of result objects, latencies in seconds). \
            Hugging Face model ids, hw suffixes (b200-trt), 'trt' and booleans written as strings are mapped onto catalog names.
            """)

    enum Source: String, ExpressibleByArgument, CaseIterable { case inferencemax }

    @Argument(help: "Format of the results: inferencemax.") var source: Source
    @Argument(help: "The results file.") var input: String
    @Option(name: .shortAndLong, help: "Output measurement file (JSON).") var output: String

    func run() throws {
        try OutputFile.check([output], inputs: [input])
        let data = try OutputFile.read(input)
        var measurement = try InferenceMAXImport.read(data, file: input)
        measurement.provenance["digest"] = digest(data)
        measurement.provenance["tool"] = "tokenomics \(Tokenomics.version)"
        measurement.provenance["title"] = "InferenceMAX results (\(URL(fileURLWithPath: input).lastPathComponent))"
        try OutputFile.write(try OutputFile.json(measurement), to: output)
        Console.note("import: \(measurement.results.count) results → \(output)\n")
    }
}
