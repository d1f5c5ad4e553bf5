import Foundation
import TOMLKit

/// A calibration profile (`tokenomics calibrate`, TOML): the software constants of each engine ×
/// GPU family fitted to measurements, with what the fit rests on — the documented value each
/// constant started from (its prior), the uncertainty of the fit, the residuals per measured
/// group, the error on groups left out of the fit, and the digests of the inputs.
///
/// Applied to a catalog (`Catalog.applying(_:)`), a cell's constants sit above the engine's and
/// the family's values of `frameworks.toml` and below its per-GPU launch recipes. An engine ×
/// family that no cell names keeps the documented values. Where an engine × family was measured
/// on several models, each model also has a cell of its own (`model`), fitted about the engine ×
/// family's constants and applied above them to that model alone: the engine runs each model's
/// operators on that model's kernels, whose efficiency and latency differ (TensorRT-LLM's
/// DeepSeek-R1 against its gpt-oss). A model never measured there takes the engine × family's.
public struct CalibrationProfile: Codable, Sendable, Equatable {
    public var schema = 1
    /// The tool that wrote the profile.
    public var tool: String
    /// What the fit weighs: the relative error of one measured value (1σ, log scale).
    public var settings: Settings
    public var inputs: [Input]
    public var cells: [Cell]

    public struct Settings: Codable, Sendable, Equatable {
        /// One standard deviation of a measured throughput or TPOT about the model, as a log ratio.
        public var observation_error: Double
        /// The same for TTFT, which queueing makes noisier.
        public var ttft_error: Double
        /// Correlation of the errors of two points of one group (one engine build, one model, one
        /// GPU share their systematic errors): a group of n points weighs as n / (1 + (n − 1)ρ)
        /// independent ones, at most 1/ρ.
        public var group_correlation: Double
        /// Where a measured value's misfit stops weighing quadratically, in standard deviations c:
        /// a residual z costs c²(√(1 + (z/c)²) − 1) (soft L1), quadratic within c and linear
        /// beyond, so a run no emulator can reproduce pulls the constants little. InferenceMAX's
        /// curves repeat some configurations at half the throughput with the same TPOT (runs whose
        /// throughput its own latencies cannot account for). nil: plain least squares.
        public var outlier_scale: Double?
        public init(observation_error: Double, ttft_error: Double, group_correlation: Double, outlier_scale: Double? = nil) {
            self.observation_error = observation_error
            self.ttft_error = ttft_error
            self.group_correlation = group_correlation
            self.outlier_scale = outlier_scale
        }
    }

    /// One measurement file the fit read.
    public struct Input: Codable, Sendable, Equatable {
        public var path: String
        public var digest: String
        /// Measured points read from it (each a throughput with TPOT and TTFT where given).
        public var points: Int
        public init(path: String, digest: String, points: Int) {
            self.path = path
            self.digest = digest
            self.points = points
        }
    }

    /// The fit of one engine on one GPU family, or of one model on them (`model`).
    public struct Cell: Codable, Sendable, Equatable {
        public var framework: String
        public var family: String
        /// The model of a model's own cell; nil: the engine × family's, for every model.
        public var model: String?
        /// Measured points and groups (model × GPU × engine × precision) the fit used.
        public var points: Int
        public var groups: [String]
        /// Levenberg–Marquardt iterations until the cost stopped falling.
        public var iterations: Int
        /// The fitted constants, by `frameworks.toml` key, in that file's units.
        public var constants: [String: Double]
        /// The value each fitted constant started from and its prior centred on: the documented
        /// one, or for a model's cell the engine × family's fitted value.
        public var prior: [String: Double]
        /// One standard deviation of each fitted constant, relative (0.05: ±5%).
        public var uncertainty: [String: Double]
        /// Median errors of the fitted emulator on each group of the fit.
        public var residuals: [GroupError]
        /// Median errors on each group when it was left out of the fit and predicted.
        public var held_out: [GroupError]
        /// The error to expect from this engine × family on a group it was not fitted on, or nil
        /// where nothing was held out.
        public var expected_error: ExpectedError?

        public init(framework: String, family: String, points: Int, groups: [String], iterations: Int,
                    constants: [String: Double], prior: [String: Double], uncertainty: [String: Double],
                    residuals: [GroupError], held_out: [GroupError], expected_error: ExpectedError?, model: String? = nil) {
            self.framework = framework
            self.family = family
            self.model = model
            self.points = points
            self.groups = groups
            self.iterations = iterations
            self.constants = constants
            self.prior = prior
            self.uncertainty = uncertainty
            self.residuals = residuals
            self.held_out = held_out
            self.expected_error = expected_error
        }

        /// "sglang × blackwell"; "trtllm × blackwell × deepseek-r1" for a model's cell.
        public var name: String { "\(framework) × \(family)" + (model.map { " × \($0)" } ?? "") }
    }

