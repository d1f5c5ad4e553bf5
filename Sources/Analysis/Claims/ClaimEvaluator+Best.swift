import Catalog

extension ClaimEvaluator {
    /// `kind = "best"`: the best value of each part's metric over its selection's points (not
    /// necessarily at one point), against the part's bound. Holds when every part meets its
    /// bound, holds only under some of them when some do; cannot be assessed without data.
    func best(_ parts: [Reading]) -> Finding {
        let condition = parts.map { part in
            let bound = switch part.bound {
            case let .atLeast(t)?: " (≥ \(ClaimText.bound(t, part.metric)))"
            case let .atMost(t)?: " (≤ \(ClaimText.bound(t, part.metric)))"
            case nil: ""
            }
            return "best \(part.metric.name) of \(part.selection.label)\(bound)"
        }.joined(separator: " and ")
        let found = parts.map { best($0) }
        guard found.allSatisfy({ $0 != nil }) else {
            let missing = zip(parts, found).filter { $0.1 == nil }.map { "\($0.0.name) (\($0.0.selection.label))" }
            return Finding(condition: condition, ours: "n/a", outcome: .notAssessable,
                           detail: "no data for " + missing.joined(separator: ", "))
        }
        var ours: [String] = [], detail: [String] = [], met = 0
        for (part, reading) in zip(parts, found.compactMap(\.self)) {
            ours.append(describe(reading.value, part.metric, at: reading.point))
            let target: Double, meets: Bool
            switch part.bound {
            case let .atLeast(t)?: (target, meets) = (t, reading.value >= t)
            case let .atMost(t)?: (target, meets) = (t, reading.value <= t)
            case nil: (target, meets) = (reading.value, true)
            }
            if meets {
                met += 1
                detail.append("the \(part.name) part holds")
            } else {
                let why = part.ifShort.map { ": " + $0 } ?? ""
                detail.append("\(part.name) would need \(ClaimText.factor(target / reading.value))\(why)")
            }
        }
        let outcome: ClaimsAudit.Verdict.Outcome = met == parts.count ? .holds : met > 0 ? .holdsOnlyUnder : .doesNotHold
        return Finding(condition: condition, ours: ours.joined(separator: "; "), outcome: outcome, detail: detail.joined(separator: "; "))
    }
}
