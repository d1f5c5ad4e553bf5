/// Monotone piecewise-cubic interpolation (M. Steffen, "A simple method for monotonic
/// interpolation in one dimension", Astron. Astrophys. 239, 443–450, 1990).
///
/// Exact at the knots, no overshoot between them (monotone data stay monotone), and never
/// extrapolated: outside [x₀, xₙ] the value is `nil` ("n/a").
public struct SteffenInterpolation: Sendable {
    public let xs: [Double]
    public let ys: [Double]
    let slopes: [Double]

    /// `xs` strictly increasing; at least one knot.
    public init(xs: [Double], ys: [Double]) {
        precondition(xs.count == ys.count && !xs.isEmpty, "Steffen interpolation needs matching, non-empty knots")
        self.xs = xs
        self.ys = ys
        slopes = Self.slopes(xs, ys)
    }

    public init(_ points: [TradeoffPoint]) {
        self.init(xs: points.map(\.x), ys: points.map(\.y))
    }

    static func slopes(_ x: [Double], _ y: [Double]) -> [Double] {
        let n = x.count
        guard n > 1 else { return [0] }
        let h = (0..<n - 1).map { x[$0 + 1] - x[$0] }
        let s = (0..<n - 1).map { (y[$0 + 1] - y[$0]) / h[$0] }
        var d = [Double](repeating: 0, count: n)
        for i in 1..<n - 1 {
            let p = (s[i - 1] * h[i] + s[i] * h[i - 1]) / (h[i - 1] + h[i])
            d[i] = (sign(s[i - 1]) + sign(s[i])) * min(abs(s[i - 1]), abs(s[i]), 0.5 * abs(p))
        }
        // Ends (Steffen eq. 26–27): one-sided parabola, limited so the end stays monotone.
        d[0] = endSlope(s0: s[0], s1: n > 2 ? s[1] : s[0], h0: h[0], h1: n > 2 ? h[1] : h[0])
        d[n - 1] = endSlope(s0: s[n - 2], s1: n > 2 ? s[n - 3] : s[n - 2], h0: h[n - 2], h1: n > 2 ? h[n - 3] : h[n - 2])
        return d
    }

    static func endSlope(s0: Double, s1: Double, h0: Double, h1: Double) -> Double {
        let p = s0 * (1 + h0 / (h0 + h1)) - s1 * h0 / (h0 + h1)
        if p * s0 <= 0 { return 0 }
        if abs(p) > 2 * abs(s0) { return 2 * s0 }
        return p
    }

    static func sign(_ v: Double) -> Double { v > 0 ? 1 : (v < 0 ? -1 : 0) }

    /// The interpolated value at `x`, or nil outside the knots' range.
    public func value(at x: Double) -> Double? {
        guard let first = xs.first, let last = xs.last, x >= first, x <= last, x.isFinite else { return nil }
        if xs.count == 1 { return ys[0] }
        var i = 0
        while i < xs.count - 2 && x > xs[i + 1] { i += 1 }
        let h = xs[i + 1] - xs[i]
        let t = x - xs[i]
        let s = (ys[i + 1] - ys[i]) / h
        let a = (slopes[i] + slopes[i + 1] - 2 * s) / (h * h)
        let b = (3 * s - 2 * slopes[i] - slopes[i + 1]) / h
        return ((a * t + b) * t + slopes[i]) * t + ys[i]
    }
}