    /// Median |error| of one group: (emulated − measured) / measured, of throughput per GPU, of
    /// interactivity (1/TPOT) and of TTFT, where measured.
    public struct GroupError: Codable, Sendable, Equatable {
        public var group: String
        public var points: Int
        public var tput: Double?
        public var intvty: Double?
        public var ttft: Double?
        public init(group: String, points: Int, tput: Double?, intvty: Double?, ttft: Double?) {
            self.group = group
            self.points = points
            self.tput = tput
            self.intvty = intvty
            self.ttft = ttft
        }
    }

    /// Expected |error| of throughput per GPU and of interactivity on a group the fit has not
    /// seen: the median over held-out groups of each group's median |error|.
    public struct ExpectedError: Codable, Sendable, Equatable {
        public var tput: Double
        public var intvty: Double?
        public init(tput: Double, intvty: Double?) {
            self.tput = tput
            self.intvty = intvty
        }

        /// From held-out group errors; nil without any.
        public init?(_ heldOut: [GroupError]) {
            guard let tput = CalibrationProfile.median(heldOut.compactMap(\.tput)) else { return nil }
            self.init(tput: tput, intvty: CalibrationProfile.median(heldOut.compactMap(\.intvty)))
        }
    }

    /// The error to expect from `framework` on GPU `family` (serving `model`): its cell's held-out
    /// error (a cell of one group: that group on the inherited constants); where the cell held
    /// nothing out, the median over every held-out group; where it was never measured, the worst
    /// held-out group (nothing says it is better than that). A model never measured on an engine
    /// × family that was measured on several models, each fitted on its own, takes the cell's
    /// worst held-out group: a group whose model has no other group there is predicted as such a
    /// model would be, and those are the worst. nil when the profile held nothing out.
    public func expectedError(_ framework: String, on family: String, model: String? = nil) -> ExpectedError? {
        guard let measured = cell(framework, family) else { return worstHeldOut }
        let models = cells.filter { $0.framework == framework && $0.family == family }.compactMap(\.model)
        if let model, !models.isEmpty, !models.contains(model) { return Self.worst(measured.held_out) ?? heldOut }
        return measured.expected_error ?? heldOut
    }

    /// The largest held-out median errors of throughput and of interactivity over all groups.
    public var worstHeldOut: ExpectedError? { Self.worst(cells.flatMap(\.held_out)) }

    /// The largest median errors of throughput and of interactivity among `groups`; nil without any.
    static func worst(_ groups: [GroupError]) -> ExpectedError? {
        groups.compactMap(\.tput).max().map { ExpectedError(tput: $0, intvty: groups.compactMap(\.intvty).max()) }
    }

    /// Every cell's held-out groups together: the generalization of the whole calibration.
    public var heldOut: ExpectedError? { ExpectedError(cells.flatMap(\.held_out)) }

    /// The median of `values`, nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    public init(tool: String, settings: Settings, inputs: [Input], cells: [Cell]) {
        self.tool = tool
        self.settings = settings
        self.inputs = inputs
        self.cells = cells
    }

    /// The cell of `framework` on `family` (of `model` alone, where given), if fitted.
    public func cell(_ framework: String, _ family: String, model: String? = nil) -> Cell? {
        cells.first { $0.framework == framework && $0.family == family && $0.model == model }
    }

    /// The profile as TOML, with a header saying where it came from. Numbers print in their
    /// shortest form (a profile rounds what it stores); the same profile gives the same bytes.
    public func toml() throws -> String {
        let header = """
            # Calibration profile: software constants fitted to measurements by `tokenomics calibrate`.
            # Generated — do not edit; rebuild it from its inputs (`make calibrate`). Constants use the
            # keys and units of frameworks.toml; uncertainty is one standard deviation, relative.

            """
        let encoder = TOMLEncoder(options: [.allowLiteralStrings, .allowMultilineStrings, .relaxedFloatPrecision])
        return header + (try encoder.encode(self)) + "\n"
    }

    /// Reads a profile; a syntax error, a missing or unknown key, or a wrong type names the file.
    public static func read(_ text: String, file: String) throws(InputError) -> CalibrationProfile {
        let fields = try TOMLFields(text: text, file: file)
        try fields.rejectUnknownKeys(allowed: ["schema", "tool", "settings", "inputs", "cells"])
        for cell in fields.has("cells") ? try fields.tableArray("cells") : [] {
            try cell.rejectUnknownKeys(allowed: ["framework", "family", "model", "points", "groups", "iterations", "constants", "prior",
                                                 "uncertainty", "residuals", "held_out", "expected_error"])
        }
        let profile: CalibrationProfile
        do { profile = try TOMLDecoder().decode(CalibrationProfile.self, from: text) } catch {
            throw InputError(file: file, problem: "not a calibration profile: \(error)")
        }
        guard profile.schema == 1 else {
            throw InputError(file: file, key: "schema", value: "\(profile.schema)", problem: "unknown profile schema", allowed: "1")
        }
        return profile
    }
}
