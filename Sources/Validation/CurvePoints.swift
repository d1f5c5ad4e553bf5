import Catalog
import Emulator

extension Validation {
    /// Part (b): every point of the measured curves, in exactly its configuration.
    public static func curvePoints(csv text: String, file: String, catalog: Catalog = .standard,
                                   seed: UInt64 = 1) throws(InputError) -> [Point] {
        var jobs: [(Point, [ServingConfiguration])] = []
        for (i, row) in try rows(text, file: file).enumerated() {
            let line = i + 2
            func integer(_ key: String) throws(InputError) -> Int { Int(try number(row, key, file: file, line: line)) }
            let config = ServingConfiguration(
                hw: row["hw"] ?? "", model: row["model"] ?? "", framework: row["framework"] ?? "", precision: row["precision"] ?? "",
                spec_decoding: row["spec_decoding"].flatMap { $0.isEmpty ? nil : $0 } ?? "none",
                isl: try integer("isl"), osl: try integer("osl"), conc: try integer("conc"), tp: try integer("tp"),
                ep: try integer("ep"), dp_attention: row["dp_attention"] == "true", seed: seed)
            let scenario = config.scenario
            let point = Point(group: "\(config.model) \(config.hw) \(config.framework) \(config.precision) \(scenario)",
                              label: "TP\(config.tp) EP\(config.ep)\(config.dp_attention ? " DPA" : "") conc \(config.conc)",
                              measuredTput: try number(row, "tput_per_gpu", file: file, line: line),
                              measuredTPOT: try number(row, "median_tpot_s", file: file, line: line),
                              measuredTTFT: Double(row["median_ttft_s"] ?? ""))
            jobs.append((point, [config]))
        }
        return emulate(jobs, catalog: catalog)
    }
}
