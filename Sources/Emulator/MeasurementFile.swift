import Catalog
import Foundation

/// A measurement file: emulated or imported benchmark results with provenance, plus the
/// configurations that could not run and why.
public struct MeasurementFile: Codable, Sendable, Equatable {
    public struct Skipped: Codable, Sendable, Equatable {
        public var config: EmulationConfig
        public var reason: String
    }

    public var schema = 1
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
    /// `progress` is called with the number done so far (from any thread, serialized).
    public static func emulate(_ sweep: Sweep, jobs: Int, digest: String, version: String,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) -> MeasurementFile {
        let configs = sweep.configs
        let outcomes = IndexedResults<Result<BenchmarkResult, InputError>?>(Array(repeating: nil, count: configs.count))
        let next = Counter(), done = Counter()
        // `jobs` workers each take the next configuration until none is left: balanced however
        // unevenly the configurations cost.
        DispatchQueue.concurrentPerform(iterations: max(1, jobs)) { _ in
            while true {
                let i = next.increment() - 1
                guard i < configs.count else { return }
                do throws(InputError) {
                    let deployment = try Deployment(configs[i], catalog: sweep.catalog)
                    outcomes.set(i, .success(ServingSimulation(deployment).run()))
                } catch {
                    outcomes.set(i, .failure(error))
                }
                progress?(done.increment(), configs.count)
            }
        }
        var results: [BenchmarkResult] = [], skipped: [Skipped] = []
        for (config, outcome) in zip(configs, outcomes.values) {
            switch outcome {
            case let .success(result): results.append(result)
            case let .failure(error): skipped.append(Skipped(config: config, reason: error.problem))
            case nil: preconditionFailure("configuration \(config) was not emulated")
            }
        }
        return MeasurementFile(source: "emulated",
                           provenance: ["tool": "tokenomics \(version)", "sweep": sweep.name, "title": sweep.title,
                                        "sweep_digest": digest],
                           results: results, skipped: skipped)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int {
        lock.lock(); defer { lock.unlock() }
        count += 1
        return count
    }
}
