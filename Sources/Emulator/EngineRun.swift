/// One decode engine's run, standing for `engines` engines of the same load (`EngineLoad`).
struct EngineRun {
    let engines: Int
    let requests: RequestTable
    let metrics: SimulationMetrics
    /// Seconds from the first request sent to the last token.
    let duration: Double
}

/// The greatest common divisor of two non-negative integers (gcd(0, n) = n).
func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int { b == 0 ? a : greatestCommonDivisor(b, a % b) }
