@testable import Emulator
import Foundation
import XCTest

/// The formats against ml_dtypes, bit for bit (vectors from scripts/numerics_vectors.py).
final class NumericsTests: XCTestCase {
    struct Vectors: Decodable {
        struct Cast: Decodable { var input: [UInt32]; var output: [UInt32] }
        struct Block: Decodable { var input: [UInt32]; var mxfp4: [UInt32]; var mxfp8: [UInt32]; var nvfp4: [UInt32] }
        var casts: [String: Cast]
        var blocks: [String: Block]
    }

    static let vectors: Vectors = {
        let url = Bundle.module.url(forResource: "Fixtures/numerics-vectors", withExtension: "json")!
        return try! JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }()

    /// Equal bits, or both NaN (NaN payloads are not specified).
    func assertSame(_ got: [Float], _ expected: [UInt32], _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, expected.count, label, file: file, line: line)
        var mismatches = 0
        for (g, e) in zip(got, expected) {
            let want = Float(bitPattern: e)
            if g.bitPattern != e && !(g.isNaN && want.isNaN) {
                if mismatches < 5 { XCTFail("\(label): got \(g), ml_dtypes \(want)", file: file, line: line) }
                mismatches += 1
            }
        }
        XCTAssertEqual(mismatches, 0, "\(label): \(mismatches) values differ", file: file, line: line)
    }

    func testPlainCastsMatchMLDtypesBitForBit() {
        for format in MiniFloat.all {
            let cast = Self.vectors.casts[format.name]!
            assertSame(cast.input.map { format.cast(Float(bitPattern: $0)) }, cast.output, format.name)
        }
    }

    func testOverflowRules() {
        XCTAssertTrue(MiniFloat.e4m3.cast(465).isNaN, "E4M3 overflows to NaN")
        XCTAssertEqual(MiniFloat.e4m3.cast(464), 448, "and rounds ties below the limit down")
        XCTAssertEqual(MiniFloat.e5m2.cast(61440), .infinity)
        XCTAssertEqual(MiniFloat.e2m1.cast(100), 6, "E2M1 saturates")
        // E2M1 has no NaN: ml_dtypes 0.7.0 gives float4_e2m1fn(nan) = -0.0 and of -nan +0.0.
        XCTAssertEqual(MiniFloat.e2m1.cast(.nan), 0)
        XCTAssertEqual(MiniFloat.e2m1.cast(.nan).sign, .minus)
        XCTAssertEqual(MiniFloat.e2m1.cast(-Float.nan).sign, .plus)
        XCTAssertTrue(MiniFloat.e4m3.cast(.nan).isNaN)
        XCTAssertEqual(MiniFloat.e4m3.castSaturating(1e6), 448)
        XCTAssertEqual(MiniFloat.e2m1.cast(0.25), 0, "ties to even")
        XCTAssertEqual(MiniFloat.e2m1.cast(0.75), 1)
        XCTAssertEqual(
            MiniFloat.e4m3.cast(Float(sign: .plus, exponent: -10, significand: 1)), 0, "half the smallest subnormal rounds to even zero")
    }

    func testBlockFormatsMatchTheReferenceQuantizers() {
        for (name, block) in Self.vectors.blocks.sorted(by: { $0.key < $1.key }) {
            let input = block.input.map { Float(bitPattern: $0) }
            assertSame(BlockQuantizer.mxfp4.roundTrip(input), block.mxfp4, "mxfp4 \(name)")
            assertSame(BlockQuantizer.mxfp8.roundTrip(input), block.mxfp8, "mxfp8 \(name)")
            assertSame(BlockQuantizer.nvfp4.roundTrip(input), block.nvfp4, "nvfp4 \(name)")
        }
    }

    /// Finer scales hold outliers better: NVFP4 (16-element blocks, E4M3 scales) beats MXFP4
    /// (32, power-of-two scales) and FP8 beats both.
    func testErrorOrdering() {
        let rows = QuantizationError.table()
        func rms(_ format: String, _ tensor: String) -> Double {
            rows.first { $0.format.hasPrefix(format) && $0.tensor == tensor }!.relative_rms
        }
        XCTAssertLessThan(rms("nvfp4", "typical"), rms("mxfp4", "typical"))
        XCTAssertLessThan(rms("mxfp8", "typical"), rms("nvfp4", "typical"))
        XCTAssertEqual(rms("mxfp4", "typical"), 0.13, accuracy: 0.05, "about 4-bit precision")
        XCTAssertEqual(QuantizationError.table(), rows, "deterministic")
    }
}
