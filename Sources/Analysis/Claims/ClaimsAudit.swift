import Catalog
import Foundation

/// The headline claims (`claims.toml`: NVIDIA's InferenceMAX v1 announcement, DESIGN.md), each
/// checked against the data with its conditions written down, a verdict, and how far the main
/// assumption would have to move to flip it.
public struct ClaimsAudit: Sendable {
    public struct Verdict: Codable, Sendable, Equatable {
        public enum Outcome: String, Codable, Sendable {
            case holds
            case holdsOnlyUnder = "holds only under"
            case doesNotHold = "does not hold"
            case notAssessable = "cannot be assessed"
        }

        public var id: Int
        public var claim: String
        public var condition: String
        public var ours: String
        public var claimed: String
        public var outcome: Outcome
        /// "holds only under …", or what would flip the verdict.
        public var detail: String

        public init(id: Int, claim: String, condition: String, ours: String, claimed: String, outcome: Outcome, detail: String) {
            self.id = id
            self.claim = claim
            self.condition = condition
            self.ours = ours
            self.claimed = claimed
            self.outcome = outcome
            self.detail = detail
        }
    }

    public let verdicts: [Verdict]

    /// Evaluates `claims` against `doc`; prices, power and the ROI deployment come from
    /// `assumptions` and `catalog`.
    public init(_ doc: AnalysisDocument, claims: [ClaimDefinition] = ClaimDefinition.standard,
                assumptions: Assumptions = .standard, catalog: Catalog = .standard) {
        let evaluator = ClaimEvaluator(doc: doc, assumptions: assumptions, catalog: catalog)
        verdicts = claims.map(evaluator.verdict)
    }

    /// Verdicts written earlier, to print them again.
    public init(verdicts: [Verdict]) {
        self.verdicts = verdicts
    }

    /// The verdicts file `tokenomics claims --json` wrote (`file` names it in errors).
    public init(json: Data, file: String) throws(InputError) {
        do { verdicts = try JSONDecoder().decode([Verdict].self, from: json) } catch let error as DecodingError {
            throw InputError(file: file, problem: "not a claims verdicts file: " + MeasurementReader.describe(error))
        } catch {
            throw InputError(file: file, problem: "not a claims verdicts file")
        }
    }
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

    /// The audit as plain text for a terminal: one paragraph per claim.
    public var text: String {
        verdicts.map {
            "\($0.id). \($0.claim)\n   condition: \($0.condition)\n   ours: \($0.ours)   claimed: \($0.claimed)\n"
                + "   verdict: \($0.outcome.rawValue) — \($0.detail)\n"
        }.joined(separator: "\n")
    }
}
