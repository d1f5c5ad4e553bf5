import Catalog
import Emulator

/// Readers of measurements into observations: InferenceMAX curves (CSV), published
/// maximum-throughput points (CSV) and benchmark results (imported measurement files).
public enum MeasuredPoints {
    /// The project's measured curves (`data/inferencemax/`, its README): the files `make calibrate`
    /// fits besides `referencePoints`, and those `validate` and `make bench` read by default.
    public static let referenceCurves = ["data/inferencemax/inferencemax-curves-train.csv",
                                         "data/inferencemax/inferencemax-curves-api.csv",
                                         "data/inferencemax/inferencemax-curves-disagg.csv",
                                         "data/inferencemax/inferencemax-curves-cdna3.csv"]
    /// The project's published maximum-throughput points.
    public static let referencePoints = "data/inferencemax/inferencemax-public.csv"

    /// The points of a measurement CSV by its header: curves (`median_tpot_s`) or published
    /// points (`median_tpot_ms`); another header is an error naming the file.
    public static func csv(_ text: String, file: String) throws(InputError) -> [Observation] {
        let header = text.prefix { $0 != "\n" && $0 != "\r\n" }
        if header.contains("median_tpot_s") { return try curves(csv: text, file: file) }
        if header.contains("median_tpot_ms") { return try published(csv: text, file: file) }
        throw InputError(file: file, problem: "a CSV of neither measured curves nor published points: its header has",
                         allowed: "median_tpot_s (curves) or median_tpot_ms (published points)")
    }

    /// Every point of measured concurrency curves (`inferencemax-curves-*.csv`) in exactly its
    /// configuration, with the MTP draft count of an `mtp_draft_tokens` column, whether the
    /// prefill instances draft (`prefill_drafts`) and the step's token budget of a
    /// `max_num_tokens` column where a row gives them. TPOT is the median, else
    /// the mean where a source gives only means (the two agree within 0.5% at the median over the
    /// 568 points of the training curves, 5% at most below and 20% above); TTFT only the median
    /// (its mean is 1.4× the median there, up to 28×).
    /// A disaggregated row's layout comes from its decode and prefill columns:
    /// `num_decode_gpu` / `decode_tp` decode engines of TP `decode_tp` and EP `decode_ep` behind
    /// `num_prefill_gpu` / `prefill_tp` prefill instances. The median E2E, where a row gives one,
    /// checks the throughput (`Observation.littleShare`). A framework named as InferenceMAX names
    /// it ("dynamo-trt", "mori-sglang") is read as the engine it runs.
    public static func curves(csv text: String, file: String, seed: UInt64 = 1) throws(InputError) -> [Observation] {
        let csv = try CSVRows(text, file: file)
        var observations: [Observation] = []
        for (line, row) in csv.numbered {
            func integer(_ key: String) throws(InputError) -> Int { try csv.integer(row, key, line: line) }
            let disagg = row["disagg"] == "true"
            var config = ServingConfiguration(
                hw: row["hw"] ?? "", model: row["model"] ?? "", framework: FrameworkTable.engine(of: row["framework"] ?? ""),
                precision: row["precision"] ?? "",
                spec_decoding: row["spec_decoding"].flatMap { $0.isEmpty ? nil : $0 } ?? "none",
                isl: try integer("isl"), osl: try integer("osl"), conc: try integer("conc"),
                tp: try integer(disagg ? "decode_tp" : "tp"), ep: try integer(disagg ? "decode_ep" : "ep"),
                dp_attention: row["dp_attention"] == "true", seed: seed)
            config.mtp_draft_tokens = try csv.optionalInteger(row, "mtp_draft_tokens", line: line)
            config.max_num_tokens = try csv.optionalInteger(row, "max_num_tokens", line: line)
            // Only a prefill that does not draft changes the emulation; true reads as the default.
            config.prefill_drafts = try csv.optionalBool(row, "prefill_drafts", line: line) == false ? false : nil
            if disagg {
                let prefillTP = try integer("prefill_tp")
                config.prefill_instances = try whole(integer("num_prefill_gpu"), of: prefillTP, "num_prefill_gpu", csv, line)
                config.prefill_tp = prefillTP
                config.disagg = true
                let engines = try whole(integer("num_decode_gpu"), of: config.tp, "num_decode_gpu", csv, line)
                config.decode_engines = engines == 1 ? nil : engines
            }
            observations.append(Observation(
                group: Observation.group(of: config), scenario: config.scenario,
                label: label(config), candidates: [config], tput: try csv.number(row, "tput_per_gpu", line: line),
                tpot: try csv.firstNumber(row, ["median_tpot_s", "mean_tpot_s"], line: line),
                ttft: try csv.optionalNumber(row, "median_ttft_s", line: line),
                e2e: try csv.optionalNumber(row, "median_e2el_s", line: line)))
        }
        return observations
    }

