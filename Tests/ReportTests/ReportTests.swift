import Analysis
import Catalog
import Emulator
@testable import Report
import Validation
import XCTest

final class ReportTests: XCTestCase {
    static func document() -> AnalysisDocument {
        let r = BenchmarkResult(configuration: ServingConfiguration(hw: "b200", model: "llama-3.3-70b", framework: "trtllm",
                                                                    precision: "fp4", isl: 1024, osl: 1024, conc: 128, tp: 1, ep: 1),
                                tput_per_gpu: 10968, output_tput_per_gpu: 5484, input_tput_per_gpu: 5484, mean_ttft: 0.1,
                                median_ttft: 0.1, p99_ttft: 0.2, mean_tpot: 0.0222, median_tpot: 0.0222, p99_tpot: 0.03,
                                mean_itl: 0.0222, median_itl: 0.0222, p99_itl: 0.03, mean_e2el: 20, median_e2el: 20, p99_e2el: 25,
                                median_intvty: 1 / 0.0222)
        return AnalysisDocument(measurements: [MeasurementFile(source: "measured", provenance: ["title": "Llama"], results: [r])],
                                provenance: ["title": "Llama 3.3 70B"])
    }

    func testTemplateSeesAnalysesAndFigures() throws {
        let context = ReportContext(analyses: [("llama", Self.document())],
                                    figures: [.init(name: "f", title: "Fig & one", png: "../../figures/f.png", pdf: "../../figures/f.pdf",
                                                  csv: "../../figures/f.csv")],
                                    version: "9.9")
        let template = """
        {{% CONTENT_TYPE: TEXT}}
        {{tool}}
        {{#figures}}![{{title}}]({{png}}){{/figures}}
        {{#analyses}}{{title}}: {{points}}{{#rows}}
        | {{series}} | {{tput}} | {{intvty}} | {{usd_per_mtok}} | {{tok_per_mw}} |{{/rows}}{{/analyses}}
        """
        let text = try ReportRenderer.render(template: template, file: "t.mustache", context: context)
        XCTAssertTrue(text.contains("tokenomics 9.9"))
        XCTAssertTrue(text.contains("![Fig & one](../../figures/f.png)"), "TEXT content type: no HTML escaping")
        XCTAssertTrue(text.contains("Llama 3.3 70B: 1"))
        // $1.95/h ÷ (10,968 × 3600 / 1e6) = $0.0494; 10,968 × 1000 / 2.17 kW = 5.05 M tok/s/MW.
        XCTAssertTrue(text.contains("| b200 · trtllm · fp4 | 10968 | 45.0 | $0.049 | 5.05 |"), text)
    }

    /// The accuracy section: one row per validation group with its median errors.
    func testValidationGroupsReachTheTemplate() throws {
        func point(_ relative: Double) -> Validation.Point {
            let factor: Double = 1 + relative
            return Validation.Point(group: "gpt-oss b200 trtllm 1k/1k", label: "", measuredTput: 100, emulatedTput: 100 * factor,
                                    measuredTPOT: 0.01, emulatedTPOT: 0.01 / factor, measuredTTFT: 0.04, emulatedTTFT: 0.05)
        }
        let points = [point(0.1), point(-0.3), point(0.2)]
        let context = ReportContext(analyses: [], figures: [], version: "1",
                                    validation: Validation.Report(published: [], curves: points))
        let template =
            "{{% CONTENT_TYPE: TEXT}}{{#has_validation}}{{#validation_curves_overall}}{{n}} {{tput}}{{/validation_curves_overall}}"
            + "{{#validation_curves}}|{{group}}|{{n}}|{{tput}}|{{max}}|{{intvty}}|{{ttft}}|{{bias}}|{{/validation_curves}}"
            + "{{/has_validation}}"
        let text = try ReportRenderer.render(template: template, file: "t.mustache", context: context)
        // The bias: the median of the signed errors +10%, −30%, +20% of both throughput and interactivity.
        XCTAssertEqual(text, "3 20.0%|gpt-oss b200 trtllm 1k/1k|3|20.0%|30.0%|20.0%|25.0%|+10.0% / +10.0%|")
        let without = try ReportRenderer.render(
            template: template, file: "t.mustache", context: ReportContext(analyses: [], figures: [], version: "1"))
        XCTAssertEqual(without, "", "no validation file, no section")

        let unseen = ReportContext(analyses: [], figures: [], version: "1",
                                   validation: Validation.Report(published: [], curves: points, unseen: [
                                       Validation.UnseenSet(file: "a.csv", points: [point(0.4), point(-0.2)]),
                                       Validation.UnseenSet(file: "b.csv", points: [point(0.1)]),
                                   ]))
        let unseenTemplate = "{{% CONTENT_TYPE: TEXT}}{{#has_unseen}}{{#unseen}}[{{file}}{{#overall}} {{n}} {{tput}}{{/overall}}"
            + "{{#groups}}|{{group}}|{{max}}{{/groups}}]{{/unseen}}{{/has_unseen}}"
        XCTAssertEqual(try ReportRenderer.render(template: unseenTemplate, file: "t.mustache", context: unseen),
                       "[a.csv 2 30.0%|gpt-oss b200 trtllm 1k/1k|40.0%][b.csv 1 10.0%|gpt-oss b200 trtllm 1k/1k|10.0%]",
                       "each file its own medians")
        XCTAssertEqual(try ReportRenderer.render(template: unseenTemplate, file: "t.mustache", context: context), "",
                       "none unseen, no table")
    }

