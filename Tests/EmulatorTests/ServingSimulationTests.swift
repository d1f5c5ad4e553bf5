import Catalog
@testable import Emulator
import XCTest

final class ServingSimulationTests: XCTestCase {
    func run(_ config: ServingConfiguration, kernel: ServingSimulation.Kernel = .simd) throws -> BenchmarkResult {
        ServingSimulation(try Deployment(config)).run(kernel: kernel)
    }

    let config = ServingConfiguration(hw: "b200", model: "gpt-oss-120b", framework: "trtllm", precision: "mxfp4", isl: 1024, osl: 256,
                                      conc: 24, tp: 2, ep: 2)

    func testSIMDAndScalarKernelsGiveIdenticalResults() throws {
        XCTAssertEqual(try run(config, kernel: .simd), try run(config, kernel: .scalar))
    }

    func testSameSeedSameResultOtherSeedOtherResult() throws {
        XCTAssertEqual(try run(config), try run(config))
        var other = config
        other.seed = 2
        XCTAssertNotEqual(try run(config).tput_per_gpu, try run(other).tput_per_gpu)
    }

    func testThroughputAndLatencyFieldsAreConsistent() throws {
        let r = try run(config)
        let extras = try XCTUnwrap(r.emulator)
        XCTAssertEqual(extras.num_requests, 240)
        XCTAssertEqual(r.tput_per_gpu, r.input_tput_per_gpu + r.output_tput_per_gpu, accuracy: 1e-9 * r.tput_per_gpu)
        // Mean lengths ≈ 0.9 of nominal: output/input ≈ 230.5 / 922.
        XCTAssertEqual(r.output_tput_per_gpu / r.input_tput_per_gpu, 230.5 / 922, accuracy: 0.01)
        XCTAssertEqual(r.median_intvty, 1 / r.median_tpot, accuracy: 1e-9)
        XCTAssertLessThan(r.median_ttft, r.median_e2el)
        XCTAssertLessThanOrEqual(r.median_tpot, r.p99_tpot)
        XCTAssertLessThanOrEqual(extras.max_batch, 24)
        XCTAssertEqual(extras.step_time_share.values.reduce(0, +), 1, accuracy: 1e-9)
        // Every request's output tokens came out over the run: output tokens = duration × rate × GPUs.
        XCTAssertEqual(r.output_tput_per_gpu * extras.duration_s * 2, Double(240) * 230.5, accuracy: 240 * 230.5 * 0.02)
    }

    /// Higher concurrency trades interactivity for throughput (the shape of every InferenceMAX curve).
    func testConcurrencyTradesInteractivityForThroughput() throws {
        var low = config, high = config
        low.conc = 4
        high.conc = 128
        let a = try run(low), b = try run(high)
        XCTAssertGreaterThan(b.tput_per_gpu, a.tput_per_gpu * 3)
        XCTAssertGreaterThan(a.median_intvty, b.median_intvty)
    }

    /// The front-end latency delays each request before the engine sees it: at concurrency 1 the
    /// engine idles meanwhile, so TTFT and E2E grow by exactly that much and TPOT not at all.
    func testFrontEndLatencyIsPartOfTTFTAndE2E() throws {
        var single = config
        single.conc = 1
        let deployment = try Deployment(single)
        XCTAssertEqual(deployment.profile.requestLatency, 0.030, "trtllm: 30 ms")
        var instant = deployment
        instant.profile.requestLatency = 0
        let a = ServingSimulation(deployment).run(), b = ServingSimulation(instant).run()
        XCTAssertEqual(a.median_ttft - b.median_ttft, 0.030, accuracy: 1e-9)
        XCTAssertEqual(a.median_e2el - b.median_e2el, 0.030, accuracy: 1e-9)
        XCTAssertEqual(a.median_tpot, b.median_tpot, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(a.emulator).duration_s - (try XCTUnwrap(b.emulator).duration_s), 10 * 0.030, accuracy: 1e-9)
    }

