import Analysis
import ArgumentParser
import Catalog
import Charts
import Foundation

/// `tokenomics plot`: a figure definition into PDF, PNG and SVG.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a figure (figures/NAME.toml) into PDF, PNG or SVG with Cairo.",
        discussion: "Each -o names one output; its extension (.pdf, .png, .svg) picks the format. The figure's sweeps are read from --analysis-dir/SWEEP.json.")

    @Argument(help: "The figure definition (TOML).") var figure: String
    @Option(name: .shortAndLong, help: "Output file; repeat for several formats.") var output: [String]
    @Option(help: "Folder of analysis files.") var analysisDir = "build/analysis"
    @OptionGroup var assumptions: AssumptionsOption

    func run() throws {
        let spec = try FigureSpec(file: figure, text: String(decoding: try OutputFile.read(figure), as: UTF8.self))
        let analysis = try AnalysisLoader(directory: analysisDir).load(sweeps: spec.sweeps, figure: figure)
        var dropped = 0
        let chart = try ChartSpec.build(spec, analysis: analysis, assumptions: try assumptions.load(), dropped: &dropped)
        if dropped > 0 {
            FileHandle.standardError.write(Data("plot: warning: \(dropped) points with NaN, infinite or non-positive (log axis) values left out\n".utf8))
        }
        try ChartRenderer(chart).write(to: output, pngScale: spec.pngScale)
    }
}

/// Finds and merges the analysis files a figure names.
struct AnalysisLoader {
    let directory: String

    var known: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    func load(sweeps: [String], figure: String) throws(InputError) -> AnalysisDocument {
        var merged: AnalysisDocument?
        for sweep in sweeps {
            let path = "\(directory)/\(sweep).json"
            guard FileManager.default.fileExists(atPath: path) else {
                throw InputError(file: figure, key: "sweep", value: sweep, problem: "no analysis for sweep", allowed: known.isEmpty ? "(none in \(directory))" : known.listed)
            }
            let document: AnalysisDocument
            do { document = try JSONDecoder().decode(AnalysisDocument.self, from: try OutputFile.read(path)) } catch let error as DecodingError {
                throw InputError(file: path, problem: MeasurementReader.describe(error))
            } catch {
                throw InputError(file: path, problem: "not an analysis file")
            }
            merged = merged.map { $0.merging(document) } ?? document
        }
        return merged!
    }
}
