import Analysis
import Catalog
import Charts
import Emulator
import Foundation

/// The parsers of every user input, each as a fuzzing target: bytes in, a value or an
/// `InputError` out, and nothing else — no trap, no hang, no other error. `make fuzz` drives each
/// with libFuzzer (`tokenomics-fuzz`); the tests replay the seeds and every input that once
/// crashed (`fuzz/regressions/TARGET/`) through the same calls.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `sweeps/*.toml` (`Sweep`).
    case sweep
    /// `figures/*.toml` (`FigureSpec`).
    case figure
    /// `assumptions.toml` (`Assumptions`).
    case assumptions
    /// InferenceMAX `agg_bmk.json` (`tokenomics import`).
    case `import`
    /// Measurement files (`tokenomics analyze`'s input).
    case measurement
    /// Calibration profiles (`tokenomics calibrate`'s output, every stage's input).
    case profile
    /// Hugging Face `config.json` (`--model-config`, `model_configs`).
    case modelConfig = "model-config"

    /// The file name the parser is told it reads, as its errors name it.
    static let file = "fuzz-input"

    /// Parses `data` as this target's input; an `InputError` is the expected answer to bad bytes.
    public func parse(_ data: Data) throws(InputError) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .sweep: _ = try Sweep(file: Self.file, text: text)
        case .figure: _ = try FigureSpec(file: Self.file, text: text)
        case .assumptions: _ = try Assumptions(overrides: (text, Self.file))
        case .import: _ = try InferenceMAXImport.read(data, file: Self.file)
        case .measurement: _ = try MeasurementReader.decode(data, file: Self.file)
        case .profile: _ = try CalibrationProfile.read(text, file: Self.file)
        case .modelConfig: _ = ModelSummary(try HuggingFaceConfig.read(json: data, file: Self.file))  // as `catalog models` does
        }
    }

    /// `parse`, with the error's message built (as the command line would print it) and dropped.
    public func run(_ data: Data) {
        do { try parse(data) } catch { _ = error.description }
    }

    /// The real files that seed this target's corpus (shell patterns relative to the repository):
    /// what `make` itself reads, and for the profile and measurements writes. `make fuzz` asks the
    /// driver for them (`TOKENOMICS_FUZZ_LIST=seeds`), so this is the one list.
    /// Files over the fuzzer's 16 KiB input limit come with small valid cuts of them in
    /// `fuzz/seeds/TARGET/`, so the fuzzer starts from inputs that parse.
    public var seeds: [String] {
        let own: [String] = switch self {
        case .sweep: ["sweeps/*.toml"]
        case .figure: ["figures/*.toml"]
        case .assumptions: ["assumptions.toml"]
        case .import: ["data/inferencemax/*.json"]
        case .measurement: ["build/measure/*.json"]
        case .profile: ["build/calibration/profile.toml"]
        case .modelConfig: ["Sources/Catalog/Resources/models/*/config.json"]
        }
        return own + ["fuzz/seeds/\(rawValue)/*"]
    }

    /// The target `TOKENOMICS_FUZZ_TARGET` names, or an error listing the targets.
    public static func fromEnvironment() -> Result<FuzzTarget, InputError> {
        let name = ProcessInfo.processInfo.environment["TOKENOMICS_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            return .failure(InputError(key: "TOKENOMICS_FUZZ_TARGET", value: name, problem: "unknown fuzzing target",
                                       allowed: allCases.map(\.rawValue).listed))
        }
        return .success(target)
    }
}