    /// SGLang's scheduler takes new requests in every 10 steps (30 from concurrency 16): a
    /// request waits for the next look, so TTFT grows with the step time; prefills taken in
    /// together interrupt decoding less often, so TPOT does not grow.
    func testReceiveIntervalDelaysNewRequests() throws {
        var sglang = ServingConfiguration(hw: "b200", model: "deepseek-r1", framework: "sglang", precision: "fp4", isl: 1024, osl: 256,
                                          conc: 32, tp: 4, ep: 4)
        let deployment = try Deployment(sglang)
        XCTAssertEqual(deployment.profile.receiveInterval(conc: 8), 10)
        XCTAssertEqual(deployment.profile.receiveInterval(conc: 32), 30)
        var everyStep = deployment
        everyStep.profile.receiveIntervalFrom16 = 1
        let polled = ServingSimulation(deployment).run(), eager = ServingSimulation(everyStep).run()
        // Up to 30 decode steps of wait, about 15 on average.
        XCTAssertGreaterThan(polled.median_ttft - eager.median_ttft, 5 * eager.median_tpot)
        XCTAssertLessThan(polled.median_ttft - eager.median_ttft, 30 * polled.median_tpot)
        XCTAssertLessThanOrEqual(polled.median_tpot, eager.median_tpot * 1.01)
        sglang.framework = "trtllm"
        sglang.model = "gpt-oss-120b"
        sglang.precision = "mxfp4"
        XCTAssertEqual(try Deployment(sglang).profile.receiveInterval(conc: 32), 1)
    }

    /// When the KV cache cannot hold every request, requests wait and TTFT grows.
    func testRequestsWaitWhenTheKVCacheIsFull() throws {
        let tight = ServingConfiguration(hw: "h100", model: "llama-3.3-70b", framework: "trtllm", precision: "fp8", isl: 8192, osl: 256,
                                         conc: 256, tp: 2)
        let r = try run(tight)
        let extras = try XCTUnwrap(r.emulator)
        XCTAssertLessThan(extras.max_batch, 256)
        XCTAssertGreaterThan(extras.kv_cache_peak_fraction, 0.9)
        XCTAssertGreaterThan(r.p99_ttft, 10 * r.median_tpot)
    }

    /// vLLM grows the cache on demand: where TensorRT-LLM's whole-length rule holds 28 of 64
    /// clients' 1k/8k requests on two H100s, vLLM takes all 64 in, preempts the youngest when
    /// decoding outgrows the cache, and recomputes them; every request still gets its tokens, the
    /// first token comes far sooner, and the SIMD and scalar kernels agree.
    func testAnOnDemandEnginePreemptsWhenDecodingOutgrowsTheCache() throws {
        let vllm = ServingConfiguration(hw: "h100", model: "llama-3.3-70b", framework: "vllm", precision: "fp8", isl: 1024, osl: 8192,
                                        conc: 64, tp: 2)
        var whole = try Deployment(vllm)
        whole.profile.kvReservedOutputShare = 1
        whole.profile.kvAdmittedOutputShare = 1
        let onDemand = try run(vllm), reserved = ServingSimulation(whole).run()
        let grown = try XCTUnwrap(onDemand.emulator), kept = try XCTUnwrap(reserved.emulator)
        XCTAssertEqual(kept.preemptions, 0)
        XCTAssertLessThan(kept.max_batch, 40)
        XCTAssertEqual(grown.max_batch, 64)
        XCTAssertGreaterThan(grown.preemptions, 100)
        XCTAssertLessThanOrEqual(grown.kv_cache_peak_fraction, 1)
        XCTAssertEqual(grown.num_requests, kept.num_requests)
        XCTAssertEqual(onDemand.output_tput_per_gpu * grown.duration_s, reserved.output_tput_per_gpu * kept.duration_s,
                       accuracy: 1e-6 * reserved.output_tput_per_gpu * kept.duration_s, "the same tokens, produced in another time")
        XCTAssertLessThan(onDemand.median_ttft, reserved.median_ttft / 10)
        XCTAssertGreaterThan(onDemand.tput_per_gpu, reserved.tput_per_gpu)
        XCTAssertEqual(onDemand, try run(vllm, kernel: .scalar))
    }

