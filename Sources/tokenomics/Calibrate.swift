import Analysis
import ArgumentParser
import Calibration
import Catalog
import Emulator
import Foundation

/// `tokenomics calibrate`: the engines' software constants fitted to measurements, as a profile.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit the software constants of each engine × GPU family to measurements; write a calibration profile (TOML).",
        discussion: """
            Inputs: InferenceMAX curves (CSV with median_tpot_s), published maximum-throughput points (CSV with median_tpot_ms), \
            an InferenceMAX agg_bmk.json, or measurement files of `tokenomics import`. Bounded least squares on the log errors \
            of throughput per GPU, TPOT and TTFT, with a prior at each constant's documented value (frameworks.toml); \
            hardware facts are never fitted. Where an engine × family was measured on several models, each model then fits \
            its own constants about the engine × family's fit, for that model alone. Each group (model × GPU × engine × \
            precision) of a cell with several is then left out, fitted without and predicted: the profile's held-out errors. \
            A point whose throughput is under 0.8 of what its own median E2E allows (Little's law) is left out, with \
            the reason printed. Too few values for the constants asked, a fit that does not converge or ends on a bound: \
            exit 2, no profile.
            """)

    @Argument(help: "Measurement files (.csv curves or published points, agg_bmk .json, measurement .json).") var inputs: [String]
    @Option(name: .shortAndLong, help: "Output calibration profile (TOML).") var output: String
    @Option(parsing: .upToNextOption, help: """
        Constants to fit in every cell (default: as many as each cell's measurements support, one for every two values): \
        \(FittedConstant.all.map(\.key).joined(separator: ", ")).
        """)
    var constants: [String] = []
    @Flag(inversion: .prefixedNo, help: "Leave each group out in turn and predict it (the profile's held-out errors).")
    var heldOut = true
    @Option(help: "One standard deviation of a measured throughput or TPOT about the model (log ratio).") var observationError = 0.10
    @Option(help: "The same for TTFT.") var ttftError = 0.25
    @Option(help: "Correlation of the errors of two points of one group: a group weighs as at most 1/ρ independent points.")
    var groupCorrelation = 0.2
    @Option(help: """
        Standard deviations beyond which a value's misfit weighs linearly, not quadratically (soft L1), so runs no \
        emulator can reproduce pull little; 0: plain least squares.
        """)
    var outlierScale = 2.0
    @Option(help: "Worker threads (default: the number of cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        for (name, value) in [("--observation-error", observationError), ("--ttft-error", ttftError)] where !(value > 0 && value < 10) {
            throw InputError(key: name, value: "\(value)", problem: "must be a positive log ratio, got", allowed: "0 < σ < 10")
        }
        guard groupCorrelation > 0, groupCorrelation <= 1 else {
            throw InputError(key: "--group-correlation", value: "\(groupCorrelation)", problem: "must be a correlation, got",
                             allowed: "0 < ρ ≤ 1")
        }
        guard outlierScale >= 0, outlierScale.isFinite else {
            throw InputError(key: "--outlier-scale", value: "\(outlierScale)", problem: "must be a number of standard deviations, got",
                             allowed: "0 (plain least squares) or more")
        }
        guard jobs >= 1 else { throw InputError(key: "--jobs", value: "\(jobs)", problem: "must be positive, got", allowed: "≥ 1") }
    }

    func run() throws {
        try OutputFile.check([output], inputs: inputs)
        var observations: [Observation] = [], inputs: [CalibrationProfile.Input] = []
        for path in self.inputs {
            let data = try OutputFile.read(path)
            let read = try Self.observations(data, file: path)
            observations += read
            inputs.append(CalibrationProfile.Input(path: path, digest: digest(data), points: read.count))
        }
        var calibrator = Calibrator()
        calibrator.settings = CalibrationProfile.Settings(observation_error: observationError, ttft_error: ttftError,
                                                         group_correlation: groupCorrelation,
                                                         outlier_scale: outlierScale == 0 ? nil : outlierScale)
        calibrator.constants = constants.isEmpty ? nil : try FittedConstant.named(constants)
        calibrator.holdOut = heldOut
        calibrator.workers = jobs
        if isatty(STDERR_FILENO) == 1 { calibrator.progress = { Console.note("calibrate: \($0)\n") } }
        let outcome = try calibrator.calibrate(observations, inputs: inputs, tool: "tokenomics \(Tokenomics.version)")
        try OutputFile.write(try outcome.profile.toml(), to: output)
        print(Self.summary(outcome))
        Console.note("calibrate: \(outcome.profile.cells.count) cells → \(output)\n")
    }

    /// The points of one input, by its kind.
    static func observations(_ data: Data, file: String) throws(InputError) -> [Observation] {
        let text = String(decoding: data, as: UTF8.self)
        if file.hasSuffix(".csv") { return try MeasuredPoints.csv(text, file: file) }
        let trimmed = text.drop { $0.isWhitespace }
        let measurement = trimmed.hasPrefix("[") ? try InferenceMAXImport.read(data, file: file)
                                                 : try MeasurementReader.decode(data, file: file)
        return MeasuredPoints.results(measurement.results)
    }

    /// Per cell: the constants (prior → fitted ± 1σ; the prior is documented, or for a model's cell the engine × family's
    /// fit), then the median errors of the fit and held out.
    static func summary(_ outcome: Calibrator.Outcome) -> String {
        var lines: [String] = []
        for cell in outcome.profile.cells {
            lines.append("\(cell.name): \(cell.points) points in \(cell.groups.count) groups, \(cell.iterations) iterations")
            for key in cell.constants.keys.sorted() {
                let prior = cell.prior[key].map { "\($0)" } ?? "?"
                let spread = cell.uncertainty[key].map { " ± \(($0 * 100).fixed(1))%" } ?? ""
                lines.append("  \(key.padding(24))\(prior) → \(cell.constants[key]!)\(spread)")
            }
            for (title, errors) in [("fit", cell.residuals), ("held out", cell.held_out)] {
                for e in errors {
                    lines.append("  \(title.padding(9))\(e.group.padding(44))n=\(String(e.points).padding(5))"
                                 + "tput \(e.tput.percent.padding(7)) intvty \(e.intvty.percent.padding(7)) TTFT \(e.ttft.percent)")
                }
            }
            if let expected = cell.expected_error {
                lines.append("  expected error on an unseen group: tput ±\(Optional(expected.tput).percent), "
                             + "intvty ±\(expected.intvty.percent)")
            }
        }
        for (observation, reason) in outcome.leftOut {
            lines.append("left out: \(observation.group) \(observation.label): \(reason)")
        }
        return lines.joined(separator: "\n")
    }
}
