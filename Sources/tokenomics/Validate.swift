import ArgumentParser
import Calibration
import Catalog
import Foundation
import Validation

/// `tokenomics validate`: the emulator against real InferenceMAX measurements.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare the emulator with real InferenceMAX measurements, point by point and per group.",
        discussion: """
            (a) published maximum-throughput points: best emulated TP (and EP) at the row's concurrency (where empty, that of \
            the other rows of its model and GPU, else 64); \
            (b) whole measured curves: each point in exactly its configuration; (c) with a profile, each group predicted by a \
            calibration that left it out; (d) unseen curves, which no calibration saw, emulated like (b), file by file. \
            Errors are (emulated − measured) / measured. \
            A progress bar is shown when stderr is a terminal.
            """)

    @Option(help: "Published maximum-throughput points (CSV).") var publicPoints = MeasuredPoints.referencePoints
    @Option(help: "Measured concurrency curves (CSV; repeat the option for several files).")
    var curves = MeasuredPoints.referenceCurves
    @Option(help: """
        Curves kept out of the calibration (CSV, repeatable; `make validate` passes the disaggregated MI355X points \
        and Dynamo-SGLang on NVIDIA, \
        data/inferencemax/inferencemax-{disagg-mi355x,unseen-dynamo-sglang}.csv): how far the emulator \
        carries to what it was never fitted to, each file summarized on its own; reported, not gated.
        """)
    var unseenCurves: [String] = []
    @Flag(help: "Print every point, not only the group summaries.") var points = false
    @Option(help: "Also write every point and summary as JSON.") var json: String?
    @Option(help: """
        Fail (exit 1) when the median |error| over all curve points, of throughput or of interactivity, exceeds this fraction \
        (a regression gate).
        """)
    var maxCurveMedian: Double?
    @Option(help: "Fail (exit 1) when the median |throughput error| over the published points exceeds this fraction.")
    var maxPointMedian: Double?
    @Option(help: "Calibration profile (`tokenomics calibrate`): emulate with its constants and report its held-out groups.")
    var profile: String?
    @Option(help: """
        Fail (exit 1) when the profile's held-out median |error| (over groups, of throughput or of interactivity) exceeds \
        this fraction: a change that fits the measured groups and hurts the unseen ones.
        """)
    var maxHeldOutMedian: Double?

    func run() throws {
        let calibration = try profile.map { path throws(InputError) in
            (path: path, profile: try CalibrationProfile.read(String(decoding: try OutputFile.read(path), as: UTF8.self), file: path))
        }
        let catalog = try calibration.map { try Catalog.standard.applying($0.profile, file: $0.path) } ?? .standard
        let terminal = isatty(STDERR_FILENO) == 1
        let a = try Validation.publicPoints(csv: String(decoding: try OutputFile.read(publicPoints), as: UTF8.self), file: publicPoints,
                                            catalog: catalog, progress: terminal ? ProgressBar(label: "published points").update : nil)
        func curvePoints(_ files: [String]) throws -> [Validation.Point] {
            var points: [Validation.Point] = []
            for file in files {
                points += try Validation.curvePoints(csv: String(decoding: try OutputFile.read(file), as: UTF8.self), file: file,
                                                     catalog: catalog, progress: terminal ? ProgressBar(label: file).update : nil)
            }
            return points
        }
        let unseen = try unseenCurves.map { Validation.UnseenSet(file: $0, points: try curvePoints([$0])) }
        let report = Validation.Report(published: a, curves: try curvePoints(curves), unseen: unseen, profile: calibration)
        let b = report.curves
        print("(a) published maximum-throughput points — \(publicPoints)")
        print(table(a, showAll: true))
        print(summary(a, intvty: false))
        print("\n(b) measured curves — \(curves.joined(separator: ", "))")
        if points { print(table(b, showAll: true)) }
        print(summary(b, intvty: true))
        if let path = report.profile {
            print("\n(c) each group predicted by a calibration that left it out — \(path)")
            print(heldOutTable(report))
        }
        for set in report.unseen {
            print("\n(d) unseen curves, never calibrated on — \(set.file)")
            if points { print(table(set.points, showAll: true)) }
            print(summary(set.points, intvty: true))
        }
        if let json { try OutputFile.write(try OutputFile.json(report), to: json) }
        let failures = gateFailures(report)
        guard failures.isEmpty else {
            for failure in failures { Console.note("validate: \(failure)\n") }
            throw ExitCode(1)
        }
    }

    /// The gates that the medians exceed, as sentences.
    func gateFailures(_ report: Validation.Report) -> [String] {
        var failures: [String] = []
        func check(_ name: String, _ median: Double?, _ gate: Double?) {
            guard let limit = gate, let value = median, value > limit else { return }
            failures.append("\(name) median |error| \(median.percent) exceeds the gate \(gate.percent)")
        }
        check("curves throughput", report.curveOverall.medianTputError, maxCurveMedian)
        check("curves interactivity", report.curveOverall.medianIntvtyError, maxCurveMedian)
        check("published points throughput", report.publishedOverall.medianTputError, maxPointMedian)
        if maxHeldOutMedian != nil, report.heldOutOverall == nil {
            failures.append("--max-held-out-median needs a --profile with held-out groups")
        }
        check("held-out groups throughput", report.heldOutOverall?.tput, maxHeldOutMedian)
        check("held-out groups interactivity", report.heldOutOverall?.intvty, maxHeldOutMedian)
        return failures
    }

    /// Part (c): each held-out group's median errors, then the medians over groups.
    func heldOutTable(_ report: Validation.Report) -> String {
        let groupWidth = columnWidth(report.heldOut.map(\.error.group), minimum: 36)
        var lines = ["  " + "engine × family".padding(22) + "group".padding(groupWidth) + "n".padding(6) + "tput".padding(9)
                     + "intvty".padding(9) + "TTFT"]
        for h in report.heldOut {
            lines.append("  " + h.cell.padding(22) + h.error.group.padding(groupWidth) + "\(h.error.points)".padding(6)
                         + h.error.tput.percent.padding(9) + h.error.intvty.percent.padding(9) + h.error.ttft.percent)
        }
        let overall = report.heldOutOverall
        lines.append("  overall (median over \(report.heldOut.count) groups): tput \(overall.map(\.tput).percent), "
                     + "intvty \((overall?.intvty).percent)")
        return lines.joined(separator: "\n")
    }

    /// A column as wide as its longest entry and two spaces, or `minimum`.
    func columnWidth(_ entries: [String], minimum: Int) -> Int { max(minimum, (entries.map(\.count).max() ?? 0) + 2) }

    func table(_ points: [Validation.Point], showAll: Bool) -> String {
        let best = points.contains { $0.emulatedParallelism != nil }
        let groupWidth = columnWidth(points.map(\.group), minimum: 44)
        let labelWidth = columnWidth(points.map(\.label), minimum: 25)
        let columns = [("group", groupWidth), ("point", labelWidth), ("tok/s/GPU meas", 15), ("emul", 9), ("err", 9),
                       ("TPOT ms meas", 13), ("emul", 8), ("err", 9)]
        var lines = ["  " + columns.map { $0.0.padding($0.1) }.joined() + (best ? "best emulated" : "")]
        func milliseconds(_ seconds: Double?) -> String { seconds.map { ($0 * 1e3).fixed(1) } ?? "—" }
        for p in points {
            var line = "  " + p.group.padding(groupWidth) + p.label.padding(labelWidth) + p.measuredTput.fixed(0).padding(15)
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
        var lines = ["  summary per group: median |error| (max) of throughput, median |error| of \(second); "
                     + "bias: median signed error of throughput / interactivity (+: the emulator is optimistic)"]
        let groups = Validation.summarize(points)
        let groupWidth = columnWidth(groups.map(\.group), minimum: 52)
        for g in groups {
            let tput = "tput \(g.medianTputError.percent) (max \(g.maxTputError.percent))"
            lines.append("  " + g.group.padding(groupWidth) + "n=\(g.count)".padding(7) + tput.padding(28)
                         + "\(intvty ? "intvty" : "TPOT") \((intvty ? g.medianIntvtyError : g.medianTPOTError).percent)".padding(14)
                         + (g.medianTTFTError == nil ? "" : "TTFT \(g.medianTTFTError.percent)").padding(12)
                         + "bias \(g.tputBias.signedPercent) / \(g.intvtyBias.signedPercent)")
        }
        let all = Validation.summary(of: points, group: "all")
        lines.append("  overall: median |tput error| \(all.medianTputError.percent), max \(all.maxTputError.percent), "
                     + "median |\(intvty ? "intvty" : "TPOT") error| \((intvty ? all.medianIntvtyError : all.medianTPOTError).percent), "
                     + (all.medianTTFTError == nil ? "" : "median |TTFT error| \(all.medianTTFTError.percent), ")
                     + "\(all.count - all.emulated) not emulated")
        return lines.joined(separator: "\n")
    }
}
