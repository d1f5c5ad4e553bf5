import Analysis
@testable import Charts
@testable import Emulator
import Foundation
import XCTest

final class ChartRendererTests: XCTestCase {
    nonisolated(unsafe) static let fonts = try! FontFace()

    /// A fixed chart: three panels of four series each, every series with a frontier.
    static func sampleSpec(series count: Int = 4) -> ChartSpec {
        let panels = ["1k/1k", "1k/8k", "8k/1k"].enumerated().map { p, title in
            ChartSpec.Panel(title: title, series: (0..<count).map { s in
                let points: [Point] = (0..<7).map { (i: Int) -> Point in
                    let x = Double(10 + i * 12 + s * 3)
                    let y: Double = 12000.0 - Double(i) * 1500 - Double(s) * 900
                    return Point(x, y / Double(p + 1))
                }
                let style = Palette.style(s)
                return ChartSpec.Series(name: "gpu\(s) · trtllm · fp\(s % 2 == 0 ? 8 : 4)", color: style.color, marker: style.marker,
                                        points: points, frontier: points)
            })
        }
        return ChartSpec(
            title: "Sample: throughput per GPU against interactivity", subtitle: "Three panels with shared axes",
            caption: "A caption long enough to wrap onto a second line when the chart is narrow, which tests wrapping of words.",
            footnote: "Emulated · tokenomics test · data fnv1a64:0000000000000000 · figure sample",
            xLabel: "Interactivity (tok/s/user)", yLabel: "Throughput per GPU (tok/s)", xScale: .linear, yScale: .linear,
            steps: true, panels: panels, width: 720, height: 380)
    }

    func testNoTextOverlapsAndNothingLeavesTheCanvas() {
        for count in [1, 4, 10] {
            let canvas = RecordingCanvas(width: 720, height: 380, fonts: Self.fonts)
            let rects = ChartRenderer(Self.sampleSpec(series: count)).draw(on: canvas)
            XCTAssertEqual(rects.count, 3)
            let page = Rect(x: 0, y: 0, width: 720, height: 380)
            let texts = canvas.texts
            for (i, a) in texts.enumerated() {
                XCTAssertTrue(page.contains(a.box), "'\(a.text)' leaves the canvas: \(a.box)")
                for b in texts[(i + 1)...] {
                    XCTAssertFalse(a.box.intersects(b.box), "'\(a.text)' overlaps '\(b.text)'")
                }
            }
            for rect in rects { XCTAssertTrue(page.contains(rect)) }
        }
    }

    func testStructure() {
        let canvas = RecordingCanvas(width: 720, height: 380, fonts: Self.fonts)
        _ = ChartRenderer(Self.sampleSpec()).draw(on: canvas)
        let texts = canvas.texts.map(\.text)
        XCTAssertTrue(texts.contains("Sample: throughput per GPU against interactivity"))
        XCTAssertTrue(texts.contains("Throughput per GPU (tok/s)"))
        XCTAssertEqual(texts.filter { $0 == "1k/8k" }.count, 1)
        XCTAssertEqual(texts.filter { $0 == "gpu1 · trtllm · fp4" }.count, 1, "one legend entry per series")
        XCTAssertTrue(texts.contains("10k"), "thousands carry a k suffix")
        XCTAssertEqual(Set(canvas.texts.map(\.style.size)), [9, 8, 7.5, 7], "one family at a few fixed sizes, 7–9 pt")
    }

