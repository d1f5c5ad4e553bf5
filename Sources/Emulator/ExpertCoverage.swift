import Foundation

/// Expected number of distinct experts a batch touches when routing is skewed.
///
/// Expert popularity follows a Zipf law p_i ∝ (i + 1)^−s over E experts (s = 0 is uniform
/// routing); T tokens each pick k experts, so expert i stays untouched with probability
/// (1 − p_i)^(T·k) and the expectation is Σ_i 1 − (1 − p_i)^(T·k). Tabulated on a logarithmic
/// grid of T at construction and interpolated, so a step costs a table look-up.
public struct ExpertCoverage: Sendable {

    let experts: Double
    let grid: [Double]
    let touched: [Double]

    public init(experts: Int, perToken k: Int, skew s: Double, maxTokens: Int = 1 << 20) {
        self.experts = Double(experts)
        let weights = (0..<experts).map { Foundation.pow(Double($0 + 1), -s) }
        var total = 0.0
        for w in weights { total += w }
        let p = weights.map { $0 / total }
        var grid: [Double] = []
        var t = 1.0
        while t < Double(maxTokens) {
            grid.append(t)
            t *= 1.1
        }
        grid.append(Double(maxTokens))
        touched = grid.map { tokens in
            var sum = 0.0
            for pi in p { sum += 1 - Foundation.exp(tokens * Double(k) * Foundation.log1p(-min(pi, 0.999999))) }
            return sum
        }
        self.grid = grid
    }

    /// Distinct experts touched by `tokens` tokens (0 for none).
    public func callAsFunction(_ tokens: Double) -> Double {
        guard tokens > 0 else { return 0 }
        if tokens <= 1 { return touched[0] * tokens }
        // Grid points are 1.1^i: index by logarithm, interpolate linearly.
        let position = Foundation.log(tokens) / Foundation.log(1.1)
        let i = min(Int(position), grid.count - 2)
        let fraction = (tokens - grid[i]) / (grid[i + 1] - grid[i])
        return touched[i] + (touched[i + 1] - touched[i]) * min(max(fraction, 0), 1)
    }
}
