@testable import Analysis
import Catalog
import Emulator
import XCTest

final class ClaimsAuditTests: XCTestCase {
    /// A hand-built analysis: Llama 1k/1k with B200 FP4 exactly k× H200 FP8 at every interactivity.
    func analysis(ratio k: Double) -> AnalysisDocument {
                var results: [BenchmarkResult] = []
        for (x, y) in [(20.0, 6000.0), (50, 3000), (90, 1000)] {
            var h200 = result(hw: "h200", conc: 8, tput: y, intvty: x)
            h200.configuration.precision = "fp8"
            var b200 = result(hw: "b200", conc: 8, tput: y * k, intvty: x)
            b200.configuration.precision = "fp4"
            results += [h200, b200]
        }
        return AnalysisDocument(measurements: [MeasurementFile(source: "measured", provenance: [:], results: results)], provenance: [:])
    }

    func testTheLlamaClaimHoldsOrNotByTheData() throws {
        let holds = ClaimsAudit(analysis(ratio: 4.5)).verdicts.first { $0.id == 3 }!
        XCTAssertEqual(holds.outcome, .holds)
        XCTAssertTrue(holds.ours.hasPrefix("4.5× at 50 tok/s/user"), holds.ours)
        let fails = ClaimsAudit(analysis(ratio: 2)).verdicts.first { $0.id == 3 }!
        XCTAssertEqual(fails.outcome, .doesNotHold)
        XCTAssertEqual(fails.claimed, "4×")
    }

    func testEveryClaimHasConditionsAndAVerdict() {
        let audit = ClaimsAudit(analysis(ratio: 3))
        XCTAssertEqual(audit.verdicts.map(\.id), [1, 2, 3, 4, 5, 6])
        for v in audit.verdicts {
            XCTAssertFalse(v.condition.isEmpty)
            XCTAssertFalse(v.detail.isEmpty)
        }
        // Data this analysis lacks are said to be missing, not guessed.
        XCTAssertEqual(audit.verdicts[0].outcome, .notAssessable)
        XCTAssertEqual(audit.verdicts[1].outcome, .notAssessable)
        XCTAssertTrue(audit.markdown.contains("| 3 | Llama 3.3 70B: Blackwell gives 4× the per-GPU throughput of H200 |"))
    }

    /// The verdicts the claims stage writes read back as they were, for the report.
    func testVerdictsRoundTripThroughTheirJSON() throws {
        let audit = ClaimsAudit(analysis(ratio: 4.5))
        let again = try ClaimsAudit(json: try OutputFile.json(audit.verdicts), file: "claims.json")
        XCTAssertEqual(again.verdicts, audit.verdicts)
        XCTAssertEqual(again.markdown, audit.markdown)
        XCTAssertThrowsError(try ClaimsAudit(json: Data("[{\"id\": 1}]".utf8), file: "claims.json")) {
            XCTAssertTrue("\($0)".hasPrefix("claims.json: not a claims verdicts file"), "\($0)")
        }
    }

    func testTheROIClaimReportsThePriceItImplies() {
        var results: [BenchmarkResult] = []
        for (x, y) in [(30.0, 12000.0), (50, 10000), (80, 5000)] {
            var r = result(hw: "gb200", conc: 8, tput: y, intvty: x)
            r.configuration.model = "deepseek-r1"
            r.configuration.isl = 8192
            results.append(r)
        }
        let doc = AnalysisDocument(measurements: [MeasurementFile(source: "measured", provenance: [:], results: results)], provenance: [:])
        let roi = ClaimsAudit(doc).verdicts[0]
        XCTAssertEqual(roi.outcome, .holdsOnlyUnder)
        XCTAssertTrue(roi.detail.hasPrefix("15× needs $1.10 per million tokens at 100% utilization"), roi.detail)
    }
}
