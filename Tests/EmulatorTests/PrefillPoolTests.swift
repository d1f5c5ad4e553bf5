@testable import Emulator
import XCTest

final class PrefillPoolTests: XCTestCase {
    /// Two prefill instances: the three prompts there at time 0 go to instance 0 in one batch;
    /// a prompt arriving at 10 ms waits until no later arrival could join its batch, then starts
    /// at once on the free instance 1. Each is ready when its KV cache has crossed to the decode
    /// engine (exact: the same arithmetic).
    func testBatchesFormFromArrivalsOnTheEarliestFreeInstance() throws {
        let config = ServingConfiguration(hw: "gb200", model: "gpt-oss-120b", framework: "trtllm", precision: "mxfp4", isl: 1024,
                                          osl: 256, conc: 4, tp: 8, ep: 8, dp_attention: true, prefill_instances: 2, prefill_tp: 4)
        let deployment = try Deployment(config)
        let stage = try XCTUnwrap(deployment.prefillStage)
        var pool = PrefillPool(stage, decodeMemory: deployment.memory)
        var requests = RequestTable(config, clients: config.conc)
        for _ in 0..<3 { requests.issueNext(at: 0, frontEndLatency: 0, readyOnArrival: false) }
        requests.issueNext(at: 0.010, frontEndLatency: 0, readyOnArrival: false)
        pool.formBatches(until: 0.005, requests: &requests)
        let first = stage.prefillTime(lengths: (0..<3).map { requests.inputTokens($0) })
        for request in 0..<3 {
            XCTAssertEqual(requests.firstToken[request], first)
            let transfer = stage.transferTime(bytes: deployment.memory.kvBytes(forTokens: requests.inputTokens(request)))
            XCTAssertEqual(requests.ready[request], first + transfer)
        }
        XCTAssertEqual(requests.ready[3], .infinity, "its batch could still grow")
        pool.formBatches(until: .infinity, requests: &requests)
        XCTAssertEqual(requests.firstToken[3], 0.010 + stage.prefillTime(lengths: [requests.inputTokens(3)]))
    }
}
