@testable import Emulator
import XCTest

final class LengthsTests: XCTestCase {
    func testSIMDAndScalarDrawIdenticalLengths() {
        for seed: UInt64 in [0, 1, 42, .max] {
            for length in [1, 7, 1024, 8192] {
                for count in [0, 1, 9, 640] {
                    XCTAssertEqual(Lengths.simd(count: count, length: length, seed: seed, stream: 1),
                                   Lengths.scalar(count: count, length: length, seed: seed, stream: 1))
                }
            }
        }
    }

    func testLengthsAreUniformInTheInferenceMAXRange() {
        let draws = Lengths.scalar(count: 100_000, length: 1024, seed: 3, stream: 0)
        XCTAssertEqual(draws.min(), 820)
        XCTAssertEqual(draws.max(), 1024)
        let mean = Double(draws.reduce(0) { $0 + Int($1) }) / Double(draws.count)
        XCTAssertEqual(mean, 922, accuracy: 1.0, "uniform on [820, 1024] has mean 922")
    }

    func testSeedsAndStreamsAreIndependent() {
        let a = Lengths.scalar(count: 64, length: 1024, seed: 1, stream: 0)
        XCTAssertEqual(a, Lengths.scalar(count: 64, length: 1024, seed: 1, stream: 0))
        XCTAssertNotEqual(a, Lengths.scalar(count: 64, length: 1024, seed: 2, stream: 0))
        XCTAssertNotEqual(a, Lengths.scalar(count: 64, length: 1024, seed: 1, stream: 1))
    }
}

final class DecodeLanesTests: XCTestCase {
    /// The SIMD hot loop against its scalar reference on random workloads: identical state, sums
    /// and finished slots after every step.
    func testSIMDAdvanceMatchesTheScalarReference() {
        for seed: UInt64 in 1...6 {
            let slots = Int(Lengths.scalar(count: 1, length: 700, seed: seed, stream: 9)[0])
            let contexts = Lengths.scalar(count: slots, length: 9000, seed: seed, stream: 2)
            let remaining = Lengths.scalar(count: slots, length: 300, seed: seed, stream: 3)
            var simd = DecodeLanes(slots: slots, window: seed.isMultiple(of: 2) ? 128 : nil)
            for slot in 0..<slots where slot % 3 != 0 {
                simd.activate(slot, context: Int(contexts[slot]), remaining: Int(remaining[slot]) - 230)
            }
            var scalar = simd
            for step in 0..<320 {
                var finishedSIMD: [Int] = [], finishedScalar: [Int] = []
                let tokens = Int32(1 + (step * Int(seed)) % 3)  // 1–3 tokens a step, as under speculative decoding
                let sums = simd.advance(by: tokens, finished: &finishedSIMD)
                XCTAssertEqual(sums, scalar.advanceScalar(by: tokens, finished: &finishedScalar))
                XCTAssertEqual(finishedSIMD, finishedScalar)
                XCTAssertEqual(simd, scalar)
            }
        }
    }

    func testLanesFinishWhenTheirOutputIsDone() {
        var lanes = DecodeLanes(slots: 20, window: 4)
        lanes.activate(3, context: 10, remaining: 2)
        lanes.activate(17, context: 2, remaining: 1)
        var finished: [Int] = []
        let first = lanes.advance(finished: &finished)
        XCTAssertEqual(finished, [17])
        XCTAssertEqual(first, DecodeLanes.Sums(context: 11, windowed: 4, remaining: 1))
        finished = []
        XCTAssertEqual(lanes.advance(finished: &finished), DecodeLanes.Sums())
        XCTAssertEqual(finished, [3])
    }
}
