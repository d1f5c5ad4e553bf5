import Foundation

/// The roofline of one kernel's work: its arithmetic and its memory traffic at the achieved
/// rates, overlapped (kernel latencies are counted apart, per launch). Units: FLOPs, bytes,
/// FLOP/s, bytes/s, seconds.
@inlinable
func rooflineTime(flops: Double, bytes: Double, flopsPerSecond: Double, bytesPerSecond: Double) -> Double {
    overlapped(flops / flopsPerSecond, bytes / bytesPerSecond)
}

/// Time of a kernel that keeps several units busy at once (tensor cores, HBM, vector units) for
/// `a`, `b` and `c` seconds each: their Euclidean norm, ‖(a, b, c)‖₂. The classic roofline takes
/// the largest, which assumes perfect overlap; a pipelined kernel only reaches it far from the
/// ridge point. At the ridge it reaches 1/√2 ≈ 71% of both peaks, which is what the published
/// InferenceMAX points near it show (Llama-3.3-70B NVFP4 on B200 at concurrency 128, gpt-oss on
/// B200 at 64–256: decode steps that mix prefill chunks), and far from it the larger term
/// dominates as before (a 3:1 ratio adds 5%). docs/VALIDATION.md compares it with the maximum.
@inlinable
func overlapped(_ a: Double, _ b: Double, _ c: Double = 0) -> Double {
    (a * a + b * b + c * c).squareRoot()
}

/// Arithmetic time of `rows` GEMMs of M tokens each (`tokens` in all) with `flopsPerToken`, at
/// peak rate `peak` FLOP/s: the real rows at the engine's achieved efficiency `efficiency`, plus
/// the padding of every GEMM's M dimension up to a tensor-core tile (`halfTokens` rows' worth, at
/// the tile's own efficiency `tileEfficiency`). Small-M (decode) GEMMs waste most of a tile;
/// large ones approach `efficiency`.
@inlinable
func gemmComputeTime(tokens: Double, rows: Double, flopsPerToken: Double, peak: Double, efficiency: Double,
                     halfTokens: Double, tileEfficiency: Double = 0.7) -> Double {
    flopsPerToken * (tokens / efficiency + rows * halfTokens / tileEfficiency) / peak
}
