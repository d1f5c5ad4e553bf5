/// The roofline of one kernel's work: the larger of its arithmetic and its memory traffic at the
/// achieved rates (kernel latencies are counted apart, per launch). Units: FLOPs, bytes, FLOP/s,
/// bytes/s, seconds.
@inlinable
func rooflineTime(flops: Double, bytes: Double, flopsPerSecond: Double, bytesPerSecond: Double) -> Double {
    max(flops / flopsPerSecond, bytes / bytesPerSecond)
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
