/// The roofline of one kernel: time is the larger of its arithmetic and its memory traffic at
/// the achieved rates, plus a fixed latency (launch gap, tail effect). Units: FLOPs, bytes,
/// FLOP/s, bytes/s, seconds.
@inlinable
func rooflineTime(flops: Double, bytes: Double, flopsPerSecond: Double, bytesPerSecond: Double, latency: Double) -> Double {
    max(flops / flopsPerSecond, bytes / bytesPerSecond) + latency
}

/// Fraction of peak a GEMM reaches with token dimension `m`: η · m / (m + m½). Small-M GEMMs
/// (decode) waste most of the tensor core's tile; large ones approach η.
@inlinable
func gemmEfficiency(tokens m: Double, peak: Double, halfTokens: Double) -> Double {
    peak * m / (m + halfTokens)
}
