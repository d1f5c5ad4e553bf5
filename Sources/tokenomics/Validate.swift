import ArgumentParser
import Catalog
import Foundation
import Validation

/// `tokenomics validate`: the emulator against real InferenceMAX measurements.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare the emulator with real InferenceMAX measurements, point by point and per group.",
        discussion: """
            (a) published maximum-throughput points: best emulated TP (and EP) at the row's concurrency (64 where empty); \
            (b) whole measured curves: each point in exactly its configuration. Errors are (emulated − measured) / measured.
            """)

    @Option(help: "Published maximum-throughput points (CSV).") var publicPoints = "data/inferencemax/inferencemax-public.csv"
    @Option(help: "Measured concurrency curves (CSV).") var curves = "data/inferencemax/inferencemax-curves-train.csv"
    @Flag(help: "Print every point, not only the group summaries.") var points = false
    @Option(help: "Also write every point and summary as JSON.") var json: String?
    @Option(help: """
        Fail (exit 1) when the median |error| over all curve points, of throughput or of interactivity, exceeds this fraction \
        (a regression gate).
        """)
    var maxCurveMedian: Double?
    @Option(help: "Fail (exit 1) when the median |throughput error| over the published points exceeds this fraction.")
    var maxPointMedian: Double?

    func run() throws {
        let a = try Validation.publicPoints(csv: String(decoding: try OutputFile.read(publicPoints), as: UTF8.self), file: publicPoints)
        let b = try Validation.curvePoints(csv: String(decoding: try OutputFile.read(curves), as: UTF8.self), file: curves)
        print("(a) published maximum-throughput points — \(publicPoints)")
        print(table(a, showAll: true))
        print(summary(a, intvty: false))
        print("\n(b) measured curves — \(curves)")
        if points { print(table(b, showAll: true)) }
        print(summary(b, intvty: true))
        if let json {
            try OutputFile.write(try OutputFile.json(Validation.Report(published: a, curves: b)), to: json)
        }
        let failures = gateFailures(published: a, curves: b)
        guard failures.isEmpty else {
            for failure in failures { FileHandle.standardError.write(Data("validate: \(failure)\n".utf8)) }
            throw ExitCode(1)
        }
    }

    /// The gates that the medians exceed, as sentences.
    func gateFailures(published a: [Validation.Point], curves b: [Validation.Point]) -> [String] {
        var failures: [String] = []
        func check(_ name: String, _ errors: [Double?], _ gate: Double?) {
            let median = Validation.medianAbsolute(errors)
            guard let limit = gate, let value = median, value > limit else { return }
            failures.append("\(name) median |error| \(median.percent) exceeds the gate \(gate.percent)")
        }
        check("curves throughput", b.map(\.tputError), maxCurveMedian)
        check("curves interactivity", b.map(\.intvtyError), maxCurveMedian)
        check("published points throughput", a.map(\.tputError), maxPointMedian)
        return failures
    }

    func table(_ points: [Validation.Point], showAll: Bool) -> String {
        let best = points.contains { $0.emulatedParallelism != nil }
        let columns = [("group", 44), ("point", 25), ("tok/s/GPU meas", 15), ("emul", 9), ("err", 9),
                       ("TPOT ms meas", 13), ("emul", 8), ("err", 9)]
        var lines = ["  " + columns.map { $0.0.padding($0.1) }.joined() + (best ? "best emulated" : "")]
        func milliseconds(_ seconds: Double?) -> String { seconds.map { ($0 * 1e3).fixed(1) } ?? "—" }
        for p in points {
            var line = "  " + p.group.padding(44) + p.label.padding(25) + p.measuredTput.fixed(0).padding(15)
            line += (p.emulatedTput?.fixed(0) ?? "—").padding(9) + p.tputError.percent.padding(9)
            line += milliseconds(p.measuredTPOT).padding(13) + milliseconds(p.emulatedTPOT).padding(8)
            line += p.tpotError.percent.padding(9) + (p.emulatedParallelism ?? "")
            if let note = p.note { line += "  (\(note))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    func summary(_ points: [Validation.Point], intvty: Bool) -> String {
        let second = intvty ? "interactivity (and of TTFT, for information)" : "TPOT"
        var lines = ["  summary per group: median |error| (max) of throughput, median |error| of \(second)"]
        for g in Validation.summarize(points) {
            let tput = "tput \(g.medianTputError.percent) (max \(g.maxTputError.percent))"
            lines.append("  " + g.group.padding(52) + "n=\(g.count)".padding(7) + tput.padding(28)
                         + "\(intvty ? "intvty" : "TPOT") \((intvty ? g.medianIntvtyError : g.medianTPOTError).percent)".padding(14)
                         + (g.medianTTFTError == nil ? "" : "TTFT \(g.medianTTFTError.percent)"))
        }
        let all = points.compactMap(\.tputError).map(abs)
        let ttft = Validation.medianAbsolute(points.map(\.ttftError))
        let latency = Validation.medianAbsolute(points.map { intvty ? $0.intvtyError : $0.tpotError })
        lines.append("  overall: median |tput error| \(Validation.median(all).percent), max \(all.max().percent), "
                     + "median |\(intvty ? "intvty" : "TPOT") error| \(latency.percent), "
                     + (ttft == nil ? "" : "median |TTFT error| \(ttft.percent), ")
                     + "\(points.count - all.count) not emulated")
        return lines.joined(separator: "\n")
    }
}
