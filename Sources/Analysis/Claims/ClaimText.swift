import Catalog

/// How verdicts print numbers: money, token rates, ratios and a metric's value with its unit.
enum ClaimText {
    /// "$5.0M", "$47M", "$1.59", "$0.006".
    static func money(_ v: Double) -> String {
        if v >= 1e6 { return "$" + (v / 1e6).fixed(v >= 1e7 ? 0 : 1) + "M" }
        return v >= 100 ? "$" + v.fixed(0) : (v >= 1 ? "$" + v.fixed(2) : "$" + v.fixed(3))
    }

    /// "100.6k", "6935", "4.2", "0.031".
    static func number(_ v: Double) -> String {
        v >= 10_000 ? (v / 1000).fixed(1) + "k" : v >= 100 ? v.fixed(0) : v >= 1 ? v.fixed(1) : v.fixed(3)
    }

    /// "60,000": a threshold as people write it; fractions keep up to three decimals.
    static func grouped(_ v: Double) -> String {
        guard v == v.rounded(), abs(v) < 1e15 else { return v.fixed(3) }
        var digits = String(Int(abs(v)))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        return (v < 0 ? "-" : "") + ([digits] + groups).joined(separator: ",")
    }

    /// "$0.006/Mtok", "100.6k tok/s/GPU".
    static func value(_ v: Double, _ metric: Metric) -> String {
        metric.unit.hasPrefix("$") ? money(v) + metric.unit.dropFirst() : number(v) + " " + metric.unit
    }

    /// "$0.02/Mtok", "60,000 tok/s/GPU": a bound as the claim states it.
    static func bound(_ v: Double, _ metric: Metric) -> String {
        metric.unit.hasPrefix("$") ? money(v) + metric.unit.dropFirst() : grouped(v) + " " + metric.unit
    }

    /// "×2.16": the factor a value must be multiplied by.
    static func factor(_ v: Double) -> String { "×" + v.fixed(2) }

    /// "4.4×" or "89%".
    static func ratio(_ r: Double, _ display: RatioTest.Display) -> String {
        display == .percent ? percent(r) : r.fixed(1) + "×"
    }

    /// "4×", "0.9×", "90%": a target ratio.
    static func target(_ t: Double, _ display: RatioTest.Display) -> String {
        display == .percent ? percent(t) : (t == t.rounded() ? t.fixed(0) : t.fixed(1)) + "×"
    }

    /// "100%": a fraction as a whole percentage.
    static func percent(_ v: Double) -> String { (v * 100).fixed(0) + "%" }

    /// "50 tok/s/user".
    static func level(_ x: Double) -> String { x.fixed(0) + " tok/s/user" }
}
