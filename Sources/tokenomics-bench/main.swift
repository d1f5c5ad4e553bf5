import Analysis
import ArgumentParser
import Calibration
import Catalog
import Charts
import Emulator
import Foundation

/// `make bench`: speed and memory of the emulator and the renderer, as ratios and times measured
/// in one run. Prints a table and writes `[{"name", "value", "unit"}]` records.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tokenomics-bench",
                                                    abstract: "Benchmarks of the emulator and the renderer.")

    @Option(name: .shortAndLong, help: "Where to write the records (JSON).") var output = "build/bench.json"
    @Option(help: "Folder of default sweeps.") var sweeps = "sweeps"
    @Option(help: "Run only the benchmarks whose group is this (emulator, calibration or render).") var only: String?
    @Option(help: "Reference measurements the calibration benchmark fits (CSV).")
    var measurements = MeasuredPoints.referenceCurves + [MeasuredPoints.referencePoints]

    struct Record: Codable {
        var name: String
        var value: Double
        var unit: String
        var target: String
    }

    func run() throws {
        var records: [Record] = []
        let emulator = only.map { $0 == "emulator" } ?? true, render = only.map { $0 == "render" } ?? true
        let calibration = only.map { $0 == "calibration" } ?? true
        if let only, !emulator, !render, !calibration {
            throw ValidationError("--only '\(only)': unknown group; allowed: emulator, calibration, render")
        }
        func add(_ name: String, _ value: Double, _ unit: String, _ target: String) {
            records.append(Record(name: name, value: value, unit: unit, target: target))
            let columns = [name.padding(toLength: 34, withPad: " ", startingAt: 0), String(format: "%10.2f", value),
                           unit.padding(toLength: 5, withPad: " ", startingAt: 0)]
            print(columns.joined(separator: " ") + "  target \(target)")
        }
        if emulator { try emulatorBenchmarks(add) }
        if calibration { add("calibration.fit_s", try calibrationSeconds(), "s", "≤ 60 (reference data, 2 cores, no held-out fits)") }
        if render {
            let times = try renderMilliseconds()
            add("render.pareto_pdf_png_ms", times.both, "ms", "< 30 (as plot does: formats concurrently)")
            add("render.pareto_pdf_ms", times.pdf, "ms", "PDF alone")
            add("render.pareto_png_2x_ms", times.png, "ms", "2× PNG alone")
            add("render.sequential_ratio", (times.pdf + times.png) / times.both, "×", "PDF then PNG over both at once")
        }
        try OutputFile.write(try OutputFile.json(records), to: output)
        print("wrote \(output)")
    }

    func emulatorBenchmarks(_ add: (String, Double, String, String) -> Void) throws {
        let c64 = ServingConfiguration(hw: "b200", model: "llama-3.3-70b", framework: "trtllm", precision: "fp4",
                                        isl: 1024, osl: 1024, conc: 64)
        add("emulator.c64_1k1k_ms", try medianMilliseconds(runs: 15) { _ = ServingSimulation(try Deployment(c64)).run() }, "ms", "≤ 5")
        let c1024 = ServingConfiguration(hw: "b200", model: "gpt-oss-120b", framework: "trtllm", precision: "mxfp4",
                                        isl: 1024, osl: 8192, conc: 1024, tp: 8, ep: 8)
        add("emulator.c1024_1k8k_ms", try medianMilliseconds(runs: 3) { _ = ServingSimulation(try Deployment(c1024)).run() }, "ms", "≤ 150")
        add("emulator.simd_speedup", simdSpeedup(), "×", "≥ 3")
        add("emulator.default_sweeps_s", try defaultSweepsSeconds(), "s", "≤ 30")
        let c4096 = ServingConfiguration(hw: "b200", model: "gpt-oss-120b", framework: "trtllm", precision: "mxfp4",
                                        isl: 1024, osl: 1024, conc: 4096, tp: 8, ep: 8)
        _ = ServingSimulation(try Deployment(c4096)).run()
        add("emulator.peak_rss_mb", peakResidentMegabytes(), "MB", "< 200 (C=4096, after all above)")
    }

    func medianMilliseconds(runs: Int, _ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }

    /// The decode hot loop, SIMD against the scalar reference, on one random workload of 1,024 lanes.
    func simdSpeedup() -> Double {
        func workload() -> DecodeLanes {
            var lanes = DecodeLanes(slots: 1024, window: 128)
            let remaining = Lengths.scalar(count: 1024, length: 4000, seed: 7, stream: 0)
            for slot in 0..<1024 { lanes.activate(slot, context: 1000 + slot, remaining: Int(remaining[slot])) }
            return lanes
        }
        func time(_ simd: Bool) -> Double {
            var lanes = workload()
            var finished: [Int] = []
            var checksum = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<3000 {
                let sums = simd ? lanes.advance(finished: &finished) : lanes.advanceScalar(finished: &finished)
                checksum &+= sums.context &+ sums.windowed
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
            precondition(checksum != 0 || finished.count == 1024)
            return elapsed
        }
        return (0..<3).map { _ in time(false) / time(true) }.sorted()[1]
    }

    func defaultSweepsSeconds() throws -> Double {
        let files = try FileManager.default.contentsOfDirectory(atPath: sweeps).filter { $0.hasSuffix(".toml") }.sorted()
        let start = DispatchTime.now().uptimeNanoseconds
        for file in files {
            let path = "\(sweeps)/\(file)"
            let sweep = try Sweep(file: path, text: String(decoding: try OutputFile.read(path), as: UTF8.self))
            _ = MeasurementFile.emulate(sweep, jobs: 2, digest: "", version: "bench")
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// `tokenomics calibrate --no-held-out` on the reference measurements: the fit of every cell.
    func calibrationSeconds() throws -> Double {
        var observations: [Observation] = []
        for path in measurements {
            let text = String(decoding: try OutputFile.read(path), as: UTF8.self)
            observations += try MeasuredPoints.csv(text, file: path)
        }
        var calibrator = Calibrator()
        calibrator.holdOut = false
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try calibrator.calibrate(observations, inputs: [], tool: "bench")
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// A 10-series × 30-point Pareto chart to PDF and a 2× PNG at once, as `plot` renders them,
    /// and to each alone (medians).
    func renderMilliseconds() throws -> (both: Double, pdf: Double, png: Double) {
        let fonts = try FontFace()
        var series: [ChartSpec.Series] = []
        for s in 0..<10 {
            let points = (0..<30).map { i in Point(Double(i + 1) * 7, 20000 / Double(i + 1) * Double(s + 1) / 5) }
            let style = Palette.style(s)
            series.append(ChartSpec.Series(name: "series \(s)", color: style.color, marker: style.marker, points: points, frontier: points))
        }
        let spec = ChartSpec(title: "Benchmark chart", subtitle: "10 series × 30 points", caption: nil, footnote: "bench",
                             xLabel: "Interactivity (tok/s/user)", yLabel: "Throughput per GPU (tok/s)", xScale: .linear, yScale: .linear,
                             steps: true, panels: [ChartSpec.Panel(title: nil, series: series)], width: 720, height: 420)
        let renderer = ChartRenderer(spec)
        return (try medianMilliseconds(runs: 9) { _ = try renderer.render([.pdf, .png], pngScale: 2) },
                try medianMilliseconds(runs: 9) { _ = try renderer.render(.pdf, fonts: fonts) },
                try medianMilliseconds(runs: 9) { _ = try renderer.render(.png, pngScale: 2, fonts: fonts) })
    }
}

Bench.main()
