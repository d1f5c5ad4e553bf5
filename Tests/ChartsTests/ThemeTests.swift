import Catalog
@testable import Charts
import XCTest

final class ThemeTests: XCTestCase {
    func testEveryGPUHasItsOwnColour() {
        let theme = Theme.standard
        XCTAssertEqual(Set(theme.gpuColors.keys), Set(Catalog.standard.gpuOrder))
        XCTAssertEqual(Set(theme.gpuColors.values).count, theme.gpuColors.count)
        XCTAssertEqual(theme.gpuColors["h200"], 0x0072B2, "Okabe–Ito blue")
    }

    func testABadThemeNamesTheKeyAndValue() {
        func message(_ text: String) -> String {
            do {
                _ = try Theme(TOMLFields(text: text, file: "theme.toml"), gpus: ["h100", "h200"])
                return "no error"
            } catch { return "\(error)" }
        }
        let others = "\n[others]\ncolors = [\"#777777\"]\n"
        XCTAssertTrue(message("[gpu_colors]\nh100 = \"#56B4E9\"" + others).contains("gpu_colors.h200"), "a GPU without a colour")
        XCTAssertTrue(message("[gpu_colors]\nh100 = \"#56B4E9\"\nh200 = \"blue\"" + others).contains("'blue'"), "not a colour")
        XCTAssertTrue(message("[gpu_colors]\nh100 = \"#56B4E9\"\nh200 = \"#56B4E9\"" + others).contains("share a colour"))
        XCTAssertTrue(message("[gpu_colors]\nh100 = \"#56B4E9\"\nh200 = \"#0072B2\"\nh300 = \"#000000\"" + others).contains("h300"))
        XCTAssertEqual(message("[gpu_colors]\nh100 = \"#56B4E9\"\nh200 = \"#0072B2\"" + others), "no error")
    }
}
