import Catalog
import Foundation

/// The headline claims of NVIDIA's InferenceMAX v1 announcement (DESIGN.md), each checked
/// against the data with its conditions written down, a verdict, and how far the main
/// assumption would have to move to flip it.
public struct ClaimsAudit: Sendable {
    public struct Verdict: Codable, Sendable, Equatable {
        public enum Outcome: String, Codable, Sendable { case holds, holdsOnlyUnder = "holds only under", doesNotHold = "does not hold", notAssessable = "cannot be assessed" }
        public var id: Int
        public var claim: String
        public var condition: String
        public var ours: String
        public var claimed: String
        public var outcome: Outcome
        /// "holds only under …", or what would flip the verdict.
        public var detail: String
    }

    public let verdicts: [Verdict]

    public init(_ doc: AnalysisDocument, assumptions: Assumptions = .standard) {
        let data = AuditData(doc: doc)
        verdicts = [Self.roi(data, assumptions), Self.gptOss(data), Self.llama(data), Self.power(data), Self.cost(data, assumptions), Self.scaling(data)]
    }

    static func money(_ v: Double) -> String {
        if v >= 1e6 { return "$" + (v / 1e6).fixed(v >= 1e7 ? 0 : 1) + "M" }
        return v >= 100 ? "$" + v.fixed(0) : (v >= 1 ? "$" + v.fixed(2) : "$" + v.fixed(3))
    }
    static func tokens(_ v: Double) -> String { TickLabelsText.format(v) }

    // 1. GB200 NVL72: $5M earns $75M (15× ROI).
    static func roi(_ d: AuditData, _ a: Assumptions) -> Verdict {
        let r = a.roi
        let condition = "\(r.model) \(r.scenario), \(r.system) at \(r.interactivity.fixed(0)) tok/s/user (best precision, parallelism, MTP and disaggregated NVL72 layout); \(r.gpus) GPUs, \(money(r.deploymentUSD)), \(r.lifeYears.fixed(0)) years, utilization \((r.utilization * 100).fixed(0))%, price \(money(r.priceUSDPerMtok))/Mtok (assumed; never stated)"
        guard let tput = d.curve(model: r.model, scenario: r.scenario, metric: .tputPerGPU, hw: r.system).value(at: r.interactivity) else {
            return Verdict(id: 1, claim: "GB200 NVL72: a $5M deployment earns $75M in token revenue (15× ROI)", condition: condition,
                           ours: "n/a", claimed: "\(r.claimedMultiple.fixed(0))×", outcome: .notAssessable,
                           detail: "no \(r.system) frontier reaches \(r.interactivity.fixed(0)) tok/s/user for \(r.model) \(r.scenario)\(d.range(model: r.model, scenario: r.scenario, hw: r.system))")
        }
        let deployment = ROI(tokensPerSecondPerGPU: tput, gpus: r.gpus, utilization: r.utilization, lifeYears: r.lifeYears,
                             priceUSDPerMtok: r.priceUSDPerMtok, deploymentUSD: r.deploymentUSD)
        let implied = deployment.impliedPrice(forMultiple: r.claimedMultiple)
        let ours = "\(deployment.multiple.fixed(1))× (\(tokens(tput)) tok/s/GPU; \(money(deployment.revenue_usd)) revenue)"
        let holds = deployment.multiple >= r.claimedMultiple
        return Verdict(id: 1, claim: "GB200 NVL72: a $5M deployment earns $75M in token revenue (15× ROI)", condition: condition, ours: ours,
                       claimed: "\(r.claimedMultiple.fixed(0))×", outcome: holds ? .holds : .holdsOnlyUnder,
                       detail: "\(r.claimedMultiple.fixed(0))× needs \(money(implied)) per million tokens at \((r.utilization * 100).fixed(0))% utilization"
                           + " (\(money(implied * r.utilization / 0.5)) at 50%); the assumed price would have to move ×\((implied / r.priceUSDPerMtok).fixed(2))")
    }

