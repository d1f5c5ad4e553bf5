import Catalog
@testable import Validation
import XCTest

final class ValidationTests: XCTestCase {
    func testPublishedRowsTakeTheBestParallelismAndSkipDisaggregatedOnes() throws {
        let csv = """
        model,hw,precision,framework,disagg,isl,osl,conc,tp,tput_per_gpu,median_tpot_ms,source
        llama-3.3-70b,h200,fp8,trtllm,false,1024,1024,128,,5312,45.8,blog
        gpt-oss-120b,gb200,mxfp4,dynamo-trtllm,true,1024,1024,2048,,52496,24.6,blog
        llama-3.3-70b,h200,fp8,tgi,false,1024,1024,,,1000,,blog
        """
        let points = try Validation.publicPoints(csv: csv, file: "p.csv")
        XCTAssertEqual(points.count, 2, "the disaggregated row is not an aggregated point")
        let h200 = points[0]
        XCTAssertEqual(h200.measuredTPOT, 0.0458)
        let error = try XCTUnwrap(h200.tputError)
        XCTAssertLessThan(abs(error), 0.35, "within the target band of every row")
        XCTAssertEqual(h200.emulatedParallelism, "TP1 EP1", "one H200 holds Llama FP8 and wins per GPU at concurrency 128")
        XCTAssertNil(points[1].emulatedTput)
        XCTAssertTrue(points[1].note?.contains("unknown framework 'tgi'") ?? false)
        XCTAssertTrue(points[1].label.contains("conc 128 (its GPU's other rows)"), points[1].label)
    }

