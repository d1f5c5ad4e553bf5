import Catalog
@testable import Emulator
import XCTest

final class SchedulerPolicyTests: XCTestCase {
    func policy(_ framework: String, conc: Int) throws -> SchedulerPolicy {
        SchedulerPolicy(try Catalog.standard.frameworks.profile(framework, on: try Catalog.standard.gpu("b200")), conc: conc)
    }

    /// frameworks.toml: SGLang looks at new requests every 10 steps, every 30 from concurrency
    /// 16, and runs prefills alone; TensorRT-LLM looks every step and mixes, budget 16,384 tokens.
    func testPoliciesFollowTheFrameworkProfiles() throws {
        let sglang = try policy("sglang", conc: 8), busy = try policy("sglang", conc: 16), trtllm = try policy("trtllm", conc: 64)
        XCTAssertEqual([sglang.receiveInterval, busy.receiveInterval, sglang.tokenBudget], [10, 30, 8192])
        XCTAssertFalse(sglang.mixedBatches)
        XCTAssertEqual([trtllm.receiveInterval, trtllm.tokenBudget], [1, 16_384])
        XCTAssertTrue(trtllm.mixedBatches)
    }

    func testReceivingOnItsIntervalOrWhenIdle() throws {
        let sglang = try policy("sglang", conc: 8)
        XCTAssertEqual((0..<25).filter { sglang.receives(beforeStep: $0, engineIdle: false) }, [0, 10, 20])
        XCTAssertTrue(sglang.receives(beforeStep: 7, engineIdle: true))
        let trtllm = try policy("trtllm", conc: 8)
        XCTAssertTrue((0..<25).allSatisfy { trtllm.receives(beforeStep: $0, engineIdle: false) })
    }

    /// A waiting prompt stops SGLang's decodes for a step; mixing engines keep decoding.
    func testPrefillAloneOrMixed() throws {
        XCTAssertEqual(try policy("sglang", conc: 8).decodes(decoding: 12, prefillWaiting: true), 0)
        XCTAssertEqual(try policy("sglang", conc: 8).decodes(decoding: 12, prefillWaiting: false), 12)
        XCTAssertEqual(try policy("trtllm", conc: 8).decodes(decoding: 12, prefillWaiting: true), 12)
    }

    /// Chunked prefill: 100 decodes leave 8,092 of SGLang's 8,192 tokens; a 5,000-token prompt
    /// fits whole, the next takes the remaining 3,092, the third waits.
    func testPrefillChunksFillTheBudgetInOrder() throws {
        let sglang = try policy("sglang", conc: 8)
        XCTAssertEqual(sglang.prefillChunks(remaining: [5000, 4000, 10], decodes: 100), [5000, 3092])
        XCTAssertEqual(sglang.prefillChunks(remaining: [20_000], decodes: 0), [8192], "a long prompt in budget-sized chunks")
        XCTAssertEqual(sglang.prefillChunks(remaining: [10], decodes: 9000), [], "decodes alone exceed the budget")
    }
}