    /// A disaggregated decode engine takes prefilled caches in whole, whatever its engine's rule.
    func testOnlyAnAggregatedEngineGrowsItsCacheOnDemand() throws {
        XCTAssertNotNil(SimulationRun.onDemand(try deployment("h100", "llama-3.3-70b", "fp8", tp: 2, framework: "vllm")))
        XCTAssertNil(SimulationRun.onDemand(try deployment("h100", "llama-3.3-70b", "fp8", tp: 2, framework: "trtllm")))
        let disaggregated = ServingConfiguration(hw: "b200", model: "deepseek-r1", framework: "sglang", precision: "fp8", isl: 1024,
                                                 osl: 1024, conc: 64, tp: 8, prefill_instances: 1, prefill_tp: 8)
        XCTAssertNotNil(SimulationRun.onDemand(try deployment("b200", "deepseek-r1", "fp8", tp: 8, framework: "sglang")))
        XCTAssertNil(SimulationRun.onDemand(try Deployment(disaggregated)))
    }

    /// Multi-token prediction: SGLang's DeepSeek-R1 drafts 3 tokens and yields 2.50 a step on
    /// InferenceMAX's prompts, 1.76 drafting one (workload.toml).
    func testMultiTokenPredictionRaisesInteractivity() throws {
        var plain = ServingConfiguration(hw: "b200", model: "deepseek-r1", framework: "sglang", precision: "fp4", isl: 1024, osl: 512,
                                         conc: 8, tp: 8, ep: 8, dp_attention: true)
        var mtp = plain
        mtp.spec_decoding = "mtp"
        let deployment = try Deployment(mtp)
        XCTAssertEqual(deployment.tokensPerStep, 2.50)
        XCTAssertEqual(deployment.draftTokens, 3)
        var one = mtp
        one.mtp_draft_tokens = 1
        XCTAssertEqual(try Deployment(one).tokensPerStep, 1.76)
        XCTAssertEqual(try Deployment(one).draftTokens, 1)
        XCTAssertLessThan(try run(one).median_intvty, try run(mtp).median_intvty, "one draft yields fewer tokens a step")
        one.framework = "vllm"
        one.mtp_draft_tokens = 3
        XCTAssertThrowsError(try Deployment(one)) {
            XCTAssertEqual("\($0)", "key 'mtp_draft_tokens': no measured MTP yield of vllm on deepseek-r1 drafting that many tokens: '3'; "
                               + "allowed: 1 (workload.toml)")
        }
        // A prefill that does not draft leaves the drafts 0.864 of their gain (SGLang PR #32207).
        var decodeOnly = mtp
        (decodeOnly.prefill_instances, decodeOnly.prefill_tp, decodeOnly.disagg, decodeOnly.prefill_drafts) = (1, 8, true, false)
        XCTAssertEqual(try Deployment(decodeOnly).tokensPerStep, 1 + 1.50 * Catalog.standard.speculative.gainWithoutPrefillDrafts,
                       accuracy: 1e-12)
        decodeOnly.prefill_drafts = nil
        XCTAssertEqual(try Deployment(decodeOnly).tokensPerStep, 2.50, "a drafting prefill: the engine's yield")
        let a = try run(plain), b = try run(mtp)
        XCTAssertEqual(b.configuration.spec_decoding, "mtp")
        XCTAssertGreaterThan(b.median_intvty, a.median_intvty * 1.4)
        XCTAssertLessThan(b.median_intvty, a.median_intvty * 2.50, "verification and drafting cost more than a plain step")
        XCTAssertEqual(try run(mtp, kernel: .scalar), b)
        plain.model = "llama-3.3-70b"
        plain.spec_decoding = "mtp"
        plain.ep = 1
        XCTAssertThrowsError(try Deployment(plain)) { XCTAssertTrue("\($0)".contains("ships no multi-token-prediction layers")) }
    }

