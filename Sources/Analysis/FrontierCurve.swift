/// A frontier with its monotone interpolation: the value a group reaches at any interactivity
/// inside its measured range, "n/a" (nil) outside it.
///
/// Between the lowest measured interactivity and the frontier's first point, the first point is
/// the value: it serves at least that interactivity and beats every point measured below it.
public struct FrontierCurve: Sendable {
    public let points: [TradeoffPoint]
    let interpolation: SteffenInterpolation?
    /// Lowest interactivity measured in the group (frontier or not).
    let measuredFrom: Double?

    /// The frontier of `points` for a metric improving in direction `goal`.
    public init(_ points: [TradeoffPoint], goal: Frontier.Goal) {
        self.init(frontier: Frontier.of(points, goal: goal), measuredFrom: points.map(\.x).filter(\.isFinite).min())
    }

    /// A frontier already computed (ascending x), and the lowest x measured in its group.
    public init(frontier: [TradeoffPoint], measuredFrom: Double?) {
        points = frontier
        interpolation = frontier.isEmpty ? nil : SteffenInterpolation(frontier)
        self.measuredFrom = measuredFrom
    }

    /// The interpolated metric at interactivity `x`, or nil outside the measured range.
    public func value(at x: Double) -> Double? {
        if let first = points.first, let from = measuredFrom, x >= from, x < first.x { return first.y }
        return interpolation?.value(at: x)
    }

    /// Interactivity range covered by measurements, if any.
    public var range: ClosedRange<Double>? {
        guard let from = measuredFrom, let last = points.last else { return nil }
        return min(from, last.x)...last.x
    }
}

/// Ratios between groups at fixed interactivity levels ("B200 / H200 at 50 tok/s/user").
public enum IsoInteractivity {
    /// numerator(x) / denominator(x), or nil when either is outside its measured range.
    public static func ratio(_ numerator: FrontierCurve, over denominator: FrontierCurve, at x: Double) -> Double? {
        guard let n = numerator.value(at: x), let d = denominator.value(at: x), d != 0 else { return nil }
        return n / d
    }
}
