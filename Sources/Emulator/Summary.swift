/// Summary statistics as InferenceMAX's client reports them (numpy's mean, median and
/// linearly interpolated percentiles).
public struct Summary: Sendable, Equatable {
    public var mean: Double
    public var median: Double
    public var p99: Double

    /// Summary of unweighted samples; all zero when there are none.
    public init(_ samples: [Double]) {
        guard !samples.isEmpty else {
            self.init(mean: 0, median: 0, p99: 0)
            return
        }
        let sorted = samples.sorted()
        var total = 0.0
        for value in sorted { total += value }  // fixed order: ascending
        self.init(mean: total / Double(sorted.count), median: Self.percentile(sorted, 0.5), p99: Self.percentile(sorted, 0.99))
    }

    /// Summary of values each repeated `weight` times (one ITL per token of a step), without expanding them.
    public init(values: [Double], weights: [Int]) {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let total = weights.reduce(0, +)
        guard total > 0 else {
            self.init(mean: 0, median: 0, p99: 0)
            return
        }
        var sum = 0.0
        for i in order { sum += values[i] * Double(weights[i]) }
        func at(rank: Int) -> Double {
            var seen = 0
            for i in order {
                seen += weights[i]
                if rank < seen { return values[i] }
            }
            return values[order[order.count - 1]]  // not reached: rank < total
        }
        func percentile(_ q: Double) -> Double {
            let position = q * Double(total - 1)
            let below = Int(position.rounded(.down))
            let fraction = position - Double(below)
            let low = at(rank: below)
            return fraction == 0 ? low : low + (at(rank: min(below + 1, total - 1)) - low) * fraction
        }
        self.init(mean: sum / Double(total), median: percentile(0.5), p99: percentile(0.99))
    }

    public init(mean: Double, median: Double, p99: Double) {
        self.mean = mean
        self.median = median
        self.p99 = p99
    }

    /// numpy.percentile(sorted, 100·q) with linear interpolation.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
    }
}
