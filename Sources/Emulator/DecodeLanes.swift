/// Structure-of-arrays state of the sequences in decode, one lane per request slot, sixteen
/// lanes per SIMD vector: context length, decode tokens still to produce, and an active flag.
///
/// `advance` is the hot loop of the serving simulation: every step, every active lane gains
/// `tokens` tokens of context (1, or more under speculative decoding) and loses as many of its
/// remaining output; lanes reaching zero or below finish. It returns
/// the sums the next step's attention cost needs. `advanceScalar` is the lane-by-lane reference;
/// both produce identical state and sums (integer arithmetic, so summation order cannot matter).
public struct DecodeLanes: Sendable, Equatable {
    public typealias Vector = SIMD16<Int32>
    public static let width = Vector.scalarCount

    public private(set) var context: [Vector]
    public private(set) var remaining: [Vector]
    public private(set) var active: [Vector]
    /// Sliding window for the windowed context sum (Int32.max when the model has none).
    public let window: Int32

    /// Sums over active lanes after an advance: Σ context, Σ min(context, window) and Σ tokens
    /// still to produce.
    public struct Sums: Sendable, Equatable {
        public var context = 0
        public var windowed = 0
        public var remaining = 0
    }

    public init(slots: Int, window: Int?) {
        let vectors = (slots + Self.width - 1) / Self.width
        context = Array(repeating: .zero, count: vectors)
        remaining = Array(repeating: .zero, count: vectors)
        active = Array(repeating: .zero, count: vectors)
        self.window = Int32(clamping: window ?? Int(Int32.max))
    }

    /// Starts decoding in `slot` with `context` tokens and `remaining` tokens to produce.
    public mutating func activate(_ slot: Int, context ctx: Int, remaining left: Int) {
        let (v, lane) = slot.quotientAndRemainder(dividingBy: Self.width)
        context[v][lane] = Int32(ctx)
        remaining[v][lane] = Int32(left)
        active[v][lane] = 1
    }

    public func isActive(_ slot: Int) -> Bool {
        let (v, lane) = slot.quotientAndRemainder(dividingBy: Self.width)
        return active[v][lane] == 1
    }

    /// Stops decoding in `slot` (a preempted sequence); returns its context and the tokens it
    /// had still to produce.
    public mutating func deactivate(_ slot: Int) -> (context: Int, remaining: Int) {
        let (v, lane) = slot.quotientAndRemainder(dividingBy: Self.width)
        precondition(active[v][lane] == 1, "slot \(slot) is not decoding")
        active[v][lane] = 0
        return (Int(context[v][lane]), Int(remaining[v][lane]))
    }

    /// One decode step on every active lane, sixteen at a time. Appends finished slots in order.
    /// Lane sums are accumulated in Int32 over blocks of at most `flushEvery` vectors and then
    /// widened, so they cannot overflow for contexts below 2³¹ / `flushEvery` tokens.
    public mutating func advance(by tokens: Int32 = 1, finished: inout [Int]) -> Sums {
        var sums = Sums()
        let window = Vector(repeating: self.window)
        let step = Vector(repeating: tokens)
        let count = context.count
        context.withUnsafeMutableBufferPointer { ctx in
            remaining.withUnsafeMutableBufferPointer { rem in
                active.withUnsafeMutableBufferPointer { act in
                    var block = 0
                    while block < count {
                        let end = min(count, block + Self.flushEvery)
                        var sumContext = Vector.zero, sumWindowed = Vector.zero, sumRemaining = Vector.zero
                        for v in block..<end {
                            let on = act[v]
                            let delta = step & (Vector.zero &- on)  // tokens where active (on is 0 or 1), no multiply
                            let c = ctx[v] &+ delta
                            let r = rem[v] &- delta
                            // Branch-free lane arithmetic (masks from sign bits) so the loop stays in vector registers:
                            // stillOn = on if r > 0 else 0;  capped = min(c, window).
                            let stillOn = on & ((Vector.zero &- r) &>> 31)
                            let excess = c &- window
                            let capped = c &- (excess & ~(excess &>> 31))
                            ctx[v] = c
                            rem[v] = r
                            act[v] = stillOn
                            if (on &- stillOn).wrappedSum() != 0 {
                                Self.collect(on: on, stillOn: stillOn, base: v * Self.width, into: &finished)
                            }
                            let keep = Vector.zero &- stillOn  // all ones where still active
                            sumContext &+= c & keep
                            sumWindowed &+= capped & keep
                            sumRemaining &+= r & keep
                        }
                        sums.context += Self.widenedSum(sumContext)
                        sums.windowed += Self.widenedSum(sumWindowed)
                        sums.remaining += Self.widenedSum(sumRemaining)
                        block = end
                    }
                }
            }
        }
        return sums
    }

    /// Vectors summed in Int32 before widening.
    static let flushEvery = 64

    @inline(__always)
    static func widenedSum(_ v: Vector) -> Int {
        var total = 0
        for lane in 0..<width { total += Int(v[lane]) }
        return total
    }

    static func collect(on: Vector, stillOn: Vector, base: Int, into finished: inout [Int]) {
        for lane in 0..<width where on[lane] == 1 && stillOn[lane] == 0 { finished.append(base + lane) }
    }

    /// The same step, one lane at a time: the reference that `advance` must match exactly.
    public mutating func advanceScalar(by tokens: Int32 = 1, finished: inout [Int]) -> Sums {
        var sums = Sums()
        for v in 0..<context.count {
            for lane in 0..<Self.width where active[v][lane] == 1 {
                context[v][lane] += tokens
                remaining[v][lane] -= tokens
                if remaining[v][lane] > 0 {
                    sums.context += Int(context[v][lane])
                    sums.windowed += Int(min(context[v][lane], window))
                    sums.remaining += Int(remaining[v][lane])
                } else {
                    active[v][lane] = 0
                    finished.append(v * Self.width + lane)
                }
            }
        }
        return sums
    }
}