    /// `gpus` / `per`: the number of instances of `per` GPUs; an error naming the column when it does not divide.
    static func whole(_ gpus: Int, of per: Int, _ key: String, _ csv: CSVRows, _ line: Int) throws(InputError) -> Int {
        guard gpus % per == 0 else {
            throw InputError(file: "\(csv.file):\(line)", key: key, value: "\(gpus)",
                             problem: "must be a whole number of \(per)-GPU instances, got", allowed: "multiples of \(per)")
        }
        return gpus / per
    }

    /// "TP4 EP1 DPA conc 64" (disaggregated: "3P×TP4 2D×TP8 EP8 DPA conc 2048"; drafting: "… MTP3 conc 16"): a point
    /// of a curve within its group.
    static func label(_ config: ServingConfiguration) -> String {
        let drafts = (config.mtp_draft_tokens.map { " MTP\($0)" } ?? "")
            + (config.prefill_drafts == false ? " \(ServingConfiguration.decodeOnlyDrafts)" : "")
        let decode = "TP\(config.tp) EP\(config.ep)\(config.dp_attention ? " DPA" : "")\(drafts) conc \(config.conc)"
        guard config.disagg, let instances = config.prefill_instances, let prefillTP = config.prefill_tp else { return decode }
        return "\(instances)P×TP\(prefillTP) \(config.decodeEngines)D×\(decode)"
    }

    /// The published maximum-throughput points that are not disaggregated
    /// (`inferencemax-public.csv`), each standing for the best emulation over TP ∈ {1, 2, 4, 8}
    /// (and EP ∈ {1, TP} for mixtures of experts) at the row's concurrency. Where the source does
    /// not state it, the concurrency its other rows of the same model and GPU state (the same
    /// sweep's maximum-throughput point; the largest if several), else 64.
    public static func published(csv text: String, file: String, catalog: Catalog = .standard,
                                 seed: UInt64 = 1) throws(InputError) -> [Observation] {
        let csv = try CSVRows(text, file: file)
        var observations: [Observation] = []
        var sweepMaximum: [String: Int] = [:]
        for (line, row) in csv.numbered where !(row["conc"] ?? "").isEmpty {
            let key = "\(row["model"] ?? "") \(row["hw"] ?? "")"
            sweepMaximum[key] = max(sweepMaximum[key] ?? 0, try csv.integer(row, "conc", line: line))
        }
        for (line, row) in csv.numbered where row["disagg"] != "true" {
            let model = row["model"] ?? "", isl = try csv.integer(row, "isl", line: line)
            let osl = try csv.integer(row, "osl", line: line)
            let stated = (row["conc"] ?? "").isEmpty ? nil : try csv.integer(row, "conc", line: line)
            let hw = row["hw"] ?? "", precision = row["precision"] ?? "", framework = row["framework"] ?? ""
            let moe = catalog.models[model]?.experts != nil
            var candidates: [ServingConfiguration] = []
            let sibling = sweepMaximum["\(model) \(hw)"]
            let conc = stated ?? sibling ?? 64
            for tp in [1, 2, 4, 8] {
                for ep in moe ? [1, tp] : [1] where ep == 1 || tp > 1 {
                    candidates.append(ServingConfiguration(hw: hw, model: model, framework: framework, precision: precision,
                                                           isl: isl, osl: osl, conc: conc, tp: tp, ep: ep, seed: seed))
                }
            }
            let scenario = ServingConfiguration.scenario(isl: isl, osl: osl)
            observations.append(Observation(
                group: Observation.group(of: candidates[0]), scenario: scenario,
                label: "\(scenario) conc \(conc)" + (stated != nil ? "" : sibling != nil ? " (its GPU's other rows)" : " (assumed)"),
                candidates: candidates,
                tput: try csv.number(row, "tput_per_gpu", line: line),
                tpot: try csv.optionalNumber(row, "median_tpot_ms", line: line).map { $0 / 1000 }))
        }
        return observations
    }

    /// Measured benchmark results (a measurement file of `tokenomics import`), each in exactly
    /// its configuration; disaggregated results are left out: a record does not state its layout.
    public static func results(_ results: [BenchmarkResult], seed: UInt64 = 1) -> [Observation] {
        results.filter { !$0.configuration.disagg }.map { result in
            var config = result.configuration
            config.seed = seed
            return Observation(group: Observation.group(of: config), scenario: config.scenario,
                               label: label(config), candidates: [config], tput: result.tput_per_gpu, tpot: result.median_tpot,
                               ttft: result.median_ttft)
        }
    }
}
