/// A frontier with its monotone interpolation: the value a group reaches at a service level.
///
/// A service level is a minimum interactivity (tok/s/user): the value at level x is the best the
/// group reaches at any interactivity of x or more. Along the frontier that is its interpolation;
/// below the frontier's first point, the first point itself (it serves more than x and beats
/// everything measured below it), however far below; above the last point, nothing serves x
/// ("n/a", nil).
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

    /// The metric at service level `x`, or nil when no point serves it.
    public func value(at x: Double) -> Double? {
        guard let first = points.first else { return nil }
        return x < first.x ? first.y : interpolation?.value(at: x)
    }

    /// Interactivity range covered by measurements, if any (where claims look for "the middle").
    public var range: ClosedRange<Double>? {
        guard let from = measuredFrom, let last = points.last else { return nil }
        return min(from, last.x)...last.x
    }
}

/// Ratios between groups at fixed interactivity levels ("B200 / H200 at 50 tok/s/user").
public enum IsoInteractivity {
    /// numerator(x) / denominator(x) at service level x, or nil when either serves no point at x.
    public static func ratio(_ numerator: FrontierCurve, over denominator: FrontierCurve, at x: Double) -> Double? {
        guard let n = numerator.value(at: x), let d = denominator.value(at: x), d != 0 else { return nil }
        return n / d
    }
}
