import Foundation

/// How much a format distorts a tensor: relative RMS error ‖q − x‖ / ‖x‖, the worst absolute
/// error relative to max |x|, and the signal-to-quantization-noise ratio 20·log10(‖x‖ / ‖q − x‖).
/// Sums run in index order in Double, so results are reproducible.
public struct QuantizationError: Sendable, Codable, Equatable {
    public var format: String
    public var tensor: String
    public var relative_rms: Double
    public var max_relative: Double
    public var sqnr_db: Double

    public init(format: String, tensor: String, original x: [Float], quantized q: [Float]) {
        var signal = 0.0, noise = 0.0, worst = 0.0, peak = 0.0
        for (a, b) in zip(x, q) {
            let d = Double(b) - Double(a)
            signal += Double(a) * Double(a)
            noise += d.isFinite ? d * d : .infinity
            worst = max(worst, abs(d))
            peak = max(peak, abs(Double(a)))
        }
        self.format = format
        self.tensor = tensor
        relative_rms = signal > 0 ? (noise / signal).squareRoot() : 0
        max_relative = peak > 0 ? worst / peak : 0
        sqnr_db = noise > 0 ? 10 * log10(signal / noise) : .infinity
    }

    /// Test tensors: "typical" — 4,096 Gaussian values (weights and activations far from their
    /// tails); "outliers" — the same with 1% of values 50× larger (the activation outliers of
    /// LLMs, Dettmers et al., LLM.int8(), 2022). Box–Muller on the counter-based generator of `Lengths`.
    public static func tensors(seed: UInt64 = 1, count: Int = 4096) -> [(String, [Float])] {
        var gaussian = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let u1 = (Double(Lengths.mix(seed &+ UInt64(2 * i + 1) &* Lengths.golden) >> 11) + 0.5) / 9_007_199_254_740_992
            let u2 = Double(Lengths.mix(seed &+ UInt64(2 * i + 2) &* Lengths.golden) >> 11) / 9_007_199_254_740_992
            gaussian[i] = Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * .pi * u2))
        }
        let outliers = gaussian.enumerated().map { i, v in i % 100 == 37 ? v * 50 : v }
        return [("typical", gaussian), ("outliers", outliers)]
    }

    /// Every format (plain FP8 casts with per-tensor scaling to the format's range, and the block
    /// formats) on every test tensor.
    public static func table(seed: UInt64 = 1) -> [QuantizationError] {
        var rows: [QuantizationError] = []
        for (name, tensor) in tensors(seed: seed) {
            // Per-tensor scaled FP8 (as engines quantize FP8 activations): x · (448 / amax).
            let amax = BlockQuantizer.amax(tensor[...])
            let scale: Float = 448 / amax
            let fp8 = tensor.map { MiniFloat.e4m3.castSaturating($0 * scale) / scale }
            rows.append(QuantizationError(format: "fp8 (e4m3, per tensor)", tensor: name, original: tensor, quantized: fp8))
            for format in BlockQuantizer.allCases {
                rows.append(QuantizationError(format: format.rawValue, tensor: name, original: tensor, quantized: format.roundTrip(tensor)))
            }
        }
        return rows
    }
}
