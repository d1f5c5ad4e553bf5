import ArgumentParser
import Catalog
import Foundation

/// The command line: parse, call a module, write. Exit status 0 success, 2 bad input, 1 internal failure.
struct Tokenomics: ParsableCommand {
    static let version = "0.1.0"
    static let configuration = CommandConfiguration(
        commandName: "tokenomics",
        abstract: "Regenerates the figures and numbers of an inference-economics whitepaper from first principles.",
        discussion: "Pipeline: measure (or import) → analyze → plot / report. Exit status: 0 success, 2 bad input, 1 internal failure.",
        version: version,
        subcommands: [
            Emulate.self, Measure.self, Import.self, Analyze.self, Plot.self, Report.self, Claims.self, Compare.self, Numerics.self,
            Deps.self, CatalogCommand.self, Calibrate.self, Validate.self,
        ])
}

func fail(_ message: String, code: Int32) -> Never {
    Console.note("tokenomics: error: \(message)\n")
    exit(code)
}

Interrupt.install()
do {
    var command = try Tokenomics.parseAsRoot()
    try command.run()
} catch let error as InputError {
    fail(error.description, code: 2)
} catch let error as OutputFile.WriteError {
    fail(error.description, code: 1)
} catch {
    let code = Tokenomics.exitCode(for: error)
    if code == .success || code == .validationFailure {
        if code == .success {
            print(Tokenomics.fullMessage(for: error))
            exit(0)
        }
        fail(Tokenomics.fullMessage(for: error), code: 2)
    }
    if error is ExitCode { exit(code.rawValue) }
    fail("\(error)", code: 1)
}
