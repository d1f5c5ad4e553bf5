/// The points that share a frontier: one source, model and scenario, and one series key at a
/// pooling. The one grouping of points into series that every stage uses.
public struct FrontierGroup: Hashable, Comparable, Codable, Sendable {
    /// "emulated" or "measured": measured and emulated points never share a frontier.
    public var source: String
    public var model: String
    /// "1k/1k"-style label of (isl, osl).
    public var scenario: String
    public var isl: Int
    public var osl: Int
    public var series: SeriesKey

    public init(_ point: AnalyzedPoint, pooling: SeriesKey.Pooling) {
        source = point.source
        model = point.configuration.model
        scenario = point.scenario
        isl = point.configuration.isl
        osl = point.configuration.osl
        series = point.series.pooled(pooling)
    }

    /// Ordered by source, model, (ISL, OSL), then series label.
    public static func < (a: FrontierGroup, b: FrontierGroup) -> Bool {
        (a.source, a.model, a.isl, a.osl, a.series.label) < (b.source, b.model, b.isl, b.osl, b.series.label)
    }

    /// Indices of `points` in each group at `pooling`, groups in order, members in point order.
    public static func members(_ points: [AnalyzedPoint], pooling: SeriesKey.Pooling) -> [(FrontierGroup, [Int])] {
        var groups: [FrontierGroup: [Int]] = [:]
        for (i, point) in points.enumerated() { groups[FrontierGroup(point, pooling: pooling), default: []].append(i) }
        return groups.keys.sorted().compactMap { key in groups[key].map { (key, $0) } }
    }
}
