import Catalog
import Emulator

extension Validation {
    /// Part (a): the published maximum-throughput points that are not disaggregated, each beside
    /// the best emulation over TP ∈ {1, 2, 4, 8} (and EP ∈ {1, TP} for mixtures of experts) at
    /// the row's concurrency (64 where it is not stated).
    public static func publicPoints(csv text: String, file: String, catalog: Catalog = .standard,
                                    seed: UInt64 = 1) throws(InputError) -> [Point] {
        var jobs: [(Point, [ServingConfiguration])] = []
        for (i, row) in try rows(text, file: file).enumerated() where row["disagg"] != "true" {
            let line = i + 2
            let model = row["model"] ?? "", isl = Int(try number(row, "isl", file: file, line: line))
            let osl = Int(try number(row, "osl", file: file, line: line))
            let conc = Int(row["conc"] ?? "") ?? 64
            let tpot = Double(row["median_tpot_ms"] ?? "").map { $0 / 1000 }
            let hw = row["hw"] ?? "", precision = row["precision"] ?? "", framework = row["framework"] ?? ""
            let moe = catalog.models[model]?.experts != nil
            var candidates: [ServingConfiguration] = []
            for tp in [1, 2, 4, 8] {
                for ep in moe ? [1, tp] : [1] where ep == 1 || tp > 1 {
                    candidates.append(ServingConfiguration(hw: hw, model: model, framework: framework, precision: precision,
                                                           isl: isl, osl: osl, conc: conc, tp: tp, ep: ep, seed: seed))
                }
            }
            let assumed = row["conc"]?.isEmpty ?? true ? " (assumed)" : ""
            let point = Point(group: "\(model) \(hw) \(framework) \(precision)",
                              label: "\(ServingConfiguration.scenario(isl: isl, osl: osl)) conc \(conc)\(assumed)",
                              measuredTput: try number(row, "tput_per_gpu", file: file, line: line), measuredTPOT: tpot)
            jobs.append((point, candidates))
        }
        return emulate(jobs, catalog: catalog)
    }
}
