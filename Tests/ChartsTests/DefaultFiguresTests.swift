import Analysis
import Catalog
@testable import Charts
import Foundation
import XCTest

/// Every figure `make` draws, built from the analyses `make` wrote (`make check` builds them first
/// and names their folder in TOKENOMICS_ANALYSIS_DIR): identity colours, at most eight series a
/// panel told apart by colour or marker, paper sizes with 7–9 pt text, and a recorded drawing
/// where no text covers another text, a frontier line or a marker.
final class DefaultFiguresTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each default figure's definition and chart.
    func defaultCharts() throws -> [(FigureSpec, ChartSpec)] {
        guard let directory = ProcessInfo.processInfo.environment["TOKENOMICS_ANALYSIS_DIR"] else {
            throw XCTSkip("needs the default analyses: run `make check`, which builds them and sets TOKENOMICS_ANALYSIS_DIR")
        }
        let analyses = Self.root.appendingPathComponent(directory).path
        let figures = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("figures").path)
            .filter { $0.hasSuffix(".toml") }.sorted()
        XCTAssertGreaterThanOrEqual(figures.count, 14)
        return try figures.map { name in
            let path = Self.root.appendingPathComponent("figures/\(name)").path
            let figure = try FigureSpec(file: path, text: String(contentsOfFile: path, encoding: .utf8))
            let analysis = try AnalysisFiles.merged(sweeps: figure.sweeps, in: analyses, file: path)
            var dropped = 0
            return (figure, try ChartSpec.build(figure, analysis: analysis, dropped: &dropped))
        }
    }

    func testEverySeriesWearsItsGPUsColourAndNoTwoInAPanelLookAlike() throws {
        let theme = Theme.standard
        for (figure, chart) in try defaultCharts() {
            for panel in chart.panels {
                XCTAssertLessThanOrEqual(panel.series.count, ChartSpec.maxSeriesPerPanel, figure.name)
                for s in panel.series { XCTAssertEqual(s.color, Color(hex: theme.gpuColors[s.gpu] ?? 0), "\(figure.name): \(s.name)") }
                let looks = panel.series.map { "\($0.color) \($0.marker) \($0.dashed)" }
                XCTAssertEqual(Set(looks).count, looks.count, "\(figure.name): two series share colour and marker")
            }
        }
    }

    func testTextIsSevenToNinePointsOnPaperSizedPages() throws {
        for (figure, chart) in try defaultCharts() {
            XCTAssertTrue([252, 504].contains(chart.width), "\(figure.name) is \(chart.width) pt wide, not a paper column")
            let canvas = RecordingCanvas(width: chart.width, height: chart.height, fonts: ChartRendererTests.fonts)
            ChartRenderer(chart).draw(on: canvas)
            for text in canvas.texts { XCTAssertTrue((7...9).contains(text.style.size), "\(figure.name): '\(text.text)'") }
        }
    }

    func testNoLabelCoversAnotherLabelALineOrAMarker() throws {
        for (figure, chart) in try defaultCharts() {
            let canvas = RecordingCanvas(width: chart.width, height: chart.height, fonts: ChartRendererTests.fonts)
            ChartRenderer(chart).draw(on: canvas)
            let page = Rect(x: 0, y: 0, width: chart.width, height: chart.height)
            for text in canvas.texts { XCTAssertTrue(page.contains(text.box), "\(figure.name): '\(text.text)' leaves the page") }
            XCTAssertEqual(LayoutAudit.collisions(canvas.operations).map(\.description), [], figure.name)
        }
    }

    /// A service level is a minimum interactivity: a GPU whose frontier starts above a level
    /// serves it, so the ratio chart has a value for every GPU at every level.
    func testRatioBarsHaveAValueWhereverTheFrontierServesTheLevel() throws {
        let ratios = try defaultCharts().filter { $0.0.kind == "bars" }
        XCTAssertFalse(ratios.isEmpty)
        for (figure, chart) in ratios {
            for panel in chart.bars { for s in panel.series { XCTAssertFalse(s.values.contains(nil), "\(figure.name): \(s.name)") } }
        }
    }
}
