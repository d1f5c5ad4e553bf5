@testable import Emulator
import XCTest

final class SimulationMetricsTests: XCTestCase {
    /// A 10 ms decode step of 4 sequences, then a 50 ms prefill-only step they wait through, then
    /// a 10 ms step where 2 sequences emit 2 tokens each: ITL samples 60 ms (4 tokens) and 5 ms
    /// (4 tokens); linear 20 of 70 ms, attention 50 (1e-12: float rounding).
    func testInterTokenLatenciesAndTimeShares() {
        var metrics = SimulationMetrics()
        var decode = StepTime(), prefill = StepTime()
        decode.linear = 0.010
        prefill.attention = 0.050
        metrics.recordStep(decode, decodes: 4, emitted: 1, decodesWaiting: true)
        metrics.recordStep(prefill, decodes: 0, emitted: 0, decodesWaiting: true)
        metrics.recordStep(decode, decodes: 2, emitted: 2, decodesWaiting: true)
        XCTAssertEqual(metrics.steps, 3)
        XCTAssertEqual(metrics.interTokenLatencies.count, 2)
        XCTAssertEqual(metrics.interTokenLatencies[0], 0.060, accuracy: 1e-12)
        XCTAssertEqual(metrics.interTokenLatencies[1], 0.005, accuracy: 1e-12)
        XCTAssertEqual(metrics.interTokenWeights, [4, 4])
        XCTAssertEqual(metrics.timeByKind.shares["linear"] ?? 0, 2.0 / 7, accuracy: 1e-12)
        XCTAssertEqual(metrics.timeByKind.shares["attention"] ?? 0, 5.0 / 7, accuracy: 1e-12)
        XCTAssertEqual(metrics.timeByKind.shares.values.reduce(0, +), 1, accuracy: 1e-12)
    }

    /// A prefill step with nobody decoding delays no token: no sample changes.
    func testPrefillWithoutWaitingDecodesAddsNoLatency() {
        var metrics = SimulationMetrics()
        var prefill = StepTime()
        prefill.attention = 0.050
        metrics.recordStep(prefill, decodes: 0, emitted: 0, decodesWaiting: false)
        XCTAssertEqual(metrics.interTokenLatencies, [])
        metrics.observeBatch(size: 3)
        metrics.observeBatch(size: 2)
        metrics.observeKVCache(bytesInUse: 5e9)
        metrics.observeKVCache(bytesInUse: 1e9)
        XCTAssertEqual(metrics.maxBatch, 3)
        XCTAssertEqual(metrics.kvPeakBytes, 5e9)
    }
}
