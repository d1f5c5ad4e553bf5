/// Time of one engine step, in seconds, split by operator kind.
public struct StepTime: Sendable, Equatable {
    public var linear = 0.0
    public var attention = 0.0
    public var moe = 0.0
    public var communication = 0.0
    public var elementwise = 0.0
    public var lmHead = 0.0
    /// Fixed kernel latencies (launch gaps, tail effects) of every kernel of the step.
    public var launch = 0.0
    public var overhead = 0.0

    public var total: Double { device + overhead }
    /// The GPU's share of the step: every kind but the host's `overhead`.
    public var device: Double { linear + attention + moe + communication + elementwise + lmHead + launch }

    static let kinds = ["linear", "attention", "moe", "communication", "elementwise", "lm_head", "launch", "overhead"]
    var values: [Double] { [linear, attention, moe, communication, elementwise, lmHead, launch, overhead] }

    /// Each kind's share of the total time (keyed by `kinds`), summing to 1.
    var shares: [String: Double] { Dictionary(uniqueKeysWithValues: zip(Self.kinds, values.map { $0 / total })) }

    /// Every kind's time times `factor`.
    func scaled(by factor: Double) -> StepTime {
        StepTime(linear: linear * factor, attention: attention * factor, moe: moe * factor, communication: communication * factor,
                 elementwise: elementwise * factor, lmHead: lmHead * factor, launch: launch * factor, overhead: overhead * factor)
    }

    mutating func accumulate(_ other: StepTime) {
        linear += other.linear; attention += other.attention; moe += other.moe
        communication += other.communication; elementwise += other.elementwise
        lmHead += other.lmHead; launch += other.launch; overhead += other.overhead
    }
}
