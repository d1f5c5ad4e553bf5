@testable import Emulator
import XCTest

final class RequestTableTests: XCTestCase {
    let config = ServingConfiguration(hw: "b200", model: "gpt-oss-120b", framework: "trtllm", precision: "mxfp4", isl: 1024, osl: 256,
                                      conc: 4, seed: 7)

    /// 10 × conc requests; prompts from stream 0 of the seed, outputs from stream 1, in [0.8·L, L].
    func testLengthsComeFromTheSeededStreams() {
        let table = RequestTable(config, clients: config.conc)
        XCTAssertEqual(table.count, 40)
        XCTAssertEqual(table.inputLengths, Lengths.scalar(count: 40, length: 1024, seed: 7, stream: 0))
        XCTAssertEqual(table.outputLengths, Lengths.scalar(count: 40, length: 256, seed: 7, stream: 1))
        XCTAssertTrue(table.inputLengths.allSatisfy { 820...1024 ~= $0 })
        let totals = table.tokenTotals
        XCTAssertEqual(totals.input, table.inputLengths.reduce(0) { $0 + Int($1) })
        XCTAssertEqual(totals.output, table.outputLengths.reduce(0) { $0 + Int($1) })
    }

    /// A request sent at 1.0 s through a 30 ms front end, first token at 1.5 s, last at 3.0 s:
    /// TTFT 0.5 s, E2E 2.0 s, TPOT 1.5 s over the tokens after the first (1e-12 s: float rounding).
    func testLatenciesFromTheTimestamps() {
        var table = RequestTable(config, clients: config.conc)
        table.issueNext(at: 0, frontEndLatency: 0.030, readyOnArrival: true)
        table.issueNext(at: 1.0, frontEndLatency: 0.030, readyOnArrival: true)
        XCTAssertEqual(table.issuedCount, 2)
        XCTAssertEqual(table.arrival[1], 1.030, accuracy: 1e-12)
        XCTAssertEqual(table.ready[1], table.arrival[1], "aggregated: ready on arrival")
        table.recordFirstToken(1, at: 1.5)
        table.finish(1, at: 3.0)
        XCTAssertEqual(table.completedCount, 1)
        XCTAssertFalse(table.allCompleted)
        XCTAssertEqual(table.timesToFirstToken[1], 0.5, accuracy: 1e-12)
        XCTAssertEqual(table.endToEndLatencies[1], 2.0, accuracy: 1e-12)
        XCTAssertEqual(table.timesPerOutputToken[1], 1.5 / Double(table.outputTokens(1) - 1), accuracy: 1e-12)
    }

    /// Disaggregated: not ready until its prefill batch is formed and its KV cache has crossed.
    func testDisaggregatedRequestsWaitForTheirKVCache() {
        var table = RequestTable(config, clients: config.conc)
        table.issueNext(at: 0, frontEndLatency: 0.070, readyOnArrival: false)
        XCTAssertEqual(table.ready[0], .infinity)
        table.recordPrefill(0, firstToken: 0.2, ready: 0.25)
        XCTAssertEqual(table.firstToken[0], 0.2)
        XCTAssertEqual(table.ready[0], 0.25)
    }
}
