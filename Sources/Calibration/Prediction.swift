import Catalog
import Emulator
import Foundation

/// What the emulator says of one observation: its best candidate's throughput and latencies, or
/// why no candidate could run.
public struct Prediction: Sendable, Equatable {
    /// Throughput per GPU (tokens/s), median TPOT and TTFT (seconds); nil when nothing ran.
    public var tput: Double?
    public var tpot: Double?
    public var ttft: Double?
    /// The candidate with the highest throughput ("TP4 EP4") where there were several.
    public var parallelism: String?
    /// Why no candidate ran (the first reason).
    public var note: String?

    /// log(emulated / measured) of throughput, TPOT and TTFT where both exist: the residuals a fit weighs.
    func logRatios(_ o: Observation) -> (tput: Double?, tpot: Double?, ttft: Double?) {
        func ratio(_ e: Double?, _ m: Double?) -> Double? {
            guard let e, let m, e > 0, m > 0 else { return nil }
            return log(e / m)
        }
        return (ratio(tput, o.tput), ratio(tpot, o.tpot), ratio(ttft, o.ttft))
    }
}

/// Emulates a set of observations under one catalog or many (a fit's trial constants), running
/// each distinct configuration once per catalog, on all cores.
public struct Predictor: Sendable {
    public let observations: [Observation]
    /// The distinct configurations, most expensive first (so the workers finish together).
    private let configs: [ServingConfiguration]
    /// For each observation, its candidates' positions in `configs`.
    private let candidates: [[Int]]

    public init(_ observations: [Observation]) {
        var index: [ServingConfiguration: Int] = [:]
        var distinct: [ServingConfiguration] = []
        for config in observations.flatMap(\.candidates) where index[config] == nil {
            index[config] = distinct.count
            distinct.append(config)
        }
        // Simulated steps grow with output length and requests (10 × conc): cost ∝ conc × osl.
        let order = distinct.indices.sorted { (distinct[$0].conc * distinct[$0].osl, $1) > (distinct[$1].conc * distinct[$1].osl, $0) }
        var position = [Int](repeating: 0, count: distinct.count)
        for (rank, i) in order.enumerated() { position[i] = rank }
        self.observations = observations
        configs = order.map { distinct[$0] }
        candidates = observations.map { $0.candidates.map { position[index[$0]!] } }
    }

    /// The prediction of every observation under `catalog`.
    public static func predict(_ observations: [Observation], catalog: Catalog = .standard) -> [Prediction] {
        Predictor(observations).predict(under: [catalog])[0]
    }

    /// The predictions of every observation under each catalog, in the order given;
    /// `progress(done, total)` after each emulated configuration.
    public func predict(under catalogs: [Catalog], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                        progress: (@Sendable (Int, Int) -> Void)? = nil) -> [[Prediction]] {
        let count = configs.count, configs = configs
        let outcomes = parallelMap(count: count * catalogs.count, workers: workers,
                                   progress: progress) { job -> Result<BenchmarkResult, InputError> in
            do throws(InputError) {
                let deployment = try Deployment(configs[job / catalogs.count], catalog: catalogs[job % catalogs.count])
                return .success(ServingSimulation(deployment).run())
            } catch {
                return .failure(error)
            }
        }
        return catalogs.indices.map { c in
            candidates.map { positions in best(positions.map { outcomes[$0 * catalogs.count + c] }, of: positions) }
        }
    }

    /// The candidate with the highest throughput, or the first reason none ran.
    private func best(_ outcomes: [Result<BenchmarkResult, InputError>], of positions: [Int]) -> Prediction {
        var prediction = Prediction()
        for (outcome, position) in zip(outcomes, positions) {
            switch outcome {
            case let .success(result) where result.tput_per_gpu > (prediction.tput ?? 0):
                prediction.tput = result.tput_per_gpu
                prediction.tpot = result.median_tpot
                prediction.ttft = result.median_ttft
                if positions.count > 1 { prediction.parallelism = "TP\(configs[position].tp) EP\(configs[position].ep)" }
            case .success: break
            case let .failure(error): prediction.note = prediction.note ?? error.description
            }
        }
        if prediction.tput != nil { prediction.note = nil }
        return prediction
    }
}
