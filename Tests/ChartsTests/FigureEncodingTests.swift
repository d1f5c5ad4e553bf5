import Analysis
import Catalog
@testable import Charts
@testable import Emulator
import Foundation
import XCTest

/// Identity encodings, small multiples, the series limit, per-panel axes, figures without
/// titles and the compare chart, on analyses built from a few synthetic results.
final class FigureEncodingTests: XCTestCase {
    let fonts = ChartRendererTests.fonts

    /// A frontier of three points for each (GPU, engine, precision, MTP), scaled by `scale`.
    static func analysis(_ series: [(hw: String, framework: String, precision: String, mtp: Bool)], scale: Double = 1,
                         isl: Int = 1024) -> AnalysisDocument {
        var results: [BenchmarkResult] = []
        for (s, key) in series.enumerated() {
            for (x, y) in [(30.0, 12000.0), (50, 10000), (80, 5000)] {
                let throughput = y * scale * (1 + Double(s) * 0.05)
                let configuration = ServingConfiguration(hw: key.hw, model: "llama-3.3-70b", framework: key.framework,
                                                         precision: key.precision, spec_decoding: key.mtp ? "mtp" : "none",
                                                         isl: isl, osl: 1024, conc: Int(x), tp: 1)
                results.append(BenchmarkResult(configuration: configuration, tput_per_gpu: throughput, output_tput_per_gpu: throughput / 2,
                                               input_tput_per_gpu: throughput / 2, mean_ttft: 1, median_ttft: 1, p99_ttft: 1,
                                               mean_tpot: 1 / x, median_tpot: 1 / x, p99_tpot: 1 / x, mean_itl: 1 / x, median_itl: 1 / x,
                                               p99_itl: 1 / x, mean_e2el: 20, median_e2el: 20, p99_e2el: 20, median_intvty: x))
            }
        }
        return AnalysisDocument(measurements: [MeasurementFile(source: "emulated", provenance: [:], results: results)], provenance: [:])
    }

    static let everyGPU = Catalog.standard.gpuOrder.map { (hw: $0, framework: $0.hasPrefix("mi") ? "vllm" : "trtllm", precision: "fp8",
                                                            mtp: false) }

    static func trtllm(_ hw: String, _ precision: String) -> (hw: String, framework: String, precision: String, mtp: Bool) {
        (hw, "trtllm", precision, false)
    }

    func chart(_ toml: String, _ analysis: AnalysisDocument) throws -> ChartSpec {
        let figure = try FigureSpec(file: "figures/f.toml", text: "sweep = \"s\"\ntitle = \"t\"\n" + toml)
        var dropped = 0
        return try ChartSpec.build(figure, analysis: analysis, dropped: &dropped)
    }