    // 2. Over 60,000 tok/s per GPU on gpt-oss and 1,000 tok/s/user.
    static func gptOss(_ d: AuditData) -> Verdict {
        let points = d.doc.points.filter { $0.model == "gpt-oss-120b" }
        guard let best = points.max(by: { $0.tput_per_gpu < $1.tput_per_gpu }), let fastest = points.max(by: { $0.median_intvty < $1.median_intvty }) else {
            return Verdict(id: 2, claim: "Over 60,000 tok/s per GPU and 1,000 tok/s/user on gpt-oss", condition: "gpt-oss-120b, any GPU", ours: "n/a",
                           claimed: "60,000 tok/s/GPU; 1,000 tok/s/user", outcome: .notAssessable, detail: "no gpt-oss-120b data")
        }
        let both = best.tput_per_gpu >= 60_000 && fastest.median_intvty >= 1_000
        let outcome: Verdict.Outcome = both ? .holds : (best.tput_per_gpu >= 60_000 || fastest.median_intvty >= 1_000 ? .holdsOnlyUnder : .doesNotHold)
        return Verdict(id: 2, claim: "Over 60,000 tok/s per GPU and 1,000 tok/s/user on gpt-oss",
                       condition: "gpt-oss-120b, total (input + output) tokens, any GPU, scenario and concurrency; not at the same point",
                       ours: "\(tokens(best.tput_per_gpu)) tok/s/GPU (\(best.series), \(best.scenario), conc \(best.conc)); \(fastest.median_intvty.fixed(0)) tok/s/user (\(fastest.series), conc \(fastest.conc))",
                       claimed: "60,000 tok/s/GPU; 1,000 tok/s/user", outcome: outcome,
                       detail: [best.tput_per_gpu >= 60_000 ? "the throughput part holds" : "throughput would need ×\((60_000 / best.tput_per_gpu).fixed(2))",
                                fastest.median_intvty >= 1_000 ? "the interactivity part holds"
                                    : "interactivity would need ×\((1_000 / fastest.median_intvty).fixed(2)): 1,000 tok/s/user needs speculative decoding at low concurrency, which these sweeps do not emulate"]
                           .joined(separator: "; "))
    }

    // 3. Llama 3.3 70B: Blackwell 4× H200 per GPU.
    static func llama(_ d: AuditData) -> Verdict {
        let b200 = d.curve(model: "llama-3.3-70b", scenario: "1k/1k", metric: .tputPerGPU, hw: "b200", precision: "fp4")
        let h200 = d.curve(model: "llama-3.3-70b", scenario: "1k/1k", metric: .tputPerGPU, hw: "h200", precision: "fp8")
        let at50 = IsoInteractivity.ratio(b200, over: h200, at: 50)
        let maxRatio = (b200.points.map(\.y).max() ?? 0) / max(h200.points.map(\.y).max() ?? 1, 1e-9)
        let crossing = d.crossing(b200, over: h200, reaching: 4)
        let outcome: Verdict.Outcome = (at50 ?? 0) >= 4 ? .holds : (crossing != nil ? .holdsOnlyUnder : .doesNotHold)
        return Verdict(id: 3, claim: "Llama 3.3 70B: Blackwell gives 4× the per-GPU throughput of H200",
                       condition: "1k/1k, B200 NVFP4 (TensorRT-LLM) against H200 FP8, best parallelism and concurrency, at 50 tok/s/user and at maximum throughput",
                       ours: "\(at50.map { $0.fixed(1) + "×" } ?? "n/a") at 50 tok/s/user; \(maxRatio.fixed(1))× between maximum-throughput points",
                       claimed: "4×", outcome: outcome,
                       detail: crossing.map { "4× is reached from \($0.fixed(0)) tok/s/user upward; the interactivity level decides the verdict" }
                           ?? "the ratio stays below 4× wherever both frontiers were measured")
    }

