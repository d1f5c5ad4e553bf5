import ArgumentParser
import Catalog
import Foundation

/// `--assumptions FILE`: economic assumptions overriding the built-in defaults key by key.
struct AssumptionsOption: ParsableArguments {
    @Option(help: "A TOML file overriding economic assumptions (price tier, TCO, ratio baseline and levels, ROI).")
    var assumptions: String?

    func load() throws -> Assumptions {
        guard let assumptions else { return .standard }
        return try Assumptions(overrides: (String(decoding: try OutputFile.read(assumptions), as: UTF8.self), assumptions))
    }
}
