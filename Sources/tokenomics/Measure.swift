import ArgumentParser
import Catalog
import Emulator
import Foundation

/// `tokenomics measure`: a whole sweep through the emulator.
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Emulate every configuration of a sweep (sweeps/NAME.toml) into a measurement file.",
        discussion: """
            Runs the cross product of the sweep's lists in parallel; configurations that cannot run are listed under `skipped` \
            with their reason. A progress bar is shown when stderr is a terminal.
            """)

    @Argument(help: "The sweep definition (TOML).") var sweep: String
    @Option(name: .shortAndLong, help: "Output measurement file (JSON).") var output: String
    @Option(help: "Calibration profile (`tokenomics calibrate`) for a sweep that names none (default: documented constants).")
    var profile: String?
    @Option(help: "Worker threads (default: the number of cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        try OutputFile.check([output], inputs: [sweep] + [profile].compactMap { $0 })
        let data = try OutputFile.read(sweep)
        var definition = try Sweep(file: sweep, text: String(decoding: data, as: UTF8.self))
        if definition.profile == nil, let profile {
            definition.catalog = try definition.catalog.applying(profileAt: profile)
            definition.profile = profile
        }
        let progress = isatty(STDERR_FILENO) == 1 ? ProgressBar(label: definition.name).update : nil
        var measurement = MeasurementFile.emulate(definition, jobs: max(1, jobs), digest: digest(data),
                                                  version: Tokenomics.version, progress: progress)
        guard !measurement.results.isEmpty else {
            let reasons = Set(measurement.skipped.map(\.reason)).sorted().prefix(3).joined(separator: "; ")
            throw InputError(file: sweep,
                             problem: "no configuration of the sweep can run (\(measurement.skipped.count) skipped: \(reasons))")
        }
        measurement.provenance["catalog_digest"] = Catalog.standard.digest
        if let path = definition.profile {
            measurement.provenance["profile"] = path
            measurement.provenance["profile_digest"] = digest(try OutputFile.read(path))
        }
        try OutputFile.write(try OutputFile.json(measurement), to: output)
        let counts = "\(measurement.results.count) results, \(measurement.skipped.count) skipped"
        Console.note("measure: \(definition.name): \(counts) → \(output)\n")
    }
}