    // 4. 10× throughput per megawatt against Hopper.
    static func power(_ d: AuditData) -> Verdict {
        let gb200 = d.curve(model: "deepseek-r1", scenario: "8k/1k", metric: .tokensPerSecondPerMW, hw: "gb200", precision: "fp4")
        let h200 = d.curve(model: "deepseek-r1", scenario: "8k/1k", metric: .tokensPerSecondPerMW, hw: "h200", precision: "fp8")
        let at30 = IsoInteractivity.ratio(gb200, over: h200, at: 30)
        let crossing = d.crossing(gb200, over: h200, reaching: 10)
        let outcome: Verdict.Outcome = (at30 ?? 0) >= 10 ? .holds : (crossing != nil ? .holdsOnlyUnder : .doesNotHold)
        return Verdict(id: 4, claim: "10× throughput per megawatt against Hopper",
                       condition: "DeepSeek-R1 8k/1k, GB200 FP4 against H200 FP8, all-in kW per GPU (2.10 vs 1.73), at 30 tok/s/user (SemiAnalysis measured about 8×)",
                       ours: at30.map { $0.fixed(1) + "× at 30 tok/s/user" } ?? "n/a at 30 tok/s/user", claimed: "10×", outcome: outcome,
                       detail: crossing.map { "10× is reached from \($0.fixed(0)) tok/s/user upward" }
                           ?? "10× at 30 tok/s/user needs GB200 at \((2.10 * (at30 ?? 0) / 10).fixed(2)) kW per GPU instead of 2.10 (×\(((at30 ?? 0) / 10).fixed(2)))")
    }

    // 5. 15× lower cost per million tokens.
    static func cost(_ d: AuditData, _ a: Assumptions) -> Verdict {
        var best: (ratio: Double, model: String, scenario: String)?
        for model in Set(d.doc.points.map(\.model)).sorted() {
            for scenario in Set(d.doc.points.filter { $0.model == model }.map(\.scenario)).sorted() {
                let b200 = d.curve(model: model, scenario: scenario, metric: .usdPerMtok, hw: "b200")
                let h200 = d.curve(model: model, scenario: scenario, metric: .usdPerMtok, hw: "h200")
                if let r = IsoInteractivity.ratio(h200, over: b200, at: 50), r > (best?.ratio ?? 0) { best = (r, model, scenario) }
            }
        }
        let cheapest = d.doc.points.filter { $0.model == "gpt-oss-120b" && $0.hw == "b200" }.compactMap { Metric.usdPerMtok.value(of: $0) }.min()
        let ours = (best.map { "\($0.ratio.fixed(1))× (\($0.model) \($0.scenario)) at 50 tok/s/user" } ?? "n/a")
            + "; gpt-oss-120b on B200 from \(cheapest.map(money) ?? "n/a")/Mtok"
        let outcome: Verdict.Outcome = (best?.ratio ?? 0) >= 15 ? .holds : .doesNotHold
        return Verdict(id: 5, claim: "15× lower cost per million tokens",
                       condition: "B200 against H200, \(a.tier) $/GPU-hour, best of every model and scenario at 50 tok/s/user (no model stated); NVIDIA elsewhere quotes gpt-oss-120b on B200 at $0.02/Mtok",
                       ours: ours, claimed: "15×; $0.02/Mtok", outcome: outcome,
                       detail: "15× needs B200 at ×\((max(best?.ratio ?? 0, 1e-9) / 15).fixed(2)) of its \(a.tier) $/GPU-hour (or H200 at ×\((15 / max(best?.ratio ?? 1, 1e-9)).fixed(2)) of its own)")
    }

