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
/// the GPU's sustained tensor rate `rate` FLOP/s: the real rows at the engine's achieved
/// efficiency `efficiency`, plus the padding of every GEMM's M dimension up to a tensor-core tile
/// (`halfTokens` rows' worth, at the tile's own efficiency `tileEfficiency`: 0.9 of the sustained
/// rate, 0.7 of the H200's and B200's peak). Small-M (decode) GEMMs waste most of a tile; large
/// ones approach `efficiency`.
@inlinable
func gemmComputeTime(tokens: Double, rows: Double, flopsPerToken: Double, rate: Double, efficiency: Double,
                     halfTokens: Double, tileEfficiency: Double = 0.9) -> Double {
    flopsPerToken * (tokens / efficiency + rows * halfTokens / tileEfficiency) / rate
}

/// Share of a GEMM's achievable rate left when tensor parallelism slices its intermediate
/// dimension to `width` columns per GPU: w / (w + 256). A slice one 256-wide tile across
/// (DeepSeek-R1's 2,048-wide experts at TP 8 without expert parallelism) keeps the tile's
/// pipeline half busy: its prologue and epilogue, and for the down projection a reduction only
/// a few tiles deep, cost as much as the useful work. Whole experts (EP = TP) or wide dense
/// layers lose little (Llama-3.3-70B at TP 8: 3,584 columns, 7%). Calibrated with SGLang's
/// efficiency on the 8k-prompt TTFT of the DeepSeek-R1 curves: FP8 runs TP 4–8 with EP 1 and
/// prefills no faster at TP 8 than NVFP4 does at TP 4 with EP 4.
@inlinable
func shardEfficiency(_ width: Double) -> Double { width / (width + 256) }