    func testCurvePointsRunTheirExactConfiguration() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../data/inferencemax/inferencemax-curves-train.csv")
        let csv = try String(contentsOf: file, encoding: .utf8)
        let firstRows = csv.split(whereSeparator: \.isNewline).prefix(4).joined(separator: "\n")
        let points = try Validation.curvePoints(csv: firstRows, file: "c.csv")
        XCTAssertEqual(points.count, 3)
        XCTAssertEqual(points[0].group, "gpt-oss-120b h200 vllm mxfp4 1k/1k")
        XCTAssertEqual(points[0].label, "TP2 EP1 conc 64")
        XCTAssertNil(points[0].emulatedParallelism, "the curve's own configuration, nothing chosen")
        XCTAssertEqual(points[0].measuredTput, 4210.379852127225, accuracy: 1e-9)
        XCTAssertNotNil(points[0].intvtyError)
        XCTAssertEqual(try XCTUnwrap(points[0].measuredTTFT), 0.07127509149722755, accuracy: 1e-12)
        XCTAssertGreaterThan(try XCTUnwrap(points[0].emulatedTTFT), 0.020, "at least vLLM's front-end latency")
        XCTAssertEqual(Validation.summarize(points)[0].medianTTFTError, points[0].ttftError.map(abs))
    }

    /// The disaggregated curves run in their recipes' layouts, concurrency 6 over five decode
    /// engines included (one engine of two clients, four of one).
    func testTheDisaggregatedCurvesRunInTheirDeployedLayouts() throws {
        let nvidia = try DataFile("inferencemax-curves-disagg.csv"), mi355x = try DataFile("inferencemax-disagg-mi355x.csv")
        XCTAssertEqual([nvidia.rows.count, mi355x.rows.count], [20, 175])
        // The GB200 curve's first point and the B200 curve's.
        let firstPoints = [nvidia.header, nvidia.lines[0], nvidia.lines[9]].joined(separator: "\n")
        let points = try Validation.curvePoints(csv: firstPoints, file: "d.csv")
        XCTAssertEqual(points.map(\.label), ["1P×TP4 4D×TP8 EP8 MTP3 conc 4", "1P×TP4 5D×TP8 EP8 MTP3 conc 6"])
        XCTAssertEqual(points[0].group, "deepseek-r1 gb200 trtllm nvfp4 disagg mtp 1k/1k")
        XCTAssertEqual(points[0].measuredTput, 60.7)
        XCTAssertEqual(try XCTUnwrap(points[0].measuredTPOT), 0.00349, accuracy: 1e-12)
        XCTAssertGreaterThan(try XCTUnwrap(points[0].emulatedTput), 0, "one client per decode engine is served")
        XCTAssertEqual(points[1].measuredTput, 49.3)
        XCTAssertGreaterThan(try XCTUnwrap(points[1].emulatedTput), try XCTUnwrap(points[0].emulatedTput) * 36 / 44,
                             "six clients over 44 GPUs serve more than four over 36 do")
        XCTAssertNil(points[1].note)
    }

    /// SGLang v0.5.9 on MI300X and MI325X (Feb 2026): whole curves, copied so that each row's
    /// throughput is its input and output rates and its interactivity the inverse of its TPOT.
    func testTheCDNA3CurvesAreWholeAndEmulated() throws {
        let data = try DataFile("inferencemax-curves-cdna3.csv")
        XCTAssertEqual(data.rows.count, 30)
        // Each curve's first point (concurrency 4), emulated in its configuration.
        let points = try Validation.curvePoints(csv: try data.csv { try data.text($0, "conc") == "4" }, file: "u.csv")
        XCTAssertEqual(Set(points.map(\.group)).count, 6, "three lengths on two GPUs")
        XCTAssertTrue(points.allSatisfy { $0.emulatedTput != nil && $0.note == nil })
        for row in data.rows {
            XCTAssertEqual(try data.number(row, "tput_per_gpu"),
                           try data.number(row, "input_tput_per_gpu") + data.number(row, "output_tput_per_gpu"), accuracy: 1e-6)
            XCTAssertEqual(try data.number(row, "median_intvty") * data.number(row, "median_tpot_s"), 1, accuracy: 0.05)
        }
    }

    /// Dynamo with SGLang on B200, GB300 and H100: whole rows, each emulated in its layout, among
    /// them EP 48 over 256 experts (redundant slots) and TP 16 across two H100 nodes.
    func testTheDynamoSGLangPointsAreWholeAndEmulatedInTheirLayouts() throws {
        let data = try DataFile("inferencemax-unseen-dynamo-sglang.csv")
        XCTAssertEqual(data.rows.count, 90)
        for row in data.rows {
            let (prefill, decode) = (try data.number(row, "num_prefill_gpu"), try data.number(row, "num_decode_gpu"))
            let weighted = try data.number(row, "input_tput_per_gpu") * prefill + data.number(row, "output_tput_per_gpu") * decode
            let total = weighted / (prefill + decode)
            XCTAssertEqual(total, try data.number(row, "tput_per_gpu"), accuracy: total * 1e-6)
        }
        // The points at concurrency 4 (among them TP 16 across two H100 nodes) and the EP 48 engines.
        let picked = try data.csv { try data.text($0, "conc") == "4" || data.text($0, "decode_tp") == "48" }
        let points = try Validation.curvePoints(csv: picked, file: "u.csv")
        XCTAssertTrue(points.allSatisfy { $0.emulatedTput != nil }, points.compactMap(\.note).joined(separator: "; "))
        XCTAssertTrue(points.contains { $0.label.contains("TP48 EP48 DPA") }, points.map(\.label).joined(separator: "; "))
        XCTAssertTrue(points.contains { $0.label.contains("2D×TP16 EP1") && $0.group.hasPrefix("deepseek-r1 h100") })
    }

    func testSummariesUseMediansOfAbsoluteErrors() {
        let points = [0.1, -0.3, 0.2].map { Validation.Point(group: "g", label: "", measuredTput: 100, emulatedTput: 100 * (1 + $0),
                                                             measuredTPOT: 0.01, emulatedTPOT: 0.01 / (1 + $0)) }
        let summary = Validation.summarize(points)[0]
        XCTAssertEqual(summary.medianTputError!, 0.2, accuracy: 1e-12)
        XCTAssertEqual(summary.maxTputError!, 0.3, accuracy: 1e-12)
        XCTAssertEqual(summary.medianIntvtyError!, 0.2, accuracy: 1e-12)
        XCTAssertEqual(Validation.median([4, 1, 3, 2]), 2.5)
    }

    /// The bias is the median signed error: +10% where the emulator is 10% optimistic.
    func testSummariesShowTheDirectionOfAMiss() {
        let points = [0.1, -0.3, 0.25].map { Validation.Point(group: "g", label: "", measuredTput: 100, emulatedTput: 100 * (1 + $0),
                                                              measuredTPOT: 0.01, emulatedTPOT: 0.01 / (1 - $0)) }
        let summary = Validation.summarize(points)[0]
        XCTAssertEqual(summary.tputBias!, 0.1, accuracy: 1e-12)
        // Interactivity errors are m/e − 1 = −0.1, +0.3, −0.25: their median is −0.1, the emulator pessimistic.
        XCTAssertEqual(summary.intvtyBias!, -0.1, accuracy: 1e-12)
        XCTAssertEqual(summary.medianTputError!, 0.25, accuracy: 1e-12)
        XCTAssertEqual(Optional(0.123).signedPercent, "+12.3%")
        XCTAssertEqual(Optional(-0.04).signedPercent, "−4.0%")
        XCTAssertEqual(Double?.none.signedPercent, "n/a")
    }

    func testBadNumbersNameTheLineAndColumn() {
        let csv = "model,hw,precision,framework,disagg,isl,osl,conc,tp,tput_per_gpu\nllama-3.3-70b,h200,fp8,trtllm,false,lots,1024,64,,1\n"
        XCTAssertThrowsError(try Validation.publicPoints(csv: csv, file: "p.csv")) { error in
            XCTAssertEqual("\(error)", "p.csv:2: key 'isl': expected a positive number, got 'lots'")
        }
    }

    /// build/validate.json spells its keys in snake case, like every other output.
    func testTheReportIsWrittenInSnakeCase() throws {
        let point = Validation.Point(group: "g", label: "l", measuredTput: 100, emulatedTput: 90, measuredTPOT: 0.01, emulatedTPOT: 0.011,
                                     measuredTTFT: 0.1, emulatedTTFT: 0.12)
        let report = Validation.Report(published: [point], curves: [point])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: try OutputFile.json(report)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["published", "curves", "published_summary", "curve_summary", "published_overall", "curve_overall",
                                        "held_out", "unseen"])
        let written = try XCTUnwrap((json["curves"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(written.keys), ["group", "label", "measured_tput", "emulated_tput", "measured_tpot", "emulated_tpot",
                                           "measured_ttft", "emulated_ttft"])
        let summary = try XCTUnwrap((json["curve_summary"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(summary.keys), ["group", "count", "emulated", "median_tput_error", "max_tput_error", "median_tpot_error",
                                           "median_intvty_error", "median_ttft_error", "median_signed_tput_error",
                                           "median_signed_intvty_error"])
        let read = try JSONDecoder().decode(Validation.Report.self, from: try OutputFile.json(report))
        XCTAssertEqual(read.curveSummary[0].medianTTFTError, report.curveSummary[0].medianTTFTError)
        // The overall medians are written once, by the validation, for the report and the gates.
        XCTAssertEqual(report.curveOverall.group, "all")
        XCTAssertEqual(report.curveOverall.count, 1)
        XCTAssertEqual(try XCTUnwrap(report.curveOverall.medianTputError), 0.1, accuracy: 1e-12)
        // A file written before unseen curves existed reads as having none.
        var older = json
        older["unseen"] = nil
        let old = try JSONDecoder().decode(Validation.Report.self, from: try JSONSerialization.data(withJSONObject: older))
        XCTAssertEqual(old.unseen.count, 0)
        XCTAssertEqual(old.curves.count, 1)
    }

    /// With a calibration profile the report carries each held-out group under its cell, and the
    /// medians over groups that `validate --max-held-out-median` gates.
    func testAProfileAddsItsHeldOutGroups() throws {
        let groups = [CalibrationProfile.GroupError(group: "a", points: 3, tput: 0.04, intvty: 0.02, ttft: nil),
                      CalibrationProfile.GroupError(group: "b", points: 5, tput: 0.10, intvty: nil, ttft: 0.3)]
        let cell = CalibrationProfile.Cell(framework: "vllm", family: "hopper", points: 8, groups: ["a", "b"], iterations: 2,
                                           constants: [:], prior: [:], uncertainty: [:], residuals: [], held_out: groups,
                                           expected_error: .init(groups))
        let profile = CalibrationProfile(tool: "t", settings: .init(observation_error: 0.1, ttft_error: 0.25, group_correlation: 0.2),
                                         inputs: [], cells: [cell])
        let report = Validation.Report(published: [], curves: [], profile: ("p.toml", profile))
        XCTAssertEqual(report.profile, "p.toml")
        XCTAssertEqual(report.heldOut.map(\.cell), ["vllm × hopper", "vllm × hopper"])
        XCTAssertEqual(report.heldOut.map(\.error), groups)
        XCTAssertEqual(try XCTUnwrap(report.heldOutOverall?.tput), 0.07, accuracy: 1e-12)
        XCTAssertEqual(report.heldOutOverall?.intvty, 0.02)
        XCTAssertNil(Validation.Report(published: [], curves: []).heldOutOverall)
    }
}

/// A CSV of data/inferencemax/: its rows as fields, each column's index, and its text.
private struct DataFile {
    let header: Substring
    let rows: [[Substring]]
    let lines: [Substring]
    let column: [String: Int]

    init(_ name: String) throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../data/inferencemax/\(name)")
        let all = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline)
        (header, lines) = (all[0], Array(all.dropFirst()))
        rows = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        column = Dictionary(uniqueKeysWithValues: header.split(separator: ",").enumerated().map { (String($1), $0) })
    }

    func text(_ row: [Substring], _ key: String) throws -> String { String(row[try XCTUnwrap(column[key])]) }
    func number(_ row: [Substring], _ key: String) throws -> Double { try XCTUnwrap(Double(try text(row, key))) }

    /// The header and the rows `keep` picks, as CSV text.
    func csv(keeping keep: ([Substring]) throws -> Bool) rethrows -> String {
        ([header] + (try zip(rows, lines).filter { try keep($0.0) }.map(\.1))).joined(separator: "\n")
    }
}
