import Foundation

/// Maps data values onto a canvas interval, linearly or logarithmically (base 10). Scales are
/// applied before the canvas sees a point.
public struct Scale: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case linear, log }

    public var kind: Kind
    public var domain: ClosedRange<Double>
    public var range: ClosedRange<Double>
    /// True when the canvas coordinate grows as the value shrinks (y axes).
    public var inverted: Bool

    public init(kind: Kind, domain: ClosedRange<Double>, range: ClosedRange<Double>, inverted: Bool = false) {
        self.kind = kind
        self.domain = domain
        self.range = range
        self.inverted = inverted
    }

    func transform(_ v: Double) -> Double { kind == .log ? log10(v) : v }

    /// Canvas coordinate of `value`.
    public func callAsFunction(_ value: Double) -> Double {
        let lo = transform(domain.lowerBound), hi = transform(domain.upperBound)
        let t = hi == lo ? 0.5 : (transform(value) - lo) / (hi - lo)
        let u = inverted ? 1 - t : t
        return range.lowerBound + u * (range.upperBound - range.lowerBound)
    }

    /// Tick values for about `target` ticks, all inside the domain.
    public func ticks(target: Int) -> [Double] {
        let slack = (domain.upperBound - domain.lowerBound) * 1e-9
        let ticks = switch kind {
        case .linear: Ticks.extended(domain.lowerBound, domain.upperBound, target: target)
        case .log: Ticks.logarithmic(domain.lowerBound, domain.upperBound)
        }
        return ticks.filter { $0 >= domain.lowerBound - slack && $0 <= domain.upperBound + slack }
    }
}
