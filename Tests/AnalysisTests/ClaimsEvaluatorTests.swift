@testable import Analysis
import Catalog
import Emulator
import XCTest

/// The one evaluator on hand-built analyses: each kind of claim holding, holding only under a
/// condition, not holding and not assessable, with the values it reports.
final class ClaimsEvaluatorTests: XCTestCase {
    /// A measured point of `model` (scenario from `isl`/`osl`) with the given load and speed.
    func point(_ hw: String, _ precision: String, model: String = "deepseek-r1", isl: Int = 8192, osl: Int = 1024, tp: Int = 8,
               disagg: Bool = false, tput: Double, intvty: Double) -> BenchmarkResult {
        var r = result(hw: hw, conc: 8, tput: tput, intvty: intvty)
        (r.configuration.model, r.configuration.precision, r.configuration.tp) = (model, precision, tp)
        (r.configuration.isl, r.configuration.osl, r.configuration.disagg) = (isl, osl, disagg)
        return r
    }

    func analysis(_ results: [BenchmarkResult]) -> AnalysisDocument {
        AnalysisDocument(measurements: [MeasurementFile(source: "measured", provenance: [:], results: results)], provenance: [:])
    }

    /// The verdict of the one claim in `toml` (a `[[claim]]` without id, text, source and published).
    func verdict(_ toml: String, _ doc: AnalysisDocument) throws -> ClaimsAudit.Verdict {
        let text = "[[claim]]\nid = 9\ntext = \"t\"\nsource = \"s\"\npublished = \"p\"\n" + toml
        let claims = try ClaimDefinition.read(text: text, file: "test.toml")
        return try XCTUnwrap(ClaimsAudit(doc, claims: claims).verdicts.first)
    }

    static let levels: [(x: Double, y: Double)] = [(20, 6000), (50, 3000), (90, 1000)]

    /// GB200 FP4 against H200 FP8 on DeepSeek-R1 8k/1k, throughput `factor(x)` × H200's at each level.
    func pair(_ factor: (Double) -> Double) -> [BenchmarkResult] {
        Self.levels.flatMap {
            [point("h200", "fp8", tput: $0.y, intvty: $0.x), point("gb200", "fp4", tput: $0.y * factor($0.x), intvty: $0.x)]
        }
    }

    func testARatioHoldsAtItsLevelOrSaysWhatWouldFlipIt() throws {
        let v = try verdict(ClaimsFileTests.tokensPerMW, analysis(pair { _ in 12 }))
        // Tokens per MW divide by all-in kW: 12 × 1.73 / 2.10 = 9.886 for a 12× throughput.
        let kW = try XCTUnwrap(Catalog.standard.gpus["gb200"]).allInKW, hopper = try XCTUnwrap(Catalog.standard.gpus["h200"]).allInKW
        XCTAssertEqual(12 * hopper / kW, 9.886, accuracy: 0.001)
        let v13 = try verdict(ClaimsFileTests.tokensPerMW, analysis(pair { _ in 13 }))
        XCTAssertEqual(v13.outcome, .holds)
        XCTAssertEqual(v13.ours, "10.7× at 30 tok/s/user")
        XCTAssertEqual(v13.detail, "10× is reached from 20 tok/s/user upward")
        XCTAssertEqual(v13.claimed, "p")
        XCTAssertTrue(v13.condition.contains("all-in kW per GPU: 2.10 against 1.73"), v13.condition)
        // Just under: the search finds nothing, and the lever says what GB200's power would have to be.
        XCTAssertEqual(v.outcome, .doesNotHold)
        XCTAssertEqual(v.ours, "9.9× at 30 tok/s/user")
        XCTAssertEqual(v.detail, "10× at 30 tok/s/user needs GB200 at 2.08 all-in kW per GPU instead of 2.10 (×0.99), "
                       + "or H200 at ×1.01 of its own")
    }

