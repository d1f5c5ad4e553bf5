import Foundation

/// Tick placement.
public enum Ticks {
    static let niceSteps: [Double] = [1, 5, 2, 2.5, 4, 3]
    static let weights = (simplicity: 0.25, coverage: 0.2, density: 0.5, legibility: 0.05)

    /// Extended Wilkinson ticks (Talbot, Lin, Hanrahan, "An Extension of Wilkinson's Algorithm
    /// for Positioning Tick Labels on Axes", InfoVis 2010): the labelling of [lo, hi] with about
    /// `target` ticks that maximizes simplicity, coverage, density and legibility. A loose
    /// labelling may reach a little past [lo, hi]; `niceDomain` widens a domain to its ticks.
    public static func extended(_ lo: Double, _ hi: Double, target m: Int) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
        var best = -2.0
        var bestTicks: (Double, Double, Double)?
        let n = Double(niceSteps.count)
        var j = 1.0
        search: while j < 20 {
            for (qi, q) in niceSteps.enumerated() {
                let sm = 2 - Double(qi) / (n - 1) - j
                if weights.simplicity * sm + weights.coverage + weights.density + weights.legibility < best { break search }
                var k = 2.0
                while k < 50 {
                    let dm = k >= Double(m) ? 2 - (k - 1) / (Double(m) - 1) : 1
                    if weights.simplicity * sm + weights.coverage + weights.density * dm + weights.legibility < best { break }
                    let delta = (hi - lo) / (k + 1) / j / q
                    var z = ceil(log10(delta))
                    while z < 30 {
                        let step = j * q * pow(10, z)
                        let cm = coverageMax(lo, hi, span: step * (k - 1))
                        if weights.simplicity * sm + weights.coverage * cm + weights.density * dm + weights.legibility < best { break }
                        let minStart = floor(hi / step) * j - (k - 1) * j
                        let maxStart = ceil(lo / step) * j
                        if minStart <= maxStart {
                            var start = minStart
                            while start <= maxStart {
                                let lmin = start * (step / j), lmax = lmin + step * (k - 1)
                                let s = simplicity(qi: qi, j: j, lmin: lmin, lmax: lmax, step: step)
                                let c = coverage(lo, hi, lmin, lmax)
                                let g = density(k: k, m: Double(m), lo, hi, lmin, lmax)
                                let score = weights.simplicity * s + weights.coverage * c + weights.density * g + weights.legibility
                                if score > best {
                                    best = score
                                    bestTicks = (lmin, lmax, step)
                                }
                                start += 1
                            }
                        }
                        z += 1
                    }
                    k += 1
                }
            }
            j += 1
        }
        guard let (lmin, lmax, step) = bestTicks else { return [lo, hi] }
        let count = Int(((lmax - lmin) / step).rounded()) + 1
        return (0..<count).map { clean(lmin + Double($0) * step, step: step) }
    }

    /// Rounds away binary noise (0.30000000000000004 → 0.3) at the step's precision.
    static func clean(_ v: Double, step: Double) -> Double {
        let digits = max(0, -Int(floor(log10(step))) + 2)
        let factor = pow(10, Double(digits))
        return (v * factor).rounded() / factor
    }

    static func simplicity(qi: Int, j: Double, lmin: Double, lmax: Double, step: Double) -> Double {
        let n = Double(niceSteps.count)
        let remainder = lmin.truncatingRemainder(dividingBy: step)
        let hasZero = (abs(remainder) < 1e-10 || step - abs(remainder) < 1e-10) && lmin <= 0 && lmax >= 0
        return 1 - Double(qi) / (n - 1) - j + (hasZero ? 1 : 0)
    }

    static func coverage(_ lo: Double, _ hi: Double, _ lmin: Double, _ lmax: Double) -> Double {
        let r = hi - lo
        return 1 - 0.5 * (pow(hi - lmax, 2) + pow(lo - lmin, 2)) / pow(0.1 * r, 2)
    }

    static func coverageMax(_ lo: Double, _ hi: Double, span: Double) -> Double {
        let r = hi - lo
        guard span > r else { return 1 }
        let half = (span - r) / 2
        return 1 - 0.5 * (2 * half * half) / pow(0.1 * r, 2)
    }

    static func density(k: Double, m: Double, _ lo: Double, _ hi: Double, _ lmin: Double, _ lmax: Double) -> Double {
        let r = (k - 1) / (lmax - lmin)
        let rt = (m - 1) / (max(lmax, hi) - min(lo, lmin))
        return 2 - max(r / rt, rt / r)
    }

    /// The domain widened to whole steps of a nice labelling, so the outer ticks sit on the frame.
    public static func niceDomain(_ lo: Double, _ hi: Double, target: Int) -> ClosedRange<Double> {
        guard hi > lo else { return lo == 0 ? 0...1 : (lo * 0.5)...(lo * 1.5) }
        let ticks = extended(lo, hi, target: target)
        guard ticks.count > 1 else { return lo...hi }
        let step = ticks[1] - ticks[0]
        return (floor(lo / step + 1e-9) * step)...(ceil(hi / step - 1e-9) * step)
    }

    /// Log-axis ticks by span: 1-2-5 within three decades, 1-3 within five, decades beyond.
    public static func logarithmic(_ lo: Double, _ hi: Double) -> [Double] {
        guard lo > 0, hi > lo else { return [max(lo, 1e-12)] }
        let span = log10(hi) - log10(lo)
        let mantissas: [Double] = span <= 3 ? [1, 2, 5] : (span <= 5 ? [1, 3] : [1])
        let stride = span > 10 ? Int((span / 6).rounded(.up)) : 1
        var ticks: [Double] = []
        var decade = Int(floor(log10(lo)))
        while Double(decade) <= ceil(log10(hi)) {
            if (decade % stride + stride) % stride == 0 {
                for m in mantissas {
                    let v = m * pow(10, Double(decade))
                    if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { ticks.append(v) }
                }
            }
            decade += 1
        }
        return ticks
    }

    /// A log domain widened to the enclosing 1-2-5 values.
    public static func niceLogDomain(_ lo: Double, _ hi: Double) -> ClosedRange<Double> {
        func down(_ v: Double) -> Double {
            let d = pow(10, floor(log10(v)))
            return ([5, 2, 1].map { $0 * d }.first { $0 <= v * (1 + 1e-9) }) ?? d
        }
        func up(_ v: Double) -> Double {
            let d = pow(10, floor(log10(v)))
            return ([1, 2, 5, 10].map { $0 * d }.first { $0 >= v * (1 - 1e-9) }) ?? 10 * d
        }
        let a = down(max(lo, 1e-12)), b = up(max(hi, lo * 1.01))
        return a...(b > a ? b : a * 10)
    }
}