    /// A series with expected errors gets one translucent band in its colour, from y(1 − e) to
    /// y(1 + e) along its frontier; the y axis makes room for the upper edge.
    func testErrorBandsShadeEachFrontierByItsExpectedError() throws {
        var spec = Self.sampleSpec()
        spec.panels = [spec.panels[0]]
        spec.panels[0].series[0].band = Array(repeating: 0.2, count: spec.panels[0].series[0].frontier.count)
        let canvas = RecordingCanvas(width: 720, height: 380, fonts: Self.fonts)
        _ = ChartRenderer(spec).draw(on: canvas)
        let bands = canvas.operations.compactMap { operation -> (Path, Color)? in
            if case let .fill(path, color) = operation, color.alpha == 0.14 { return (path, color) }
            return nil
        }
        XCTAssertEqual(bands.count, 1, "only the series with errors")
        let (path, color) = try XCTUnwrap(bands.first)
        XCTAssertEqual(color.withAlpha(1), spec.panels[0].series[0].color)
        let layout = PanelLayout(spec: spec, canvas: canvas, top: 40, bottom: 340, width: 720)
        XCTAssertGreaterThanOrEqual(layout.yDomains[0].upperBound, 12000 * 1.2, "the top of the band fits")
        let frontier = spec.panels[0].series[0].frontier
        XCTAssertEqual(spec.panels[0].series[0].bandEdge(-1).map(\.y), frontier.map { $0.y * 0.8 })
        XCTAssertEqual(path.elements.last, .close)
        XCTAssertEqual(path.elements.count, 2 * (2 * frontier.count - 1) + 1, "upper and lower stepped edges, closed")
    }

    /// `error_band = true` takes each frontier point's expected error from the analysis; without
    /// it, or for points that carry none (measured), no band.
    func testErrorBandOptionReadsTheExpectedErrorsOfTheFrontierPoints() throws {
        var results: [BenchmarkResult] = []
        for (x, y) in [(30.0, 12000.0), (50, 10000), (80, 5000)] {
            let extras = EmulatorExtras(num_requests: 10, duration_s: 1, steps: 1, max_batch: 1, kv_cache_format: "fp8",
                                        kv_cache_peak_fraction: 0.1, kv_capacity_tokens: 1, preemptions: 0, step_time_share: [:],
                                        expected_tput_error: 0.08, expected_intvty_error: 0.05)
            results.append(BenchmarkResult(configuration: ServingConfiguration(hw: "b200", model: "llama-3.3-70b", framework: "trtllm",
                                                                               precision: "fp8", isl: 1024, osl: 1024, conc: 8, tp: 1),
                                           tput_per_gpu: y, output_tput_per_gpu: y / 2, input_tput_per_gpu: y / 2, mean_ttft: 1,
                                           median_ttft: 1, p99_ttft: 1, mean_tpot: 1 / x, median_tpot: 1 / x, p99_tpot: 1 / x,
                                           mean_itl: 1 / x, median_itl: 1 / x, p99_itl: 1 / x, mean_e2el: 20, median_e2el: 20,
                                           p99_e2el: 20, median_intvty: x, emulator: extras))
        }
        let analysis = AnalysisDocument(
            measurements: [MeasurementFile(source: "emulated", provenance: [:], results: results)], provenance: [:])
        var dropped = 0
        for (option, expected) in [("error_band = true", [0.08, 0.08, 0.08]), ("error_band = false", [])] {
            let figure = try FigureSpec(file: "figures/f.toml", text: "sweep = \"x\"\ntitle = \"t\"\n\(option)")
            let chart = try ChartSpec.build(figure, analysis: analysis, dropped: &dropped)
            XCTAssertEqual(chart.panels.first?.series.first?.band, expected, option)
        }
    }

    func testFrontiersAreVHStepsThatNeverClaimAnUnmeasuredCorner() {
        let line = verticalThenHorizontal([Point(0, 10), Point(5, 20), Point(9, 30)])
        XCTAssertEqual(line, [Point(0, 10), Point(0, 20), Point(5, 20), Point(5, 30), Point(9, 30)])
    }