    func testARatioHoldsOnlyFromTheInteractivityWhereItCrossesTheTarget() throws {
        // The advantage grows with interactivity: 10× at 20, 12× at 50, 20× at 90 in throughput,
        // 8.2×, 9.9× and 16.5× in tokens per MW.
        let factors: [Double: Double] = [20: 10, 50: 12, 90: 20]
        let doc = analysis(pair { factors[$0] ?? 1 })
        let v = try verdict(ClaimsFileTests.tokensPerMW, doc)
        XCTAssertEqual(v.outcome, .holdsOnlyUnder)
        let crossing = try XCTUnwrap(v.detail.split(separator: " ").compactMap { Double($0) }.first, v.detail)
        XCTAssertTrue(v.detail.hasSuffix("upward; the interactivity level decides the verdict"), v.detail)
        // The first whole tok/s/user at which tokens per MW reach 10×, and not one before.
        let curve = { (hw: String, p: String) in ClaimEvaluator(doc: doc, assumptions: .standard, catalog: .standard)
            .curve(PointSelection(model: "deepseek-r1", scenario: "8k/1k", hw: hw, precision: p), metric: .tokensPerSecondPerMW) }
        let gb200 = curve("gb200", "fp4"), h200 = curve("h200", "fp8")
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(IsoInteractivity.ratio(gb200, over: h200, at: crossing)), 10)
        XCTAssertLessThan(try XCTUnwrap(IsoInteractivity.ratio(gb200, over: h200, at: crossing - 1)), 10)
        XCTAssertTrue((51...90).contains(crossing), "\(crossing)")
    }

    func testARatioWithoutDataOrASharedRangeCannotBeAssessed() throws {
        let apart = [point("h200", "fp8", tput: 1000, intvty: 20), point("h200", "fp8", tput: 900, intvty: 30),
                     point("gb200", "fp4", tput: 9000, intvty: 60), point("gb200", "fp4", tput: 8000, intvty: 80)]
        let v = try verdict(ClaimsFileTests.tokensPerMW, analysis(apart))
        XCTAssertEqual(v.outcome, .notAssessable)
        XCTAssertEqual(v.ours, "n/a")
        XCTAssertEqual(v.detail, "GB200 FP4 and H200 FP8 share no interactivity range for deepseek-r1 8k/1k")
        XCTAssertEqual(try verdict(ClaimsFileTests.tokensPerMW, analysis([])).outcome, .notAssessable)
    }

    /// Lower cost is better: the ratio is H200's cost over B200's, the best over every model and scenario.
    func testABestRatioReadsEveryModelAndScenarioInTheMetricsDirection() throws {
        let claim = """
        kind = "ratio"
        metric = "usd_per_mtok"
        numerator = { hw = "b200" }
        denominator = { hw = "h200" }
        interactivity = 50
        at_least = 3
        lever = "usd_per_hour"
        """
        var results: [BenchmarkResult] = []
        for (model, factor) in [("llama-3.3-70b", 2.0), ("gpt-oss-120b", 4.0)] {
            for level in Self.levels {
                results.append(point("h200", "fp8", model: model, isl: 1024, tput: level.y, intvty: level.x))
                results.append(point("b200", "fp8", model: model, isl: 1024, tput: level.y * factor, intvty: level.x))
            }
        }
        let b200 = try XCTUnwrap(Catalog.standard.gpus["b200"]?.usdPerHour["hyperscaler"])
        let h200 = try XCTUnwrap(Catalog.standard.gpus["h200"]?.usdPerHour["hyperscaler"])
        // Cost per token ∝ $/h ÷ throughput: 4 × 1.41 / 1.95 = 2.89 for gpt-oss, 1.45 for Llama.
        let best = 4 * h200 / b200
        XCTAssertEqual(best, 2.892, accuracy: 0.001)
        let v = try verdict(claim, analysis(results))
        XCTAssertEqual(v.outcome, .doesNotHold)
        XCTAssertEqual(v.ours, "2.9× at 50 tok/s/user (gpt-oss-120b 1k/1k)")
        XCTAssertEqual(v.detail, "3× at 50 tok/s/user (gpt-oss-120b 1k/1k) needs B200 at $\((b200 * best / 3).fixed(2)) hyperscaler "
                       + "$/GPU-hour instead of $1.95 (×0.96), or H200 at ×1.04 of its own")
        let lower = claim.replacingOccurrences(of: "at_least = 3", with: "at_least = 2.5")
        XCTAssertEqual(try verdict(lower, analysis(results)).outcome, .holds)
    }

    /// Scaling: a share read in the middle of the range both frontiers reach, shown in percent.
    func testARatioAtTheMiddleOfTheCommonRangeInPercent() throws {
        let claim = """
        kind = "ratio"
        model = "deepseek-r1"
        scenario = "8k/1k"
        metric = "tput_per_gpu"
        numerator = { hw = "gb200", tp = 32, disaggregated = true }
        denominator = { hw = "gb200", tp = 8, disaggregated = true }
        interactivity = "middle"
        at_least = 0.9
        show = "percent"
        """
        func doc(_ share: Double) -> AnalysisDocument {
            analysis([(20.0, 6000.0), (90, 1000)].map { point("gb200", "fp4", tp: 8, disagg: true, tput: $0.1, intvty: $0.0) }
                + [(40.0, 4000.0 * share), (120, 500 * share)].map {
                    point("gb200", "fp4", tp: 32, disagg: true, tput: $0.1, intvty: $0.0)
                })
        }
        // Common range 40–90: read at 65; the TP8 frontier there is the value the TP32 one scales.
        let evaluator = ClaimEvaluator(doc: doc(1), assumptions: .standard, catalog: .standard)
        let small = evaluator.curve(PointSelection(model: "deepseek-r1", scenario: "8k/1k", hw: "gb200", tp: 8, disaggregated: true),
                                    metric: .tputPerGPU)
        let large = evaluator.curve(PointSelection(model: "deepseek-r1", scenario: "8k/1k", hw: "gb200", tp: 32, disaggregated: true),
                                    metric: .tputPerGPU)
        let r = try XCTUnwrap(IsoInteractivity.ratio(large, over: small, at: 65))
        let holds = try verdict(claim, doc(1))
        XCTAssertEqual(holds.outcome, r >= 0.9 ? .holds : .doesNotHold)
        XCTAssertEqual(holds.ours, "\((r * 100).fixed(0))% at 65 tok/s/user")
        XCTAssertTrue(holds.condition.contains("at 65 tok/s/user (middle of the range both reach)"), holds.condition)
        let fails = try verdict(claim, doc(0.85 / r))
        XCTAssertEqual(fails.outcome, .doesNotHold)
        XCTAssertEqual(fails.detail, "85% at 65 tok/s/user: 15% lost, short of the 90% the claim needs")
        XCTAssertEqual(try verdict(claim, analysis([])).outcome, .notAssessable)
    }

    static let best = """
    kind = "best"
    model = "gpt-oss-120b"

    [[claim.part]]
    name = "throughput"
    metric = "tput_per_gpu"
    at_least = 60_000

    [[claim.part]]
    name = "interactivity"
    metric = "median_intvty"
    at_least = 1_000
    if_short = "needs speculative decoding"

    [[claim.part]]
    name = "cost"
    metric = "usd_per_mtok"
    at_most = 0.02
    """

    func testABestClaimNeedsEveryPart() throws {
        func doc(_ tput: Double, _ intvty: Double) -> AnalysisDocument {
            analysis([point("b200", "mxfp4", model: "gpt-oss-120b", tput: tput, intvty: 50),
                      point("b200", "mxfp4", model: "gpt-oss-120b", tput: 2000, intvty: intvty),
                      point("h200", "fp8", model: "deepseek-r1", tput: 90_000, intvty: 2000)])
        }
        // $1.95/h ÷ (61,600 × 3600 / 10⁶) = $0.0088/Mtok at the fastest point.
        let all = try verdict(Self.best, doc(61_600, 1200))
        XCTAssertEqual(all.outcome, .holds)
        let at = "(b200 · trtllm · mxfp4, 8k/1k, conc 8)"
        XCTAssertEqual(all.ours, "61.6k tok/s/GPU \(at); 1200 tok/s/user \(at); $0.009/Mtok \(at)")
        XCTAssertEqual(all.detail, "the throughput part holds; the interactivity part holds; the cost part holds")
        let some = try verdict(Self.best, doc(61_600, 462))
        XCTAssertEqual(some.outcome, .holdsOnlyUnder)
        XCTAssertEqual(some.detail,
                       "the throughput part holds; interactivity would need ×2.16: needs speculative decoding; the cost part holds")
        let none = try verdict(Self.best.replacingOccurrences(of: "at_most = 0.02", with: "at_most = 0.004"), doc(30_000, 462))
        XCTAssertEqual(none.outcome, .doesNotHold)
        XCTAssertTrue(none.detail.hasPrefix("throughput would need ×2.00; interactivity would need ×2.16"), none.detail)
        XCTAssertTrue(none.detail.hasSuffix("cost would need ×0.22"), none.detail)
        let missing = try verdict(Self.best, analysis([point("h200", "fp8", tput: 90_000, intvty: 2000)]))
        XCTAssertEqual(missing.outcome, .notAssessable)
        XCTAssertEqual(missing.detail, "no data for throughput (gpt-oss-120b), interactivity (gpt-oss-120b), cost (gpt-oss-120b)")
    }

    /// ROI from the [roi] assumptions: 72 GB200 × 30,000 tok/s × 3 years at $1/Mtok ≈ $204M on $5M.
    func testTheROIClaimHoldsAtTheAssumedPriceOrNeedsAnother() throws {
        func doc(_ tput: Double) -> AnalysisDocument {
            analysis([(30.0, tput * 1.2), (50, tput), (80, tput / 2)].map { point("gb200", "fp4", tput: $0.1, intvty: $0.0) })
        }
        let holds = try verdict("kind = \"roi\"\n", doc(30_000))
        XCTAssertEqual(holds.outcome, .holds)
        XCTAssertEqual(holds.ours, "40.9× (30.0k tok/s/GPU; $204M revenue)")
        let under = try verdict("kind = \"roi\"\n", doc(10_000))
        XCTAssertEqual(under.outcome, .holdsOnlyUnder)
        XCTAssertEqual(under.detail, "15× needs $1.10 per million tokens at 100% utilization ($2.20 at 50%); "
                       + "the assumed price would have to move ×1.10")
        let none = try verdict("kind = \"roi\"\n", analysis([point("gb200", "fp4", tput: 9000, intvty: 20)]))
        XCTAssertEqual(none.outcome, .notAssessable)
        XCTAssertEqual(none.detail, "no gb200 frontier reaches 50 tok/s/user for deepseek-r1 8k/1k (measured range 20–20)")
    }

    /// Figures published elsewhere are reported beside ours and decide nothing.
    func testAlsoReadingsAreReportedBesideOurs() throws {
        let claim = "kind = \"roi\"\n[[claim.also]]\nname = \"H200\"\nmetric = \"tput_per_gpu\"\nhw = \"h200\"\n"
        let v = try verdict(claim, analysis([point("h200", "fp8", tput: 5000, intvty: 40)]))
        XCTAssertEqual(v.outcome, .notAssessable)
        XCTAssertEqual(v.ours, "n/a; H200: 5000 tok/s/GPU (h200 · trtllm · fp8, 8k/1k, conc 8)")
    }
}
