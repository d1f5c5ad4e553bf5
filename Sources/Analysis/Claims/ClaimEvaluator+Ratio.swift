import Catalog

extension ClaimEvaluator {
    /// Two frontiers of one model and scenario read against each other.
    struct FrontierPair {
        var model: String
        var scenario: String
        var numerator: FrontierCurve
        var denominator: FrontierCurve
        var goal: Frontier.Goal

        /// The numerator's advantage at interactivity `x`: n ÷ d where more is better, d ÷ n where less is.
        func advantage(at x: Double) -> Double? {
            goal == .maximize ? IsoInteractivity.ratio(numerator, over: denominator, at: x)
                : IsoInteractivity.ratio(denominator, over: numerator, at: x)
        }

        /// The interactivity range both frontiers were measured over, if they overlap.
        var common: ClosedRange<Double>? {
            guard let a = numerator.range, let b = denominator.range else { return nil }
            let lo = max(a.lowerBound, b.lowerBound), hi = min(a.upperBound, b.upperBound)
            return lo <= hi ? lo...hi : nil
        }

        func interactivity(_ level: RatioTest.Level) -> Double? {
            switch level {
            case let .at(x): x
            case .middle: common.map { (($0.lowerBound + $0.upperBound) / 2).rounded() }
            }
        }

        /// The lowest interactivity, on a 1 tok/s/user grid over the common range, at which the
        /// advantage reaches `target`.
        func crossing(reaching target: Double) -> Double? {
            guard let common else { return nil }
            var x = common.lowerBound.rounded(.up)
            while x <= common.upperBound {
                if let r = advantage(at: x), r >= target { return x }
                x += 1
            }
            return nil
        }

        /// The advantage between the two frontiers' best points, wherever each lies.
        var betweenBestPoints: Double? {
            let n = numerator.points.map(\.y), d = denominator.points.map(\.y)
            if goal == .maximize, let top = n.max(), let base = d.max() { return top / max(base, 1e-9) }
            if goal == .minimize, let top = d.min(), let base = n.min() { return top / max(base, 1e-9) }
            return nil
        }
    }

    /// Every model and scenario pair the test reads: its own, or all in the data.
    func pairs(_ test: RatioTest) -> [FrontierPair] {
        let models = test.model.map { [$0] } ?? Set(doc.points.map(\.configuration.model)).sorted()
        return models.flatMap { model in
            let ofModel = doc.points.filter { $0.configuration.model == model }
            let scenarios = test.scenario.map { [$0] } ?? Set(ofModel.map(\.scenario)).sorted()
            return scenarios.map { scenario in
                let scope = PointSelection(model: model, scenario: scenario)
                return FrontierPair(model: model, scenario: scenario, numerator: curve(test.numerator.filling(scope), metric: test.metric),
                                    denominator: curve(test.denominator.filling(scope), metric: test.metric), goal: test.metric.goal)
            }
        }
    }

