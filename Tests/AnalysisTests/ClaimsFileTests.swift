@testable import Analysis
import Catalog
import XCTest

/// The claims file: the built-in one, and the errors a bad one gets (file, key, value, what is allowed).
final class ClaimsFileTests: XCTestCase {
    /// The tokens-per-MW claim below, with the keys every claim has.
    static let valid = """
    [[claim]]
    id = 4
    text = "10× throughput per megawatt against Hopper"
    source = "NVIDIA"
    published = "10×"

    """ + tokensPerMW

    /// A ratio claim on tokens per MW (the evaluator's tests read it too).
    static let tokensPerMW = """
    kind = "ratio"
    model = "deepseek-r1"
    scenario = "8k/1k"
    metric = "tok_per_s_per_mw"
    numerator = { hw = "gb200", precision = "fp4" }
    denominator = { hw = "h200", precision = "fp8" }
    interactivity = 30
    at_least = 10
    search = true
    lever = "all_in_kw"

    """

    func read(_ text: String) throws -> [ClaimDefinition] { try ClaimDefinition.read(text: text, file: "mine.toml") }

    /// The error reading `Self.valid` with `old` replaced by `new`.
    func error(replacing old: String, with new: String) -> String {
        XCTAssertTrue(Self.valid.contains(old), old)
        do {
            _ = try read(Self.valid.replacingOccurrences(of: old, with: new))
            XCTFail("accepted \(new)")
            return ""
        } catch {
            return "\(error)"
        }
    }