    func testAPanelOfMoreThanEightSeriesIsRefusedNamingTheFigure() throws {
        XCTAssertEqual(Self.everyGPU.count, 9)
        XCTAssertThrowsError(try chart("", Self.analysis(Self.everyGPU))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("figures/f.toml") && text.contains("9 series in panel (all)") && text.contains("at most 8"), text)
        }
        let faceted = try chart("rows = \"vendor\"\npanel_titles = { nvidia = \"NVIDIA\", amd = \"AMD\" }", Self.analysis(Self.everyGPU))
        XCTAssertEqual(faceted.panels.map(\.row), ["NVIDIA", "AMD"], "catalog order: NVIDIA first")
        XCTAssertEqual(faceted.panels.map(\.series.count), [6, 3])
        XCTAssertEqual(faceted.columns, 1)
    }

    /// Each series wears its GPU's theme colour; variants of one GPU differ by marker, and a
    /// variant keeps its marker in every panel.
    func testColoursAreTheGPUsAndMarkersTheVariants() throws {
        let series = [Self.trtllm("h200", "fp8"), Self.trtllm("b200", "fp8"), Self.trtllm("b200", "fp4")]
        let a = Self.analysis(series), b = Self.analysis(series, isl: 8192)
        let chart = try chart("panels = \"scenario\"", a.merging(b))
        XCTAssertEqual(chart.panels.count, 2)
        for panel in chart.panels {
            let byName = Dictionary(uniqueKeysWithValues: panel.series.map { ($0.name, $0) })
            XCTAssertEqual(byName["h200 · trtllm · fp8"]?.color, Color(hex: Theme.standard.gpuColors["h200"]!))
            XCTAssertEqual(byName["b200 · trtllm · fp8"]?.color, Color(hex: Theme.standard.gpuColors["b200"]!))
            XCTAssertEqual(byName["b200 · trtllm · fp4"]?.color, byName["b200 · trtllm · fp8"]?.color)
            XCTAssertNotEqual(byName["b200 · trtllm · fp4"]?.marker, byName["b200 · trtllm · fp8"]?.marker)
            XCTAssertEqual(byName["h200 · trtllm · fp8"]?.marker, byName["b200 · trtllm · fp8"]?.marker, "one variant, one marker")
        }
        // The legend names each GPU and variant once when that is shorter than a line per series.
        var wide = chart
        wide.panels[0].series += (0..<3).map { i in
            var s = wide.panels[0].series[i % 2]
            s.name += " \(i)"
            return s
        }
        XCTAssertEqual(wide.legendEntries.map(\.name), ["h200", "b200", "trtllm · fp8", "trtllm · fp4"])
    }

    /// The CSV beside a figure holds exactly what it draws: each frontier point and each faint
    /// point, with the units in the header and the provenance above it.
    func testTheFiguresCSVHoldsWhatItDraws() throws {
        let chart = try chart("x = \"median_intvty\"\ny = \"tput_per_gpu\"", Self.analysis([Self.trtllm("h200", "fp8")]))
        let lines = chart.csv.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.prefix(3).map { String($0.prefix(2)) }, ["# ", "# ", "# "])
        XCTAssertEqual(lines[3],
                       "panel,row,series,gpu,variant,line,layer,median_intvty (tok/s/user),tput_per_gpu (tok/s/GPU),expected_error")
        let frontier = lines.filter { $0.contains(",frontier,") }, points = lines.filter { $0.contains(",point,") }
        XCTAssertEqual(frontier.count, chart.panels[0].series[0].frontier.count)
        XCTAssertEqual(points.count, 3)
        XCTAssertTrue(frontier.contains(",,h200 · trtllm · fp8,h200,trtllm · fp8,emulated,frontier,30.0,12000.0,"), "\(frontier)")
    }

    /// "none" leads a facet (the baseline without the feature), and headings map values.
    func testFacetsPutTheBaselineFirstAndUseTheirHeadings() throws {
        let chart = try chart("panels = \"spec_decoding\"\npanel_titles = { none = \"Without MTP\", mtp = \"With MTP\" }",
                              Self.analysis([(hw: "b200", framework: "sglang", precision: "fp8", mtp: true),
                                             (hw: "b200", framework: "sglang", precision: "fp8", mtp: false)]))
        XCTAssertEqual(chart.panels.map(\.title), ["Without MTP", "With MTP"])
    }

    func testMeasuredSeriesAreDashedWithHollowMarkers() {
        var spec = ChartRendererTests.sampleSpec(series: 2)
        spec.panels = [spec.panels[0]]
        spec.panels[0].series[1].dashed = true
        let canvas = RecordingCanvas(width: spec.width, height: spec.height, fonts: fonts)
        ChartRenderer(spec).draw(on: canvas)
        let colour = spec.panels[0].series[1].color
        let strokes = canvas.operations.compactMap { op -> Stroke? in
            if case let .stroke(_, s) = op, s.color == colour { return s }
            return nil
        }
        XCTAssertTrue(strokes.contains { $0.dash == [3.5, 2] && $0.width == PanelLayout.lineWidth }, "dashed line")
        XCTAssertTrue(strokes.contains { $0.dash.isEmpty && $0.width == 0.9 }, "hollow markers are outlines")
        let filled = canvas.operations.contains { if case let .fill(_, c) = $0 { return c == colour }; return false }
        XCTAssertFalse(filled, "nothing of the measured series is filled opaque")
    }

    /// Panels an order of magnitude apart each get their own range and tick labels.
    func testPerPanelYAxesFitEachPanel() throws {
        var spec = ChartRendererTests.sampleSpec(series: 2)
        spec.panels[2].series = spec.panels[2].series.map { s in
            var s = s
            s.frontier = s.frontier.map { Point($0.x, $0.y / 20) }
            s.points = s.frontier
            return s
        }
        let canvas = RecordingCanvas(width: spec.width, height: spec.height, fonts: fonts)
        XCTAssertEqual(Set(PanelLayout(spec: spec, canvas: canvas, top: 40, bottom: 340, width: 720).yDomains.map(\.upperBound)).count, 1)
        spec.sharedY = false
        let layout = PanelLayout(spec: spec, canvas: canvas, top: 40, bottom: 340, width: 720)
        XCTAssertLessThan(layout.yDomains[2].upperBound, layout.yDomains[0].upperBound / 5)
        ChartRenderer(spec).draw(on: canvas)
        XCTAssertEqual(LayoutAudit.collisions(canvas.operations), [])
    }

    /// Without titles the image holds no title, subtitle, caption or footnote; the PDF keeps them.
    func testFiguresWithoutTitlesKeepThemInThePDFMetadata() throws {
        var spec = ChartRendererTests.sampleSpec()
        spec.showsText = false
        let canvas = RecordingCanvas(width: spec.width, height: spec.height, fonts: fonts)
        ChartRenderer(spec).draw(on: canvas)
        let texts = canvas.texts.map(\.text)
        for text in [spec.title, spec.subtitle!, spec.footnote] { XCTAssertFalse(texts.contains(text), text) }
        XCTAssertFalse(texts.contains { spec.caption!.hasPrefix($0) })
        let pdf = try ChartRenderer(spec).render(.pdf, fonts: fonts)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("untitled-\(ProcessInfo.processInfo.processIdentifier).pdf")
        try pdf.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let info = try ChartRendererTests.run("/usr/bin/pdfinfo", [url.path])
        XCTAssertTrue(info.contains("Title:           \(spec.title)"), info)
        XCTAssertTrue(info.contains("Subject:         \(spec.subtitle!)"), info)
        XCTAssertTrue(info.contains("Keywords:        \(spec.footnote)"), info)
    }

    /// Base dashed and candidate solid in one identity colour, the shift shaded, the change in
    /// the title.
    func testTheCompareChartShowsTheShiftBetweenBaseAndCandidate() throws {
        let series = [Self.trtllm("h200", "fp8"), Self.trtllm("b200", "fp4")]
        let base = Self.analysis(series), candidate = Self.analysis(series, scale: 0.9)
        let comparison = FrontierComparison(base: base, candidate: candidate, metric: .tputPerGPU, levels: [50])
        let spec = try ChartSpec.comparison(comparison, base: base, candidate: candidate, model: "llama-3.3-70b", names: ("a", "b"))
        XCTAssertTrue(spec.title.hasSuffix("tput_per_gpu median −10.0%"), spec.title)
        let lines = spec.panels[0].series
        XCTAssertEqual(lines.map(\.dashed), [true, false, true, false])
        XCTAssertEqual(lines[0].color, lines[1].color)
        XCTAssertEqual(lines[0].color, Color(hex: Theme.standard.gpuColors["h200"]!))
        let canvas = RecordingCanvas(width: spec.width, height: spec.height, fonts: fonts)
        ChartRenderer(spec).draw(on: canvas)
        let shades = canvas.operations.filter { if case let .fill(_, c) = $0 { return c.alpha == 0.18 }; return false }
        XCTAssertEqual(shades.count, 2, "one shaded shift per series")
        XCTAssertEqual(spec.legendEntries.suffix(2).map(\.name), ["candidate", "base"])
    }
}