/// Tick labels: k and M suffixes for thousands and millions, and the fewest decimals that keep
/// the labels of one axis distinct.
public enum TickLabels {
    public static func format(_ values: [Double]) -> [String] {
        for decimals in 0...6 {
            let labels = values.map { format($0, decimals: decimals) }
            if Set(labels).count == values.count, zip(values, labels).allSatisfy({ close($0, $1) }) { return labels }
        }
        return values.map { format($0, decimals: 6) }
    }

    static func close(_ value: Double, _ label: String) -> Bool {
        guard value != 0 else { return true }
        var text = label
        var factor = 1.0
        if text.hasSuffix("k") { factor = 1e3; text.removeLast() }
        if text.hasSuffix("M") { factor = 1e6; text.removeLast() }
        guard let parsed = Double(text) else { return false }
        return abs(parsed * factor - value) <= abs(value) * 1e-6
    }

    public static func format(_ v: Double, decimals: Int) -> String {
        let magnitude = abs(v)
        if magnitude >= 1e6 { return trim((v / 1e6).fixedDecimals(decimals)) + "M" }
        if magnitude >= 1e3 { return trim((v / 1e3).fixedDecimals(decimals)) + "k" }
        return trim(v.fixedDecimals(decimals))
    }

    static func trim(_ s: String) -> String {
        guard s.contains(".") else { return s == "-0" ? "0" : s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t == "-0" ? "0" : t
    }
}

extension Double {
    func fixedDecimals(_ n: Int) -> String { String(format: "%.\(n)f", self) }
}
