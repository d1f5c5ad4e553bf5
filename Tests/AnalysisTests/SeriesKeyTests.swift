@testable import Analysis
import Catalog
import Emulator
import XCTest

final class SeriesKeyTests: XCTestCase {
    func testLabelsAndPooling() {
        let key = SeriesKey(hw: "gb200", framework: "sglang", precision: "fp4", kv_cache: "fp8", spec_decoding: "mtp", disagg: true)
        XCTAssertEqual(key.label, "gb200 · sglang · fp4 · kv fp8 · mtp · disagg")
        XCTAssertEqual(key.short, "gb200 fp4")
        XCTAssertEqual(key.pooling, .series)
        XCTAssertEqual(key.pooled(.gpu), SeriesKey(hw: "gb200"))
        XCTAssertEqual(key.pooled(.gpu).label, "gb200")
        XCTAssertEqual(SeriesKey(hw: "h200", framework: "vllm", precision: "fp8", spec_decoding: "none").label, "h200 · vllm · fp8",
                       "no speculative decoding is not a part of the key")
        let drafting = SeriesKey(hw: "b200", framework: "trtllm", precision: "fp4", spec_decoding: "mtp", mtp_draft_tokens: 1, disagg: true)
        XCTAssertEqual(drafting.label, "b200 · trtllm · fp4 · mtp1 · disagg", "a chosen draft count is a series of its own")
        XCTAssertEqual(SeriesKey(hw: "b200", spec_decoding: "none", mtp_draft_tokens: 3).mtp_draft_tokens, nil, "no drafts without MTP")
        let decodeOnly = SeriesKey(hw: "mi355x", framework: "sglang", precision: "fp8", spec_decoding: "mtp", prefill_drafts: false,
                                   disagg: true)
        XCTAssertEqual(decodeOnly.label, "mi355x · sglang · fp8 · mtp · decode-only drafts · disagg")
        XCTAssertEqual(SeriesKey(hw: "b200", spec_decoding: "mtp", prefill_drafts: true).prefill_drafts, nil, "drafting is the default")
    }

    /// Files carry the key's parts, never a joined label to split again.
    func testCodableAsParts() throws {
        let key = SeriesKey(hw: "b200", framework: "trtllm", precision: "fp4")
        let text = String(decoding: try OutputFile.json(key), as: UTF8.self)
        XCTAssertTrue(text.contains("\"framework\" : \"trtllm\""), text)
        XCTAssertEqual(try JSONDecoder().decode(SeriesKey.self, from: Data(text.utf8)), key)
    }
}

final class FrontierSetTests: XCTestCase {
    /// H200 and B200 at three loads each, plus an H200 FP4 series: frontiers per series and per GPU.
    func analysis() -> AnalysisDocument {
        var results: [BenchmarkResult] = []
        for (x, y, e2el) in [(20.0, 6000.0, 30.0), (50, 3000, 12), (90, 1000, 20)] {
            var h200 = result(hw: "h200", conc: 8, tput: y, intvty: x)
            h200.median_e2el = e2el
            var fp4 = h200
            fp4.configuration.precision = "fp4"
            fp4.tput_per_gpu = y * 1.5
            results += [h200, fp4, result(hw: "b200", conc: 8, tput: y * 2, intvty: x)]
        }
        return AnalysisDocument(measurements: [MeasurementFile(source: "measured", provenance: [:], results: results)], provenance: [:])
    }

    func testEveryPairAtBothPoolings() throws {
        let doc = analysis()
        // Series: h200 fp8, h200 fp4, b200 fp8; GPUs: h200, b200 — each with every metric pair.
        XCTAssertEqual(doc.frontiers.count, (3 + 2) * FrontierSet.pairs.count)
        let h200 = try XCTUnwrap(
            doc.frontier(model: "llama-3.3-70b", scenario: "1k/1k", series: SeriesKey(hw: "h200"), metric: .tputPerGPU))
        XCTAssertEqual(h200.points.map(\.y), [9000, 4500, 1500], "the GPU's frontier is its FP4 series")
        XCTAssertEqual(h200.measured_from, 20)
        XCTAssertEqual(h200.source, "measured")
    }

    /// Latency shrinks: the frontier keeps each point no faster point beats, in ascending latency.
    func testLatencyFrontier() throws {
        let doc = analysis()
        let key = SeriesKey(hw: "h200", framework: "trtllm", precision: "fp8")
        let latency = try XCTUnwrap(
            doc.frontier(model: "llama-3.3-70b", scenario: "1k/1k", series: key, x: .medianE2EL, metric: .tputPerGPU))
        XCTAssertEqual(latency.points.map(\.x), [12, 30], "20 s is slower than 12 s and serves less")
        XCTAssertEqual(latency.points.map(\.y), [3000, 6000])
    }

    /// Ratios read the GPU frontiers: B200 at 2× H200 FP8 against H200 at its best, FP4 at 1.5×.
    func testRatiosAndReturnsReadTheGPUFrontiers() throws {
        let doc = analysis()
        let ratio = try XCTUnwrap(doc.ratios.first { $0.numerator == "b200" && $0.metric == .tputPerGPU && $0.interactivity == 50 })
        XCTAssertEqual(try XCTUnwrap(ratio.value), 2 / 1.5, accuracy: 1e-12)
        XCTAssertTrue(doc.roi.isEmpty, "no DeepSeek-R1 8k/1k data for the [roi] deployment")
    }
}
