import Calibration
import Catalog
import Emulator

/// The emulator against real InferenceMAX measurements (`make validate`, `build/validate.json`).
///
/// (a) Published maximum-throughput points (`inferencemax-public.csv`, aggregated rows): the best
/// emulated throughput per GPU over TP ∈ {1, 2, 4, 8} (and EP ∈ {1, TP} for mixtures of experts)
/// at the row's concurrency (where it is not stated, that of the source's other rows of the same
/// model and GPU, else 64). (b) Whole concurrency curves (`inferencemax-curves-train.csv`,
/// `inferencemax-curves-api.csv`, `inferencemax-curves-disagg.csv`): every point emulated in
/// exactly its configuration.
/// (c) With a calibration profile: each measured group predicted by a fit that left it out.
/// (d) Unseen points (`inferencemax-disagg-mi355x.csv`), emulated like (b) but kept out of the
/// calibration: how far the emulator carries to deployments no constant was fitted to.
public enum Validation {
    /// `progress(done, total)` after each emulated configuration, as `parallelMap` calls it.
    public typealias Progress = @Sendable (Int, Int) -> Void

    /// Part (a), under `catalog` (the documented constants, or a profile's).
    public static func publicPoints(csv text: String, file: String, catalog: Catalog = .standard,
                                    progress: Progress? = nil) throws(InputError) -> [Point] {
        points(try MeasuredPoints.published(csv: text, file: file, catalog: catalog), catalog: catalog, byScenario: false,
               progress: progress)
    }

    /// Part (b), under `catalog`.
    public static func curvePoints(csv text: String, file: String, catalog: Catalog = .standard,
                                   progress: Progress? = nil) throws(InputError) -> [Point] {
        points(try MeasuredPoints.curves(csv: text, file: file), catalog: catalog, byScenario: true, progress: progress)
    }

    /// Each observation beside its prediction; `byScenario` splits groups by scenario ("… 1k/8k").
    static func points(_ observations: [Observation], catalog: Catalog, byScenario: Bool, progress: Progress?) -> [Point] {
        let predictions = Predictor(observations).predict(under: [catalog], progress: progress)[0]
        return zip(observations, predictions).map { o, p in
            var point = Point(group: byScenario ? "\(o.group) \(o.scenario)" : o.group, label: o.label, measuredTput: o.tput,
                              emulatedTput: p.tput, measuredTPOT: o.tpot, emulatedTPOT: p.tpot, measuredTTFT: o.ttft,
                              emulatedTTFT: p.ttft, note: p.note ?? o.inconsistency)
            point.emulatedParallelism = p.parallelism
            return point
        }
    }
}