    func testCairoOutputsAreDeterministicAndWellFormed() throws {
        let renderer = ChartRenderer(Self.sampleSpec())
        for format in CairoCanvas.Format.allCases {
            let a = try renderer.render(format, fonts: Self.fonts)
            let b = try renderer.render(format, fonts: Self.fonts)
            if format == .svg {
                // Cairo numbers SVG surfaces with a process-wide counter; across processes the bytes
                // are identical (CLITests), within one process only that id moves.
                XCTAssertEqual(svgWithoutSurfaceIDs(a), svgWithoutSurfaceIDs(b))
            } else {
                XCTAssertEqual(a, b, "\(format) bytes differ between two renders")
            }
            let head = String(decoding: a.prefix(8), as: UTF8.self)
            switch format {
            case .pdf: XCTAssertTrue(head.hasPrefix("%PDF-"))
            case .png: XCTAssertEqual(Array(a.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
            case .svg: XCTAssertTrue(String(decoding: a, as: UTF8.self).contains("<svg"))
            }
        }
        let png = try XCTUnwrap(RasterImage(png: try renderer.render(.png, pngScale: 2, fonts: Self.fonts)))
        XCTAssertEqual(png.width, 1440)
        XCTAssertEqual(png.height, 760)
    }

    func testFormatsRenderedConcurrentlyEqualThoseRenderedOneByOne() throws {
        let renderer = ChartRenderer(Self.sampleSpec())
        let together = try renderer.render([.pdf, .png, .pdf], pngScale: 2)
        XCTAssertEqual(together[0], try renderer.render(.pdf, fonts: Self.fonts))
        XCTAssertEqual(together[1], try renderer.render(.png, pngScale: 2, fonts: Self.fonts))
        XCTAssertEqual(together[2], together[0])
    }

    func testWriteRefusesAnUnknownExtensionAndWritesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("write-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("a.pdf").path
        XCTAssertThrowsError(try ChartRenderer(Self.sampleSpec()).write(to: [pdf, folder.appendingPathComponent("a.jpg").path])) { error in
            XCTAssertTrue("\(error)".contains("a.jpg") && "\(error)".contains("*.png"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: pdf))
        try ChartRenderer(Self.sampleSpec()).write(to: [pdf])
        XCTAssertTrue(FileManager.default.fileExists(atPath: pdf))
    }

    /// The PNG against the committed reference, within a pixel tolerance (fonts and antialiasing
    /// may differ slightly between Cairo builds). TOKENOMICS_UPDATE_REFERENCES=1 rewrites it.
    func testPNGMatchesTheReferenceImage() throws {
        let data = try ChartRenderer(Self.sampleSpec()).render(.png, pngScale: 1, fonts: Self.fonts)
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/reference-sample", withExtension: "png"))
        if ProcessInfo.processInfo.environment["TOKENOMICS_UPDATE_REFERENCES"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/reference-sample.png")
            try data.write(to: source)
        }
        let reference = try XCTUnwrap(RasterImage(png: try Data(contentsOf: url)))
        let rendered = try XCTUnwrap(RasterImage(png: data))
        let diff = try XCTUnwrap(rendered.difference(to: reference), "size differs from the reference")
        XCTAssertLessThan(diff.mean, 0.005)
        XCTAssertLessThan(diff.changedShare, 0.01)
    }

    func testPDFTextIsSearchable() throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/pdftotext") else { throw XCTSkip("poppler-utils not installed") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chart-\(getpid()).pdf")
        try ChartRenderer(Self.sampleSpec()).render(.pdf, fonts: Self.fonts).write(to: path)
        let text = try Self.run("/usr/bin/pdftotext", [path.path, "-"])
        XCTAssertTrue(text.contains("Sample: throughput per GPU against interactivity"))
        XCTAssertTrue(text.contains("Interactivity (tok/s/user)"))
        XCTAssertTrue(text.contains("10k"))
        let info = try Self.run("/usr/bin/pdfinfo", [path.path])
        XCTAssertTrue(info.contains("720 x 380 pts"), info)
        XCTAssertTrue(info.contains("CreationDate:") && info.contains("2025"), info)
    }

    func svgWithoutSurfaceIDs(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).replacingOccurrences(
            of: #"id="surface\d+""#, with: "id=\"surface\"", options: .regularExpression)
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

final class ChartFeaturesTests: XCTestCase {
    let fonts = ChartRendererTests.fonts

    func single(series count: Int, annotations: [ChartSpec.Annotation] = []) -> ChartSpec {
        var spec = ChartRendererTests.sampleSpec(series: count)
        spec.panels = [ChartSpec.Panel(title: nil, series: spec.panels[0].series, annotations: annotations)]
        return spec
    }

    func testSinglePanelChartsLabelSeriesDirectlyAndManyPanelsUseALegend() {
        let direct = RecordingCanvas(width: 720, height: 380, fonts: fonts)
        ChartRenderer(single(series: 3)).draw(on: direct)
        let labels = direct.texts.filter { $0.text.hasPrefix("gpu") }
        XCTAssertEqual(labels.count, 3, "one direct label per series, no legend")
        XCTAssertTrue(labels.allSatisfy { $0.style.weight == .bold })
        let legend = RecordingCanvas(width: 720, height: 380, fonts: fonts)
        ChartRenderer(ChartRendererTests.sampleSpec(series: 3)).draw(on: legend)
        XCTAssertEqual(legend.texts.filter { $0.text.hasPrefix("gpu") }.count, 3, "three panels: one legend")
        XCTAssertTrue(legend.texts.filter { $0.text.hasPrefix("gpu") }.allSatisfy { $0.style.weight == .regular })
    }

    /// Labels go beside their curve's end, never on a line, a marker or each other; displaced ones
    /// get a leader line; nil when one cannot be placed.
    func testDirectLabelsSearchForAFreePlaceAtTheEndOfEachCurve() throws {
        let measure: (String) -> TextMetrics = { TextMetrics(width: Double($0.count) * 5, ascent: 7, descent: 2) }
        let plot = Rect(x: 0, y: 0, width: 300, height: 200)
        let curves: [(text: String, curve: [Point])] = [("a", [Point(20, 40), Point(100, 100)]), ("b", [Point(20, 41), Point(100, 101)]),
                                                        ("c", [Point(20, 42), Point(100, 102)])]
        let lines = DirectLabels.Obstacles(segments: curves.flatMap { Segment.of($0.curve) })
        let placed = try XCTUnwrap(DirectLabels.place(curves, measure: measure, plot: plot, obstacles: lines))
        XCTAssertEqual(placed.map(\.text).sorted(), ["a", "b", "c"])
        for (i, a) in placed.enumerated() {
            for b in placed[(i + 1)...] { XCTAssertFalse(a.box.intersects(b.box)) }
            XCTAssertFalse(lines.segments.contains { $0.intersects(a.box) }, "'\(a.text)' sits on a line")
            let curve = curves.first { $0.text == a.text }!.curve
            let near = curve.contains { v in hypot(a.box.nearest(to: v).x - v.x, a.box.nearest(to: v).y - v.y) <= 5 }
            XCTAssertTrue(near || a.leader.first.map { hypot($0.x - curve.last!.x, $0.y - curve.last!.y) <= 3 } == true,
                          "'\(a.text)' is neither beside a vertex of its curve nor tied to its end")
        }
        XCTAssertEqual(placed.first { $0.text == "a" }?.leader, [], "the first label sits beside its end")
        let crowded = (0..<40).map { (text: "series \($0)", curve: [Point(100, 100)]) }
        XCTAssertNil(DirectLabels.place(crowded, measure: measure, plot: plot, obstacles: .init()), "forty labels at one point")
        let blocked = DirectLabels.place([(text: "a", curve: [Point(100, 100)])], measure: measure, plot: plot,
                                         obstacles: .init(boxes: [Rect(x: 60, y: 0, width: 240, height: 200)]))
        XCTAssertNil(blocked)
    }

    /// The audit finds text on text, on a frontier line and on a marker, and ignores the faint
    /// points, the white halos and everything outside the plot.
    func testLayoutAuditFindsTextCoveringTextLinesAndMarkers() {
        let canvas = RecordingCanvas(width: 300, height: 200, fonts: fonts)
        let style = TextStyle(size: 8)
        canvas.text("outside", at: Point(10, 190), style: style, anchor: .left, rotated: false)
        canvas.stroke(.polyline([Point(0, 188), Point(300, 188)]), Stroke(width: 1, color: .axis))
        canvas.clip(to: Rect(x: 0, y: 0, width: 300, height: 150))
        canvas.stroke(.polyline([Point(0, 20), Point(300, 20)]), Stroke(width: 1.2, color: Palette.colors[0]))
        canvas.fill(Palette.path(.square, at: Point(150, 100), radius: 3), Palette.colors[1])
        canvas.fill(.circle(center: Point(60, 60), radius: 2), Palette.colors[1].withAlpha(0.28))
        canvas.fill(.circle(center: Point(90, 60), radius: 4), .white)
        canvas.resetClip()
        XCTAssertEqual(LayoutAudit.collisions(canvas.operations), [])
        canvas.text("on the line", at: Point(10, 23), style: style, anchor: .left, rotated: false)
        canvas.text("on the marker", at: Point(140, 103), style: style, anchor: .left, rotated: false)
        canvas.text("on a label", at: Point(12, 191), style: style, anchor: .left, rotated: false)
        canvas.text("on dots", at: Point(55, 63), style: style, anchor: .left, rotated: false)
        XCTAssertEqual(LayoutAudit.collisions(canvas.operations).map(\.description).sorted(),
                       ["'on the line' covers a line", "'on the marker' covers a marker", "'outside' covers text 'on a label'"])
    }

    func testSegmentsMeetRectanglesOnlyWhereTheyCrossThem() {
        let box = Rect(x: 10, y: 10, width: 10, height: 10)
        XCTAssertTrue(Segment(Point(0, 15), Point(30, 15)).intersects(box), "through")
        XCTAssertTrue(Segment(Point(12, 12), Point(13, 13)).intersects(box), "inside")
        XCTAssertFalse(Segment(Point(0, 0), Point(30, 5)).intersects(box), "above")
        XCTAssertFalse(Segment(Point(0, 30), Point(30, 21)).intersects(box), "below, slanted")
        XCTAssertTrue(Segment(Point(0, 30), Point(30, 0)).intersects(box), "diagonal through")
    }

    func testAnnotationsDrawTheirLabelWithoutOverlaps() {
        let canvas = RecordingCanvas(width: 720, height: 380, fonts: fonts)
        ChartRenderer(single(series: 4, annotations: [ChartSpec.Annotation(x: 40, label: "gpu0 fp8 / gpu1 fp4: 1.3× at 40 tok/s/user")]))
            .draw(on: canvas)
        XCTAssertTrue(canvas.texts.contains { $0.text == "gpu0 fp8 / gpu1 fp4: 1.3× at 40 tok/s/user" })
        let dashed = canvas.operations.filter { if case let .stroke(_, stroke) = $0 { return stroke.dash == [3, 2] } else { return false } }
        XCTAssertEqual(dashed.count, 1)
        let texts = canvas.texts
        for (i, a) in texts.enumerated() {
            for b in texts[(i + 1)...] { XCTAssertFalse(a.box.intersects(b.box), "'\(a.text)' overlaps '\(b.text)'") }
        }
    }

    func testBarChartsPrintRatiosAndNotAvailable() {
        let panel = ChartSpec.BarPanel(title: "llama", categories: ["25 tok/s/user", "50 tok/s/user"],
                                       series: [ChartSpec.BarSeries(name: "b200 / h200", color: Palette.colors[0], values: [nil, 4.08]),
                                                ChartSpec.BarSeries(name: "gb200 / h200", color: Palette.colors[1], values: [12.4, 5.0])],
                                       reference: 1, valueFormat: .ratio)
        let spec = ChartSpec(title: "Ratios", subtitle: nil, caption: nil, footnote: "f", xLabel: "Interactivity level", yLabel: "ratio",
                             xScale: .linear, yScale: .linear, steps: false, panels: [], bars: [panel, panel], width: 600, height: 300)
        let canvas = RecordingCanvas(width: 600, height: 300, fonts: fonts)
        let rects = ChartRenderer(spec).draw(on: canvas)
        XCTAssertEqual(rects.count, 2)
        let texts = canvas.texts.map(\.text)
        XCTAssertEqual(texts.filter { $0 == "4.1×" }.count, 2)
        XCTAssertEqual(texts.filter { $0 == "12×" }.count, 2)
        XCTAssertEqual(texts.filter { $0 == "n/a" }.count, 2)
        XCTAssertTrue(texts.contains("gb200 / h200"), "legend entry")
        let boxes = canvas.texts
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] { XCTAssertFalse(a.box.intersects(b.box), "'\(a.text)' overlaps '\(b.text)'") }
        }
    }
}

final class ChartBuilderTests: XCTestCase {
    /// GB200 at 10,000 tok/s/GPU at 50 tok/s/user: 72 GPUs × 3 years → 6.8·10¹³ tokens; $1/Mtok → 13.6×.
    func testROIBarsUseTheAssumptionsAndPrintTheImpliedPrice() throws {
        var results: [BenchmarkResult] = []
        for (x, y) in [(30.0, 12000.0), (50, 10000), (80, 5000)] {
            results.append(BenchmarkResult(configuration: ServingConfiguration(hw: "gb200", model: "deepseek-r1", framework: "sglang",
                                                                               precision: "fp4", isl: 8192, osl: 1024, conc: 8, tp: 8,
                                                                               ep: 8, dp_attention: true),
                                           tput_per_gpu: y, output_tput_per_gpu: y / 9, input_tput_per_gpu: y * 8 / 9, mean_ttft: 1,
                                           median_ttft: 1, p99_ttft: 1, mean_tpot: 1 / x, median_tpot: 1 / x, p99_tpot: 1 / x,
                                           mean_itl: 1 / x, median_itl: 1 / x, p99_itl: 1 / x, mean_e2el: 20, median_e2el: 20,
                                           p99_e2el: 20, median_intvty: x))
        }
        let analysis = AnalysisDocument(
            measurements: [MeasurementFile(source: "measured", provenance: [:], results: results)], provenance: [:])
        let figure = try FigureSpec(file: "figures/roi.toml", text: """
        sweep = "x"
        kind = "roi"
        group = "hw"
        panels = "scenario"
        levels = [1, 2]
        title = "ROI"
        """)
        var dropped = 0
        let chart = try ChartSpec.build(figure, analysis: analysis, dropped: &dropped)
        let bars = try XCTUnwrap(chart.bars.first)
        XCTAssertEqual(bars.series.map(\.name), ["gb200 (72 GPUs)"])
        XCTAssertEqual(try XCTUnwrap(bars.series[0].values[0]), 13.63, accuracy: 0.01)
        XCTAssertEqual(try XCTUnwrap(bars.series[0].values[1]), 27.26, accuracy: 0.02)
        XCTAssertEqual(bars.reference, 15)
        XCTAssertTrue(chart.caption?.contains("reached at gb200 $1.10 per million tokens") ?? false, chart.caption ?? "")
    }