    /// A prefill instance batches the short prompts waiting for it: eight 1k prompts in one step
    /// cost far less than eight steps (weights stream once), and batching lifts throughput when
    /// one instance feeds many decoders.
    func testPrefillInstancesBatchShortPrompts() throws {
        let config = ServingConfiguration(hw: "gb200", model: "gpt-oss-120b", framework: "trtllm", precision: "mxfp4", isl: 1024,
                                          osl: 256, conc: 512, tp: 8, ep: 8, dp_attention: true, prefill_instances: 1, prefill_tp: 4)
        let stage = try XCTUnwrap(try Deployment(config).prefillStage)
        let one = stage.prefillTime(tokens: 1000)
        let eight = stage.prefillTime(lengths: Array(repeating: 1000, count: 8))
        XCTAssertLessThan(eight, 4 * one)
        XCTAssertGreaterThan(eight, one)
        XCTAssertEqual(stage.prefillTime(lengths: [1000]), one)
        let r = try run(config)
        // One 4-GPU instance prefilling a prompt at a time could not feed 512 users: each waits
        // its turn. Batched, the median TTFT stays within a few prefill steps.
        XCTAssertLessThan(r.median_ttft, 20 * eight)
        // One prompt at a time, the instance could start at most 1/one requests a second, each of
        // ~922 + 230 tokens, over 12 GPUs; batched it serves well beyond that ceiling.
        let unbatchedCeiling = 1 / one * (922 + 230.5) / 12
        XCTAssertGreaterThan(r.tput_per_gpu, 1.5 * unbatchedCeiling)
        XCTAssertEqual(try run(config, kernel: .scalar), r)
    }

    /// Disaggregated: prefill instances feed a decode-only engine; every GPU counts per GPU.
    func testDisaggregatedServing() throws {
        let config = ServingConfiguration(hw: "gb200", model: "deepseek-r1", framework: "sglang", precision: "fp4", isl: 8192, osl: 256,
                                          conc: 64, tp: 16, ep: 16, dp_attention: true, prefill_instances: 4, prefill_tp: 4)
        let deployment = try Deployment(config)
        XCTAssertEqual(config.gpus, 32)
        let r = try run(config)
        XCTAssertTrue(r.configuration.disagg)
        XCTAssertEqual(r.num_prefill_gpu, 16)
        XCTAssertEqual(r.num_decode_gpu, 16)
        XCTAssertEqual(r.gpus, 32)
        // InferenceMAX's convention: output per decode GPU, input per prefill GPU, total per GPU.
        let duration = try XCTUnwrap(r.emulator).duration_s
        XCTAssertEqual(r.tput_per_gpu * 32, r.output_tput_per_gpu * 16 + r.input_tput_per_gpu * 16, accuracy: 1e-6 * r.tput_per_gpu * 32)
        XCTAssertEqual(r.outputPerDeploymentGPU, r.output_tput_per_gpu / 2, accuracy: 1e-9)
        XCTAssertEqual(r.outputPerDeploymentGPU + r.inputPerDeploymentGPU, r.tput_per_gpu, accuracy: 1e-9 * r.tput_per_gpu)
        XCTAssertGreaterThan(duration, 0)
        let prefill = try XCTUnwrap(deployment.prefillStage).prefillTime(tokens: 8192)
        XCTAssertGreaterThanOrEqual(r.median_ttft, prefill * 0.8, "the first token waits for a prefill instance")
        XCTAssertEqual(try run(config, kernel: .scalar), r)
        var aggregated = config
        (aggregated.disagg, aggregated.prefill_instances) = (false, 0)
        aggregated.tp = 8
        aggregated.ep = 8
        XCTAssertGreaterThan(r.median_intvty, try run(aggregated).median_intvty, "decode never waits behind prefill chunks")
        var tooWide = config
        (tooWide.hw, tooWide.tp, tooWide.ep) = ("b200", 12, 12)
        XCTAssertThrowsError(try Deployment(tooWide)) { XCTAssertTrue("\($0)".contains("exceeds the b200 scale-up domain of 8"), "\($0)") }
    }

