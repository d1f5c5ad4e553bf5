/// A point of a two-metric trade-off: x (interactivity, tok/s/user) and y (the metric).
public struct TradeoffPoint: Codable, Sendable, Equatable {
    public var x: Double
    public var y: Double
    /// Index of the point in the list it was chosen from.
    public var index: Int

    public init(x: Double, y: Double, index: Int) {
        self.x = x
        self.y = y
        self.index = index
    }
}

/// Pareto frontiers as InferenceMAX draws them: one metric against interactivity, both read so
/// that more interactivity is better.
public enum Frontier {
    /// Direction in which the metric improves.
    public enum Goal: String, Codable, Sendable { case maximize, minimize }

    /// The frontier of `points` in ascending x: every point that no point with at least its
    /// interactivity beats on the metric. For `.maximize` (throughput), an earlier point whose
    /// y is ≤ a later one's is dropped; for `.minimize` (cost), one whose y is ≥ a later one's.
    /// Ties in x keep the better y; exact duplicates keep the first. Non-finite points are ignored.
    public static func of(_ points: [TradeoffPoint], goal: Goal) -> [TradeoffPoint] {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        let better: (Double, Double) -> Bool = goal == .maximize ? { $0 > $1 } : { $0 < $1 }
        // Highest x first; among equal x the best y first; then by original index for stability.
        let ordered = finite.sorted {
            if $0.x != $1.x { return $0.x > $1.x }
            if $0.y != $1.y { return better($0.y, $1.y) }
            return $0.index < $1.index
        }
        var kept: [TradeoffPoint] = []
        for point in ordered where kept.last.map({ better(point.y, $0.y) }) ?? true {
            if let last = kept.last, last.x == point.x { continue }
            kept.append(point)
        }
        return kept.reversed()
    }

    /// The frontier where x improves in direction `x` and y in direction `y`, in ascending x. A
    /// shrinking x (end-to-end latency) is read as its negative, so the frontier keeps every
    /// point that no point with at most its latency beats on y.
    public static func of(_ points: [TradeoffPoint], x: Goal, y: Goal) -> [TradeoffPoint] {
        guard x == .minimize else { return of(points, goal: y) }
        let flipped = points.map { TradeoffPoint(x: -$0.x, y: $0.y, index: $0.index) }
        return of(flipped, goal: y).reversed().map { TradeoffPoint(x: -$0.x, y: $0.y, index: $0.index) }
    }
}