    func testBadFigureDefinitionsAreInputErrors() {
        func message(_ text: String) -> String {
            do { _ = try FigureSpec(file: "figures/f.toml", text: text); return "no error" } catch { return "\(error)" }
        }
        XCTAssertTrue(
            message("sweep = \"s\"\ntitle = \"t\"\nkind = \"bars\"\nlevels = [50]").contains(
                "key 'baseline': a bar chart needs a baseline group"))
        XCTAssertTrue(message("sweep = \"s\"\ntitle = \"t\"\nkind = \"roi\"").contains("key 'levels': a roi chart needs levels"))
        XCTAssertTrue(
            message("sweep = \"s\"\ntitle = \"t\"\ny_scale = \"cubic\"").contains(
                "key 'y_scale': unknown scale 'cubic'; allowed: linear, log"))
        XCTAssertTrue(message("sweep = \"s\"\ntitle = \"t\"\nwidth_pt = 20").contains("key 'width_pt': out of range"))
        XCTAssertTrue(message("sweep = \"s\"\ntitle = \"t\"\nfilter = { colour = \"red\" }").contains("key 'filter.colour': unknown key"))
        XCTAssertTrue(
            message("sweep = \"s\"\ntitle = \"t\"\nx_range = [5, 1]").contains(
                "key 'x_range': not an axis range '[5.0, 1.0]'; allowed: [low, high] with low < high"))
        XCTAssertTrue(message("sweep = \"s\"\ntitle = \"t\"\nx_scale = \"log\"\nx_range = [0, 10]").contains("0 < low < high (log axis)"))
        XCTAssertTrue(message("sweep = []\ntitle = \"t\"").contains("key 'sweep': names no sweep '[]'"))
        XCTAssertTrue(
            message("sweep = \"s\"\ntitle = \"t\"\ngroup = \"precision\"").contains("key 'group': not a grouping the analysis keeps"))
        XCTAssertTrue(message("sweep = \"s\"\ntitle = \"t\"\ngroup = \"hw\"\nfilter = { precision = \"fp8\" }")
            .contains("key 'filter.precision': a filter on this field would change the frontiers the analysis computed per hw"))
        XCTAssertTrue(message("sweep = \"s\"\ntitle = \"t\"\ny = \"median_ttft\"")
            .contains("key 'y': the analysis keeps no frontier of median_ttft against median_intvty"))
        XCTAssertTrue(message("sweep = \"s\"\ntitle = \"t\"\nkind = \"bars\"\nbaseline = \"h200\"\nlevels = [50]")
            .contains("key 'group': bars charts compare whole GPUs 'series'"))
    }

