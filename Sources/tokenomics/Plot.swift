import Analysis
import ArgumentParser
import Catalog
import Charts
import Foundation

/// `tokenomics plot`: a figure definition into PDF, PNG and SVG.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a figure (figures/NAME.toml) into PDF, PNG or SVG with Cairo.",
        discussion:
            "Each -o names one output; its extension (.pdf, .png, .svg) picks the format. The figure's sweeps are read from "
                + "--analysis-dir/SWEEP.json."
    )

    @Argument(help: "The figure definition (TOML).") var figure: String
    @Option(name: .shortAndLong, help: "Output file; repeat for several formats.") var output: [String]
    @Option(help: "Folder of analysis files.") var analysisDir = "build/analysis"
    @Flag(help: "Leave title, subtitle, caption and footnote out of the image (a paper sets its own); PDFs keep them as metadata.")
    var noTitles = false
    @OptionGroup var assumptions: AssumptionsOption

    func run() throws {
        try OutputFile.check(output, inputs: [figure])
        let spec = try FigureSpec(file: figure, text: String(decoding: try OutputFile.read(figure), as: UTF8.self))
        let analysis = try AnalysisFiles.merged(sweeps: spec.sweeps, in: analysisDir, file: figure)
        var dropped = 0
        var chart = try ChartSpec.build(spec, analysis: analysis, assumptions: try assumptions.load(), dropped: &dropped)
        if noTitles { chart.showsText = false }
        if dropped > 0 {
            Console.note("plot: warning: \(dropped) points with NaN, infinite or non-positive (log axis) values left out\n")
        }
        try ChartRenderer(chart).write(to: output, pngScale: spec.pngScale)
    }
}
