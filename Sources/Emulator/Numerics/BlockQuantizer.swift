import Foundation

/// Block-scaled formats (DESIGN.md, "Block quantization, step by step"), all arithmetic in Float:
///
/// - MXFP4 / MXFP8 (OCP Microscaling v1.0): blocks of 32 share an E8M0 scale 2^e with
///   e = ⌊log2(amax)⌋ − emax (emax: 2 for E2M1, 8 for E4M3), clamped to [−127, 127]; elements are
///   cast with saturation. A block of zeros dequantizes to zeros.
/// - NVFP4: a per-tensor scale S = 2688 / amax (2688 = 448 · 6); per block of 16
///   s = cast_e4m3((amax_block / 6) · S), enc = 1 / (s · (1 / S)), q = cast_e2m1(x · enc), and
///   the dequantized value is (q · s) / S; a block whose s is 0 gives zeros.
public enum BlockQuantizer: String, Sendable, CaseIterable {
    case mxfp4, mxfp8, nvfp4

    /// Dequantized values after quantizing `tensor` in this format.
    public func roundTrip(_ tensor: [Float]) -> [Float] {
        switch self {
        case .mxfp4: Self.microscaled(tensor, element: .e2m1, emax: 2)
        case .mxfp8: Self.microscaled(tensor, element: .e4m3, emax: 8)
        case .nvfp4: Self.nvfp4(tensor)
        }
    }

    static func amax(_ values: ArraySlice<Float>) -> Float {
        var m: Float = 0
        for v in values { m = max(m, abs(v)) }
        return m
    }

    static func microscaled(_ x: [Float], element: MiniFloat, emax: Int) -> [Float] {
        var out = [Float](repeating: 0, count: x.count)
        for start in stride(from: 0, to: x.count, by: 32) {
            let end = min(start + 32, x.count)
            let m = amax(x[start..<end])
            guard m > 0 else { continue }
            let e = min(127, max(-127, Int(m.exponent) - emax))
            let scale = Float(sign: .plus, exponent: e, significand: 1)
            for i in start..<end { out[i] = element.castSaturating(x[i] / scale) * scale }
        }
        return out
    }

    static func nvfp4(_ x: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: x.count)
        let tensorMax = amax(x[...])
        guard tensorMax > 0 else { return out }
        let S: Float = 2688 / tensorMax
        for start in stride(from: 0, to: x.count, by: 16) {
            let end = min(start + 16, x.count)
            let s = MiniFloat.e4m3.cast((amax(x[start..<end]) / 6) * S)
            guard s > 0 else { continue }
            let encode: Float = 1 / (s * (1 / S))
            for i in start..<end { out[i] = (MiniFloat.e2m1.castSaturating(x[i] * encode) * s) / S }
        }
        return out
    }
}