    /// Fixed axis limits replace the data's extent; points beyond them are clipped, not rescaled.
    func testAxisRangesFixTheDomain() throws {
        var spec = ChartRendererTests.sampleSpec()
        spec.xRange = 10...40
        spec.yRange = 0...30000
        let canvas = RecordingCanvas(width: spec.width, height: spec.height, fonts: ChartRendererTests.fonts)
        let rects = ChartRenderer(spec).draw(on: canvas)
        let layout = PanelLayout(spec: spec, canvas: canvas, top: 0, bottom: spec.height, width: spec.width)
        XCTAssertEqual(layout.xDomain, 10...40)
        XCTAssertEqual(layout.yDomains, [0...30000, 0...30000, 0...30000])
        XCTAssertEqual(rects.count, 3)
        let figure = try FigureSpec(file: "figures/f.toml", text: "sweep = \"s\"\ntitle = \"t\"\nx_scale = \"log\"\nx_range = [3, 200]")
        XCTAssertEqual(figure.xRange, 3...200)
        XCTAssertNil(figure.yRange)
    }
}

extension ChartBuilderTests {
    /// `{FIELD}` in a subtitle or caption states the values drawn: integer ranges, else a list;
    /// an unknown field is an input error naming the figure and key.
    func testSubtitlesStateTheRangesOfTheDataDrawn() throws {
        func point(tp: Int, conc: Int, hw: String) -> AnalyzedPoint {
            let config = ServingConfiguration(hw: hw, model: "m", framework: "trtllm", precision: "fp8", isl: 1024, osl: 1024,
                                              conc: conc, tp: tp)
            return AnalyzedPoint(series: SeriesKey(hw: hw), source: "emulated", configuration: config, gpus: tp, tput_per_gpu: 1,
                                 output_tput_per_gpu: 1, input_tput_per_gpu: 1, median_intvty: 1, median_tpot: 1, median_ttft: 1,
                                 median_e2el: 1, usd_per_mtok: [:], usd_per_mtok_output: [:], usd_per_mtok_input: [:],
                                 price_tier: "t", tok_per_s_per_mw: 1, joules_per_token: nil)
        }
        let points = [point(tp: 4, conc: 2048, hw: "gb200"), point(tp: 32, conc: 4, hw: "b200"), point(tp: 8, conc: 64, hw: "gb200")]
        XCTAssertEqual(try FigureText.filled("TP {tp}, concurrency {conc} on {hw}", points: points, file: "f.toml", key: "subtitle"),
                       "TP 4–32, concurrency 4–2048 on b200, gb200")
        XCTAssertEqual(try FigureText.filled("EP {ep}", points: points, file: "f.toml", key: "subtitle"), "EP 1")
        XCTAssertThrowsError(try FigureText.filled("TP {tensor}", points: points, file: "f.toml", key: "caption")) { error in
            XCTAssertTrue("\(error)".hasPrefix("f.toml: key 'caption': names no field of the points '{tensor}'"), "\(error)")
        }
    }
}