    /// xPyD: decode engines behind one prefill pool, the router spreading clients evenly. Two
    /// engines with twice the clients and instances serve exactly as one; two engines behind one
    /// instance see half an instance each (one at half speed), so their prompts wait longer.
    func testSeveralDecodeEnginesShareThePrefillPool() throws {
        var one = ServingConfiguration(hw: "gb200", model: "llama-3.3-70b", framework: "trtllm", precision: "fp8", isl: 2048, osl: 64,
                                       conc: 16, tp: 2, prefill_instances: 1, prefill_tp: 2)
        var two = one
        (two.conc, two.prefill_instances, two.decode_engines) = (32, 2, 2)
        let a = try run(one), b = try run(two)
        XCTAssertEqual(b.tput_per_gpu, a.tput_per_gpu, accuracy: 1e-9 * a.tput_per_gpu, "symmetric engines: per GPU as one")
        XCTAssertEqual(b.median_tpot, a.median_tpot)
        XCTAssertEqual(b.median_ttft, a.median_ttft)
        XCTAssertEqual(b.num_decode_gpu, 4)
        XCTAssertEqual(b.num_prefill_gpu, 4)
        XCTAssertEqual(b.gpus, 8)
        XCTAssertEqual(b.tput_per_gpu * 8, b.output_tput_per_gpu * 4 + b.input_tput_per_gpu * 4, accuracy: 1e-6 * b.tput_per_gpu * 8)
        var shared = two
        shared.prefill_instances = 1
        let deployment = try Deployment(shared)
        XCTAssertEqual(deployment.engineLoads, [EngineLoad(clients: 16, engines: 2)])
        XCTAssertEqual(shared.gpus, 6, "2 engines of 2 decode GPUs and one instance of 2 prefill GPUs")
        XCTAssertEqual(try XCTUnwrap(deployment.prefillStage).engineInstances, 1)
        let c = try run(shared)
        XCTAssertGreaterThan(c.median_ttft, a.median_ttft, "half an instance per engine: prompts wait longer")
        XCTAssertEqual(c.num_prefill_gpu, 2)
        (one.conc, one.decode_engines) = (16, 2)
        var aggregated = one
        (aggregated.disagg, aggregated.prefill_instances, aggregated.conc) = (false, 0, 16)
        XCTAssertThrowsError(try Deployment(aggregated)) {
            XCTAssertTrue("\($0)".contains("several decode engines share a prefill pool"), "\($0)")
        }
    }

    /// Concurrency 6 over five decode engines (a measured B200 layout): one engine serves two
    /// clients and four serve one, so the deployment's tokens per second are one engine's of
    /// concurrency 10 over the five plus four of concurrency 5's; fewer clients than engines leave
    /// engines idle, whose GPUs still count.
    func testTheRouterLoadsEnginesWithinOneClient() throws {
        var config = ServingConfiguration(hw: "gb200", model: "llama-3.3-70b", framework: "trtllm", precision: "fp8", isl: 1024,
                                          osl: 64, conc: 6, tp: 2, prefill_instances: 1, prefill_tp: 2, decode_engines: 5)
        XCTAssertEqual(try Deployment(config).engineLoads, [EngineLoad(clients: 2, engines: 1), EngineLoad(clients: 1, engines: 4)])
        let six = try run(config)
        config.conc = 5
        let five = try run(config)
        config.conc = 10
        let ten = try run(config)
        let gpus = 12.0
        XCTAssertEqual(six.tput_per_gpu * gpus, ten.tput_per_gpu * gpus / 5 + five.tput_per_gpu * gpus * 4 / 5,
                       accuracy: 1e-9 * six.tput_per_gpu * gpus)
        XCTAssertEqual(six.output_tput_per_gpu * 10, ten.output_tput_per_gpu * 2 + five.output_tput_per_gpu * 8,
                       accuracy: 1e-9 * six.output_tput_per_gpu * 10)
        XCTAssertGreaterThan(six.median_tpot, five.median_tpot)
        XCTAssertLessThan(six.median_tpot, ten.median_tpot)
        XCTAssertEqual(try XCTUnwrap(six.emulator).num_requests, 60)
        XCTAssertEqual(try run(config, kernel: .scalar), ten)
        config.conc = 3
        XCTAssertEqual(try Deployment(config).engineLoads, [EngineLoad(clients: 1, engines: 3), EngineLoad(clients: 0, engines: 2)])
        let three = try run(config)
        XCTAssertEqual(three.tput_per_gpu, five.tput_per_gpu * 3 / 5, accuracy: 1e-9 * five.tput_per_gpu, "two engines idle")
        XCTAssertEqual(three.median_tpot, five.median_tpot, "the busy engines run as at concurrency 5")
    }