    /// With a profile, the held-out groups and their medians over groups reach the template.
    func testHeldOutGroupsReachTheTemplate() throws {
        let errors = [CalibrationProfile.GroupError(group: "a", points: 3, tput: 0.04, intvty: 0.02, ttft: nil),
                      CalibrationProfile.GroupError(group: "b", points: 5, tput: 0.10, intvty: nil, ttft: 0.3)]
        let cell = CalibrationProfile.Cell(framework: "vllm", family: "hopper", points: 8, groups: ["a", "b"], iterations: 2,
                                           constants: [:], prior: [:], uncertainty: [:], residuals: [], held_out: errors,
                                           expected_error: .init(errors))
        let profile = CalibrationProfile(tool: "t", settings: .init(observation_error: 0.1, ttft_error: 0.25, group_correlation: 0.2),
                                         inputs: [], cells: [cell])
        let context = ReportContext(analyses: [], figures: [], version: "1",
                                    validation: Validation.Report(published: [], curves: [], profile: ("p.toml", profile)))
        let template = "{{% CONTENT_TYPE: TEXT}}{{validation_profile}}{{#has_held_out}}{{#held_out_overall}} {{n}} {{tput}} {{intvty}}"
            + "{{/held_out_overall}}{{#held_out}}|{{cell}}|{{group}}|{{n}}|{{tput}}|{{intvty}}|{{ttft}}{{/held_out}}{{/has_held_out}}"
        let text = try ReportRenderer.render(template: template, file: "t.mustache", context: context)
        XCTAssertEqual(text, "p.toml 2 7.0% 2.0%|vllm × hopper|a|3|4.0%|2.0%|n/a|vllm × hopper|b|5|10.0%|n/a|30.0%")
    }

    func testABrokenTemplateIsAnInputError() {
        XCTAssertThrowsError(try ReportRenderer.render(template: "{{#open}}", file: "bad.mustache",
                                                       context: ReportContext(analyses: [], figures: [], version: "1"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("bad.mustache: template does not parse"), "\(error)")
        }
    }
}

extension ReportTests {
    /// A tag naming a value the report does not have is an input error with the template's line
    /// and the key; names inside sections resolve through the enclosing ones.
    func testAnUnknownTemplateKeyIsAnInputErrorNamingTheLine() throws {
        let context = ReportContext(analyses: [("llama", Self.document())], figures: [], version: "1")
        let good = "{{% CONTENT_TYPE: TEXT}}\n{{tool}}\n{{#analyses}}{{name}} {{tool}}{{#rows}}{{series}}{{/rows}}{{/analyses}}\n"
            + "{{#held_out}}{{no_such_key_in_an_empty_list}}{{/held_out}}"
        XCTAssertNoThrow(try ReportRenderer.render(template: good, file: "t.md.mustache", context: context))
        XCTAssertThrowsError(try ReportRenderer.render(template: "line one\n{{#analyses}}\n{{serie}}\n{{/analyses}}", file: "t.md.mustache",
                                                       context: context)) { error in
            XCTAssertTrue("\(error)".hasPrefix("t.md.mustache:3: key 'serie': the template names a value the report does not have"),
                          "\(error)")
        }
    }

    /// Values are escaped for their output: a `|` in a title stays in its Markdown cell, HTML
    /// templates get HTML entities.
    func testValuesAreEscapedForTheirOutput() throws {
        var document = Self.document()
        document.provenance["title"] = "Llama | <b>70B</b>"
        let context = ReportContext(analyses: [("llama", document)], figures: [], version: "1")
        let markdown = try ReportRenderer.render(template: "{{% CONTENT_TYPE: TEXT}}{{#analyses}}| {{title}} |{{/analyses}}",
                                                 file: "t.md.mustache", context: context)
        XCTAssertEqual(markdown, "| Llama \\| &lt;b&gt;70B&lt;/b&gt; |")
        let html = try ReportRenderer.render(template: "{{#analyses}}<td>{{title}}</td>{{/analyses}}", file: "t.html.mustache",
                                             context: context)
        XCTAssertEqual(html, "<td>Llama | &lt;b&gt;70B&lt;/b&gt;</td>")
    }
}
