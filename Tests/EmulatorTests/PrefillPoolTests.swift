@testable import Emulator
import XCTest

final class PrefillPoolTests: XCTestCase {
    /// The configuration's token budget replaces the engine's recipe, on the decode engine and the
    /// prefill instances: an 8k prompt prefilled in 2,048-token chunks reads the weights and pays a
    /// step's fixed costs four times, 4% longer than in one step of the recipe's 8,192 (Llama-3.3-70B
    /// on 8 × B200, where prefill is compute-bound).
    func testTheConfigurationsTokenBudgetChunksThePrompts() throws {
        var config = ServingConfiguration(hw: "b200", model: "llama-3.3-70b", framework: "sglang", precision: "fp8", isl: 8192,
                                          osl: 256, conc: 8, tp: 8, prefill_instances: 1, prefill_tp: 8)
        let recipe = try XCTUnwrap(try Deployment(config).prefillStage)
        XCTAssertEqual(recipe.budget, 8192)
        config.max_num_tokens = 2048
        let deployment = try Deployment(config)
        let chunked = try XCTUnwrap(deployment.prefillStage)
        XCTAssertEqual([deployment.profile.maxNumTokens, chunked.budget], [2048, 2048])
        XCTAssertEqual(chunked.prefillTime(tokens: 8192) / recipe.prefillTime(tokens: 8192), 1.04, accuracy: 0.02)
    }

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
