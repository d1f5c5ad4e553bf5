/// Seeded, counter-based random request lengths.
///
/// Draw `i` of stream `stream` is SplitMix64's finalizer applied to
/// `seed + (i · 2 + stream + 1) · 0x9E3779B97F4A7C15`, so any element can be computed alone, the
/// SIMD path and the scalar path give identical numbers, and the same seed gives the same lengths
/// on every machine. A length is uniform in [⌈ratio·L⌉, L] (InferenceMAX's range ratio 0.8),
/// mapped by Lemire's multiply-shift on the upper 32 bits.
public enum Lengths {
    static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// SplitMix64's output function (Steele, Lea, Flood, OOPSLA 2014).
    @inlinable static func mix(_ z0: UInt64) -> UInt64 {
        var z = z0
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Smallest length drawn for a nominal length `length`: ⌈ratio · L⌉, at least 1.
    public static func lowerBound(_ length: Int, ratio: Double = 0.8) -> Int {
        max(1, Int((ratio * Double(length)).rounded(.up)))
    }

    /// Mean of the lengths drawn for a nominal length `length`: (⌈ratio · L⌉ + L) / 2.
    public static func mean(_ length: Int, ratio: Double = 0.8) -> Double {
        Double(lowerBound(length, ratio: ratio) + length) / 2
    }

    /// Scalar reference: `count` lengths uniform in [lowerBound, length].
    public static func scalar(count: Int, length: Int, seed: UInt64, stream: UInt64, ratio: Double = 0.8) -> [Int32] {
        let low = UInt64(lowerBound(length, ratio: ratio)), span = UInt64(length) - low + 1
        return (0..<count).map { i in
            let bits = mix(seed &+ (UInt64(i) &* 2 &+ stream &+ 1) &* golden) >> 32
            return Int32(truncatingIfNeeded: low + (bits &* span) >> 32)
        }
    }

    /// The same numbers as `scalar`, eight lanes at a time.
    public static func simd(count: Int, length: Int, seed: UInt64, stream: UInt64, ratio: Double = 0.8) -> [Int32] {
        let low = UInt64(lowerBound(length, ratio: ratio)), span = UInt64(length) - low + 1
        let lanes = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
        var result = [Int32](repeating: 0, count: (count + 7) / 8 * 8)
        result.withUnsafeMutableBufferPointer { out in
            var base = 0
            while base < out.count {
                let index = lanes &+ UInt64(base)
                var z = SIMD8(repeating: seed) &+ (index &* 2 &+ (stream &+ 1)) &* golden
                z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
                z = z ^ (z &>> 31)
                let value = SIMD8(repeating: low) &+ (((z &>> 32) &* span) &>> 32)
                for lane in 0..<8 { out[base + lane] = Int32(truncatingIfNeeded: value[lane]) }
                base += 8
            }
        }
        return Array(result.prefix(count))
    }
}