    /// Prefill nodes beside an 8-GPU decode node ship KV caches over the scale-out network
    /// (400 Gb/s a GPU on B200), 18× slower than NVLink 5 inside one NVL72 domain.
    func testDisaggregationAcrossNodesUsesTheScaleOutNetwork() throws {
        var nodes = ServingConfiguration(hw: "b200", model: "deepseek-r1", framework: "sglang", precision: "fp4", isl: 8192, osl: 256,
                                         conc: 32, tp: 8, ep: 8, dp_attention: true, prefill_instances: 2, prefill_tp: 4)
        var rack = nodes
        rack.hw = "gb200"
        let across = try XCTUnwrap(try Deployment(nodes).prefillStage), within = try XCTUnwrap(try Deployment(rack).prefillStage)
        XCTAssertTrue(across.crossesDomains)
        XCTAssertFalse(within.crossesDomains)
        let bytes = 1e9
        let acrossLink = across.transferTime(bytes: bytes) - across.transferLatency
        let withinLink = within.transferTime(bytes: bytes) - within.transferLatency
        XCTAssertEqual(acrossLink, bytes / (50e9 * across.deployment.profile.fabricEfficiency), accuracy: 1e-9)
        XCTAssertEqual(acrossLink / withinLink, 18, accuracy: 1e-9)
        let r = try run(nodes)
        XCTAssertEqual(r.gpus, 16)
        XCTAssertGreaterThan(r.median_ttft, try run(rack).median_ttft, "the KV cache of an 8k prompt takes longer to arrive")
        // A prefill instance over two nodes runs TP 16 (EP 16 over the experts), attention sharded.
        (nodes.prefill_instances, nodes.prefill_tp) = (1, 16)
        let wide = try XCTUnwrap(try Deployment(nodes).prefillStage).deployment
        XCTAssertEqual([wide.tp, wide.ep, wide.attentionRanks], [16, 16, 1])
        XCTAssertEqual(try run(nodes).gpus, 24)
        nodes.prefill_tp = 12
        XCTAssertThrowsError(try Deployment(nodes)) {
            XCTAssertTrue("\($0)".contains("prefill instance (TP 12): exceeds the b200 scale-up domain"), "\($0)")
        }
    }

    func testSummaryMatchesNumpy() {
        let s = Summary([4, 1, 3, 2])
        XCTAssertEqual(s.mean, 2.5)
        XCTAssertEqual(s.median, 2.5)
        XCTAssertEqual(s.p99, 3.97, accuracy: 1e-12)
        let w = Summary(values: [2, 1], weights: [1, 3])
        XCTAssertEqual(w.median, Summary([1, 1, 1, 2]).median)
        XCTAssertEqual(w.p99, Summary([1, 1, 1, 2]).p99, accuracy: 1e-12)
        XCTAssertEqual(w.mean, 1.25)
    }
}
