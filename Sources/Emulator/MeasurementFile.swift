import Catalog
import Foundation

/// A measurement file: emulated or imported benchmark results with provenance, plus the
/// configurations that could not run and why.
public struct MeasurementFile: Codable, Sendable, Equatable {
    public struct Skipped: Codable, Sendable, Equatable {
        public var config: ServingConfiguration
        public var reason: String
    }

    /// The version of this file format that this tool writes and reads.
    public static let schemaVersion = 1
    public var schema = schemaVersion
    /// "emulated" or "measured".
    public var source: String
    public var provenance: [String: String]
    public var results: [BenchmarkResult]
    public var skipped: [Skipped]

    public init(source: String, provenance: [String: String], results: [BenchmarkResult], skipped: [Skipped] = []) {
        self.source = source
        self.provenance = provenance
        self.results = results
        self.skipped = skipped
    }

    /// Emulates every configuration of `sweep` on `jobs` threads; results keep the sweep's order.
    /// `progress` is called with the number done so far (from any thread, one call at a time).
    public static func emulate(_ sweep: Sweep, jobs: Int, digest: String, version: String,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) -> MeasurementFile {
        let configs = sweep.configs
        let outcomes = parallelMap(count: configs.count, workers: jobs, progress: progress) { i -> Result<BenchmarkResult, InputError> in
            do throws(InputError) {
                return .success(ServingSimulation(try Deployment(configs[i], catalog: sweep.catalog)).run())
            } catch {
                return .failure(error)
            }
        }
        var results: [BenchmarkResult] = [], skipped: [Skipped] = []
        for (config, outcome) in zip(configs, outcomes) {
            switch outcome {
            case let .success(result): results.append(result)
            case let .failure(error):
                // The reason keeps the bad value ("above the limit of 16384: 1000000000").
                skipped.append(Skipped(config: config, reason: error.value.map { "\(error.problem) \($0)" } ?? error.problem))
            }
        }
        return MeasurementFile(source: "emulated",
                               provenance: ["tool": "tokenomics \(version)", "sweep": sweep.name, "title": sweep.title,
                                            "sweep_digest": digest],
                               results: results, skipped: skipped)
    }
}