    /// `kind = "ratio"`: the numerator's advantage at the level (the best pair's, without a fixed
    /// model or scenario). Holds at or above the target; with `search`, holds only under the
    /// interactivity from which the target is reached; cannot be assessed where the frontiers
    /// share no range.
    func ratio(_ test: RatioTest) -> Finding {
        let measured = pairs(test).filter { $0.common != nil }
        let scope = test.model.map { "\($0) \(test.scenario ?? "(best scenario)")" } ?? "best of every model and scenario"
        let sides = "\(test.metric.label) of \(test.numerator.label) against \(test.denominator.label)"
        guard var chosen = measured.first, let x = chosen.interactivity(test.level) else {
            return Finding(condition: "\(scope): \(sides) \(levelText(test.level, nil))\(leverCondition(test))", ours: "n/a",
                           outcome: .notAssessable,
                           detail: "\(test.numerator.label) and \(test.denominator.label) share no interactivity range for \(scope)")
        }
        var best = chosen.advantage(at: x)
        for pair in measured.dropFirst() {
            if let level = pair.interactivity(test.level), let r = pair.advantage(at: level), r > (best ?? 0) { (chosen, best) = (pair, r) }
        }
        let level = chosen.interactivity(test.level) ?? x
        let chosenScope = test.model == nil || test.scenario == nil ? " (\(chosen.model) \(chosen.scenario))" : ""
        var condition = "\(scope): \(sides) \(levelText(test.level, level))"
        if test.betweenBestPoints { condition += " and between the best points" }
        condition += leverCondition(test)
        var ours = "\(best.map { ClaimText.ratio($0, test.display) } ?? "n/a") at \(ClaimText.level(level))\(chosenScope)"
        if test.betweenBestPoints {
            ours += "; \(chosen.betweenBestPoints.map { ClaimText.ratio($0, test.display) } ?? "n/a") between the best points"
        }
        let target = ClaimText.target(test.atLeast, test.display)
        let crossing = test.search ? chosen.crossing(reaching: test.atLeast) : nil
        let reached = crossing.map { "\(target) is reached from \(ClaimText.level($0)) upward" }
        let outcome: ClaimsAudit.Verdict.Outcome, detail: String
        if let r = best, r >= test.atLeast {
            outcome = .holds
            detail = reached ?? "\(ClaimText.ratio(r, test.display)) at \(ClaimText.level(level)) meets the \(target) the claim needs"
        } else if let reached {
            outcome = .holdsOnlyUnder
            detail = reached + "; the interactivity level decides the verdict"
        } else if let r = best {
            outcome = .doesNotHold
            let reading = ClaimText.ratio(r, test.display) + " at " + ClaimText.level(level) + lost(r, test.display)
            detail = lever(test, ratio: r, at: level, scope: chosenScope)
                ?? (test.search ? "the ratio stays below \(target) wherever both frontiers were measured"
                    : "\(reading), short of the \(target) the claim needs")
        } else if test.search {
            outcome = .doesNotHold
            detail = "the ratio stays below \(target) wherever both frontiers were measured"
        } else {
            outcome = .notAssessable
            let range = chosen.common.map { "\($0.lowerBound.fixed(0))–\($0.upperBound.fixed(0))" } ?? "none"
            detail = "\(ClaimText.level(level)) lies outside the range both frontiers reach (\(range))"
        }
        return Finding(condition: condition, ours: ours, outcome: outcome, detail: detail)
    }

    /// ": 11% lost" where a share is shown (percent display) and falls below 100%.
    func lost(_ r: Double, _ display: RatioTest.Display) -> String {
        display == .percent && r < 1 ? ": \(ClaimText.percent(1 - r)) lost" : ""
    }

    /// "at 50 tok/s/user", "at 94 tok/s/user (middle of the range both reach)".
    func levelText(_ level: RatioTest.Level, _ x: Double?) -> String {
        switch (level, x) {
        case let (.at(x), _): "at " + ClaimText.level(x)
        case let (.middle, x?): "at \(ClaimText.level(x)) (middle of the range both reach)"
        case (.middle, nil): "at the middle of the range both reach"
        }
    }

    /// The lever's figures for both GPUs: "; all-in kW per GPU 2.10 against 1.73".
    func leverCondition(_ test: RatioTest) -> String {
        guard let lever = test.lever, let n = leverValue(lever, test.numerator), let d = leverValue(lever, test.denominator) else {
            return ""
        }
        return "; \(leverName(lever)): \(leverText(lever, n)) against \(leverText(lever, d))"
    }

    /// What the numerator's lever would have to be for ratio `r` to reach the target: the
    /// advantage scales as lever(denominator) ÷ lever(numerator), so the numerator's must move ×r/t.
    func lever(_ test: RatioTest, ratio r: Double, at level: Double, scope: String) -> String? {
        guard let lever = test.lever, let n = leverValue(lever, test.numerator), r > 0 else { return nil }
        let needed = r / test.atLeast
        let gpus = [test.numerator, test.denominator].map { $0.hw?.uppercased() ?? $0.label }
        return "\(ClaimText.target(test.atLeast, test.display)) at \(ClaimText.level(level))\(scope) needs \(gpus[0]) at "
            + "\(leverText(lever, n * needed)) \(leverName(lever)) instead of \(leverText(lever, n)) (\(ClaimText.factor(needed))), "
            + "or \(gpus[1]) at \(ClaimText.factor(1 / needed)) of its own"
    }

    /// The catalog's figure for the selection's GPU.
    func leverValue(_ lever: RatioTest.Lever, _ selection: PointSelection) -> Double? {
        guard let hw = selection.hw, let gpu = catalog.gpus[hw] else { return nil }
        return switch lever {
        case .allInKW: gpu.allInKW
        case .usdPerHour: gpu.usdPerHour[assumptions.tier]
        }
    }

    func leverName(_ lever: RatioTest.Lever) -> String {
        switch lever {
        case .allInKW: "all-in kW per GPU"
        case .usdPerHour: "\(assumptions.tier) $/GPU-hour"
        }
    }

    func leverText(_ lever: RatioTest.Lever, _ v: Double) -> String {
        switch lever {
        case .allInKW: v.fixed(2)
        case .usdPerHour: "$" + v.fixed(2)
        }
    }
}