    func testTheBuiltInClaimsAreTheSixHeadlineClaims() throws {
        let claims = ClaimDefinition.standard
        XCTAssertEqual(claims.map(\.id), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(claims.map(\.kind), [.roi, .best, .ratio, .ratio, .ratio, .ratio])
        XCTAssertTrue(claims.allSatisfy { !$0.source.isEmpty && !$0.published.isEmpty })
        guard case let .ratio(power) = claims[3].test else { return XCTFail("claim 4 is a ratio") }
        XCTAssertEqual(power.metric, .tokensPerSecondPerMW)
        XCTAssertEqual(power.numerator, PointSelection(hw: "gb200", precision: "fp4"))
        XCTAssertEqual(power.level, .at(30))
        XCTAssertEqual(power.lever, .allInKW)
        guard case let .ratio(scaling) = claims[5].test else { return XCTFail("claim 6 is a ratio") }
        XCTAssertEqual(scaling.level, .middle)
        XCTAssertEqual(scaling.display, .percent)
        XCTAssertEqual(scaling.numerator, PointSelection(hw: "gb200", tp: 32, disaggregated: true))
    }

    func testAValidFileReadsAsWritten() throws {
        let claims = try read(Self.valid)
        XCTAssertEqual(claims.count, 1)
        guard case let .ratio(test) = claims[0].test else { return XCTFail("a ratio") }
        XCTAssertEqual(test.model, "deepseek-r1")
        XCTAssertEqual(test.atLeast, 10)
        XCTAssertTrue(test.search)
        XCTAssertFalse(test.betweenBestPoints)
        XCTAssertEqual(test.display, .multiple)
    }

    func testUnknownNamesAreRejectedWithWhatIsAllowed() {
        XCTAssertEqual(error(replacing: "\"tok_per_s_per_mw\"", with: "\"watts\""),
                       "mine.toml: key 'claim[0].metric': unknown metric 'watts'; allowed: " + Metric.names.listed)
        XCTAssertEqual(error(replacing: "hw = \"gb200\"", with: "hw = \"gb900\""),
                       "mine.toml: key 'claim[0].numerator.hw': unknown GPU 'gb900'; allowed: " + Catalog.standard.gpus.keys.listed)
        XCTAssertEqual(error(replacing: "kind = \"ratio\"", with: "kind = \"hunch\""),
                       "mine.toml: key 'claim[0].kind': unknown claim kind 'hunch'; allowed: best, ratio, roi")
        XCTAssertTrue(error(replacing: "\"deepseek-r1\"", with: "\"deepseek-r9\"")
            .hasPrefix("mine.toml: key 'claim[0].model': unknown model 'deepseek-r9'; allowed: deepseek-r1, deepseek-v3.2, glm-5"))
        XCTAssertTrue(error(replacing: "precision = \"fp4\"", with: "precision = \"fp3\"")
            .hasPrefix("mine.toml: key 'claim[0].numerator.precision': unknown precision 'fp3'; allowed: "))
        XCTAssertTrue(error(replacing: "search = true", with: "serach = true")
            .hasPrefix("mine.toml: key 'claim[0].serach': unknown key; allowed: "))
        XCTAssertTrue(error(replacing: "hw = \"h200\"", with: "hw = \"h200\", model = \"deepseek-r1\"")
            .hasPrefix("mine.toml: key 'claim[0].denominator.model': unknown key; allowed: disaggregated, framework, hw, precision, tp"))
        XCTAssertEqual(error(replacing: "lever = \"all_in_kw\"", with: "lever = \"fans\""),
                       "mine.toml: key 'claim[0].lever': unknown lever 'fans'; allowed: all_in_kw, usd_per_hour")
    }

    func testValuesOutsideTheirDomainAreRejected() {
        XCTAssertEqual(error(replacing: "interactivity = 30", with: "interactivity = \"fast\""),
                       "mine.toml: key 'claim[0].interactivity': expected a level 'fast'; allowed: a number of tok/s/user, or \"middle\"")
        XCTAssertTrue(error(replacing: "interactivity = 30", with: "interactivity = -5")
            .contains("key 'claim[0].interactivity': must be positive"))
        XCTAssertTrue(error(replacing: "at_least = 10", with: "at_least = \"ten\"")
            .contains("key 'claim[0].at_least': expected a number"))
        XCTAssertTrue(error(replacing: "lever = \"all_in_kw\"", with: "lever = \"usd_per_hour\"")
            .contains("key 'claim[0].lever': metric 'tok_per_s_per_mw' does not derive from 'usd_per_hour'; allowed: usd_per_hour with"))
        XCTAssertEqual(error(replacing: "id = 4\n", with: ""), "mine.toml: key 'claim[0].id': missing required key")
        XCTAssertTrue(error(replacing: "lever", with: "show = \"fraction\"\nlever")
            .contains("unknown display 'fraction'; allowed: multiple, percent"))
        let twice = Self.valid + "\n" + Self.valid
        XCTAssertThrowsError(try read(twice)) {
            XCTAssertTrue("\($0)".contains("key 'claim[1].id': duplicate claim id '4'"), "\($0)")
        }
        XCTAssertThrowsError(try read("title = \"x\"\n")) {
            XCTAssertTrue("\($0)".contains("key 'title': unknown key; allowed: claim"), "\($0)")
        }
        XCTAssertThrowsError(try read("[[claim]\n")) { XCTAssertTrue("\($0)".hasPrefix("mine.toml:1: TOML syntax error"), "\($0)") }
    }

    func testABestClaimNeedsBoundedParts() {
        let best = "[[claim]]\nid = 2\nkind = \"best\"\ntext = \"t\"\nsource = \"s\"\npublished = \"p\"\n"
        XCTAssertThrowsError(try read(best + "part = []\n")) {
            XCTAssertEqual("\($0)", "mine.toml: key 'claim[0].part': a best claim needs at least one [[claim.part]]")
        }
        XCTAssertThrowsError(try read(best + "[[claim.part]]\nname = \"x\"\nmetric = \"conc\"\n")) {
            XCTAssertEqual("\($0)", "mine.toml: key 'claim[0].part[0].at_least': a part needs exactly one of at_least and at_most")
        }
        XCTAssertNoThrow(try read(best + "[[claim.part]]\nname = \"x\"\nmetric = \"conc\"\nat_most = 4\n"))
    }
}