    // 6. Near-linear scaling across large GPU domains.
    static func scaling(_ d: AuditData) -> Verdict {
        let small = d.curve(model: "deepseek-r1", scenario: "8k/1k", metric: .tputPerGPU, hw: "gb200", tp: 8, disaggregated: true)
        let large = d.curve(model: "deepseek-r1", scenario: "8k/1k", metric: .tputPerGPU, hw: "gb200", tp: 32, disaggregated: true)
        let claim = "Near-linear scaling across large GPU domains (NVLink 5, 72 GPUs)"
        var condition = "DeepSeek-R1 8k/1k on GB200 NVL72, disaggregated: per-GPU throughput (prefill and decode GPUs together) with a 32-GPU decode engine over an 8-GPU one, best prefill pool and MTP"
        // Read where both frontiers were measured: the middle of their common interactivity range.
        guard let a = small.range, let b = large.range, max(a.lowerBound, b.lowerBound) <= min(a.upperBound, b.upperBound) else {
            return Verdict(id: 6, claim: claim, condition: condition, ours: "n/a", claimed: "near-linear (≈100%)", outcome: .notAssessable,
                           detail: "the disaggregated GB200 frontiers with 8 and 32 decode GPUs share no interactivity range (sweeps/deepseek-r1.toml)")
        }
        let level = ((max(a.lowerBound, b.lowerBound) + min(a.upperBound, b.upperBound)) / 2).rounded()
        condition += ", at \(level.fixed(0)) tok/s/user (middle of the range both reach)"
        let retained = IsoInteractivity.ratio(large, over: small, at: level) ?? 0
        return Verdict(id: 6, claim: claim, condition: condition,
                       ours: "\((retained * 100).fixed(0))% of per-GPU throughput retained from an 8- to a 32-GPU decode engine",
                       claimed: "near-linear (≈100%)", outcome: retained >= 0.9 ? .holds : .doesNotHold,
                       detail: retained >= 1 ? "per-GPU throughput grows going wider (a wider decode engine gives each rank more KV room and spreads the experts): linear or better within one NVL72 domain (emulated; across domains is not modeled)"
                           : retained >= 0.9 ? "scaling loses under 10% per GPU within one NVL72 domain (emulated; across domains is not modeled)"
                           : "per-GPU throughput falls \(((1 - retained) * 100).fixed(0))% going wider; the claim needs ≥ 90% retained")
    }
}

/// Frontier look-ups over the analysed points.
struct AuditData {
    let doc: AnalysisDocument

    func curve(model: String, scenario: String, metric: Metric, hw: String, precision: String? = nil, tp: Int? = nil,
               disaggregated: Bool? = nil) -> FrontierCurve {
        let members = doc.points.enumerated().filter { _, p in
            p.model == model && p.scenario == scenario && p.hw == hw && (precision == nil || p.precision == precision)
                && (tp == nil || p.tp == tp) && (disaggregated == nil || p.disagg == disaggregated)
        }
        return FrontierCurve(members.compactMap { i, p in metric.value(of: p).map { TradeoffPoint(x: p.median_intvty, y: $0, index: i) } }, goal: metric.goal)
    }

    /// The lowest interactivity (on a 1 tok/s/user grid) from which numerator/denominator stays at or above `target`.
    func crossing(_ numerator: FrontierCurve, over denominator: FrontierCurve, reaching target: Double) -> Double? {
        guard let a = numerator.range, let b = denominator.range else { return nil }
        let lo = max(a.lowerBound, b.lowerBound), hi = min(a.upperBound, b.upperBound)
        guard lo <= hi else { return nil }
        var x = lo.rounded(.up)
        while x <= hi {
            if let r = IsoInteractivity.ratio(numerator, over: denominator, at: x), r >= target { return x }
            x += 1
        }
        return nil
    }

    func range(model: String, scenario: String, hw: String) -> String {
        guard let r = curve(model: model, scenario: scenario, metric: .tputPerGPU, hw: hw).range else { return " (no data)" }
        return " (measured range \(r.lowerBound.fixed(0))–\(r.upperBound.fixed(0)))"
    }
}

/// "61.6k" style numbers for verdict text.
enum TickLabelsText {
    static func format(_ v: Double) -> String { v >= 10_000 ? (v / 1000).fixed(1) + "k" : v.fixed(0) }
}

extension ClaimsAudit {
    /// The audit as a Markdown table for the report.
    public var markdown: String {
        var lines = ["| # | Claim | Condition | Ours | Claimed | Verdict |", "|---|---|---|---|---|---|"]
        for v in verdicts {
            lines.append("| \(v.id) | \(v.claim) | \(v.condition) | \(v.ours) | \(v.claimed) | **\(v.outcome.rawValue)** — \(v.detail) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
