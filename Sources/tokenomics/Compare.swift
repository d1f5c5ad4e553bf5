import Analysis
import ArgumentParser
import Catalog
import Charts
import Foundation

/// `tokenomics compare`: two analyses side by side, for a code review.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two analyses (before and after a change): frontier values at fixed interactivity and a chart of both.",
        discussion:
            "Writes Markdown for a pull-request comment (a summary line, then each series' frontier in base and candidate at each "
                + "level and the change, collapsed) and, with -o, a chart of the base frontiers (dashed) against the candidate's "
                + "(solid), one panel per ISL/OSL of --model. Exit status 3 when --fail-above is given and a frontier worsens by "
                + "more than it (throughput down, cost up, or a level no longer served); 0 otherwise."
    )

    @Argument(help: "The base analysis (JSON).") var base: String
    @Argument(help: "The candidate analysis (JSON).") var candidate: String
    @Option(name: .shortAndLong, help: "Chart output (.png, .pdf or .svg).") var output: String?
    @Option(help: "Markdown output (default: standard output).") var markdown: String?
    @Option(help: "Metric compared: tput_per_gpu, usd_per_mtok, tok_per_s_per_mw, …") var metric = "tput_per_gpu"
    @Option(help: "Interactivity levels, tok/s/user, comma-separated.") var levels = "25,50,100"
    @Option(help: "Model drawn in the chart (default: the first in the base).") var model: String?
    @Option(help: "Fail (exit 3) when any series' frontier worsens by more than this many percent at any level.")
    var failAbove: Double?

    func run() throws {
        try OutputFile.check([output, markdown].compactMap { $0 }, inputs: [base, candidate])
        let metric = try Metric.named(self.metric, key: "--metric")
        guard FrontierSet.has(x: .interactivity, y: metric) else {
            throw InputError(
                key: "--metric", value: metric.name, problem: "the analyses keep no frontier of this metric against interactivity",
                allowed: FrontierSet.pairs.filter { $0.x == .interactivity }.map(\.y.name).listed)
        }
        let values = levels.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw InputError(key: "--levels", value: levels, problem: "not a list of positive numbers", allowed: "e.g. 25,50,100")
        }
        if let failAbove, !(failAbove >= 0 && failAbove.isFinite) {
            throw InputError(key: "--fail-above", value: "\(failAbove)", problem: "not a percentage", allowed: "a number ≥ 0, e.g. 5")
        }
        let limit = failAbove.map { $0 / 100 }
        let a = try AnalysisFiles.read(base), b = try AnalysisFiles.read(candidate)
        let comparison = FrontierComparison(base: a, candidate: b, metric: metric, levels: values.compactMap { $0 })
        let text = comparison.markdown(limit: limit)
        var chart: [(path: String, data: Data)] = []
        if let output {
            let chosen = model ?? a.points.first?.configuration.model ?? ""
            let spec = try ChartSpec.comparison(
                comparison, base: a, candidate: b, model: chosen,
                names: (URL(fileURLWithPath: base).lastPathComponent, URL(fileURLWithPath: candidate).lastPathComponent))
            chart = try ChartRenderer(spec).rendered([output])
        }
        // Everything rendered first, then written as one: a failure leaves neither the chart nor the Markdown.
        try OutputFile.writeAll(chart + [markdown.map { ($0, Data(text.utf8)) }].compactMap { $0 })
        if markdown == nil { print(text, terminator: "") }
        if let limit, !comparison.worsened(beyond: limit).isEmpty {
            let line = comparison.summary(limit: limit).replacingOccurrences(of: "**", with: "")
            Console.note("compare: \(line)\n")
            throw ExitCode(3)
        }
    }
}
