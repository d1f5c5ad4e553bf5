import Catalog
import Emulator
import Foundation

/// The emulator against real InferenceMAX measurements (`make validate`, `build/validate.json`).
///
/// (a) Published maximum-throughput points (`inferencemax-public.csv`, aggregated rows): the best
/// emulated throughput per GPU over TP ∈ {1, 2, 4, 8} (and EP ∈ {1, TP} for mixtures of experts)
/// at the row's concurrency (64 where it is not stated). (b) Whole concurrency curves
/// (`inferencemax-curves-train.csv`): every point emulated in exactly its configuration.
public enum Validation {
    /// Emulates each job's candidates on all cores and keeps the highest throughput per GPU.
    static func emulate(_ jobs: [(Point, [ServingConfiguration])], catalog: Catalog) -> [Point] {
        parallelMap(count: jobs.count, workers: ProcessInfo.processInfo.activeProcessorCount) { j in
            var point = jobs[j].0
            var reasons: [String] = []
            for config in jobs[j].1 {
                do throws(InputError) {
                    let result = ServingSimulation(try Deployment(config, catalog: catalog)).run()
                    if result.tput_per_gpu > (point.emulatedTput ?? 0) {
                        point.emulatedTput = result.tput_per_gpu
                        point.emulatedTPOT = result.median_tpot
                        point.emulatedTTFT = result.median_ttft
                        if jobs[j].1.count > 1 { point.emulatedParallelism = "TP\(config.tp) EP\(config.ep)" }
                    }
                } catch {
                    reasons.append(error.description)
                }
            }
            if point.emulatedTput == nil { point.note = reasons.first }
            return point
        }
    }
}
