import Catalog
import Emulator
import Foundation
import SwiftCSV

/// The emulator against real InferenceMAX measurements (`make validate`).
///
/// (a) Published maximum-throughput points (`inferencemax-public.csv`, aggregated rows): the best
/// emulated throughput per GPU over TP ∈ {1, 2, 4, 8} (and EP ∈ {1, TP} for mixtures of experts)
/// at the row's concurrency (64 where it is not stated). (b) Whole concurrency curves
/// (`inferencemax-curves-train.csv`): every point emulated in exactly its configuration.
public enum Validation {
    /// One measured point beside its emulation; errors are (emulated − measured) / measured.
    public struct Point: Sendable, Codable {
        public var group: String
        public var label: String
        public var measuredTput: Double
        public var emulatedTput: Double?
        public var measuredTPOT: Double?
        public var emulatedTPOT: Double?
        /// Median time to first token, seconds (the curves carry it; the published points do not).
        public var measuredTTFT: Double?
        public var emulatedTTFT: Double?
        /// The parallelism that gave the best emulation where several were tried ("TP4 EP1").
        public var emulatedParallelism: String?
        /// Why no emulation exists (unknown engine, configuration that cannot run).
        public var note: String?

        public init(group: String, label: String, measuredTput: Double, emulatedTput: Double? = nil, measuredTPOT: Double? = nil,
                    emulatedTPOT: Double? = nil, measuredTTFT: Double? = nil, emulatedTTFT: Double? = nil, note: String? = nil) {
            self.group = group
            self.label = label
            self.measuredTput = measuredTput
            self.emulatedTput = emulatedTput
            self.measuredTPOT = measuredTPOT
            self.emulatedTPOT = emulatedTPOT
            self.measuredTTFT = measuredTTFT
            self.emulatedTTFT = emulatedTTFT
            self.note = note
        }

        public var tputError: Double? { emulatedTput.map { $0 / measuredTput - 1 } }
        public var tpotError: Double? {
            guard let m = measuredTPOT, let e = emulatedTPOT, m > 0 else { return nil }
            return e / m - 1
        }
        public var ttftError: Double? {
            guard let m = measuredTTFT, let e = emulatedTTFT, m > 0 else { return nil }
            return e / m - 1
        }
        /// Interactivity error: 1/TPOT, so (m / e) − 1.
        public var intvtyError: Double? {
            guard let m = measuredTPOT, let e = emulatedTPOT, e > 0 else { return nil }
            return m / e - 1
        }
    }

    /// Everything `validate --json` writes: every point and every group summary of both sets.
    public struct Report: Sendable, Codable {
        public var published: [Point]
        public var curves: [Point]
        public var publishedSummary: [GroupSummary]
        public var curveSummary: [GroupSummary]

        public init(published: [Point], curves: [Point]) {
            self.published = published
            self.curves = curves
            publishedSummary = Validation.summarize(published)
            curveSummary = Validation.summarize(curves)
        }
    }

    /// Median and maximum of absolute errors per group.
    public struct GroupSummary: Sendable, Codable {
        public var group: String
        public var count: Int
        public var emulated: Int
        public var medianTputError: Double?
        public var maxTputError: Double?
        public var medianTPOTError: Double?
        public var medianIntvtyError: Double?
        public var medianTTFTError: Double?
    }

    /// Rows of a CSV file with a header, each as column → value; errors name the file.
    static func rows(_ text: String, file: String) throws(InputError) -> [[String: String]] {
        do { return try CSV<Named>(string: text).rows } catch {
            throw InputError(file: file, problem: "not a readable CSV file: \(error)")
        }
    }

    static func number(_ row: [String: String], _ key: String, file: String, line: Int) throws(InputError) -> Double {
        guard let text = row[key], let value = Double(text) else {
            throw InputError(file: "\(file):\(line)", key: key, value: row[key] ?? "", problem: "expected a number, got")
        }
        return value
    }

    /// Part (a): the published maximum-throughput points that are not disaggregated.
    public static func publicPoints(csv text: String, file: String, catalog: Catalog = .standard, seed: UInt64 = 1) throws(InputError) -> [Point] {
        var jobs: [(Point, [EmulationConfig])] = []
        for (i, row) in try rows(text, file: file).enumerated() where row["disagg"] != "true" {
            let line = i + 2
            let model = row["model"] ?? "", isl = Int(try number(row, "isl", file: file, line: line))
            let osl = Int(try number(row, "osl", file: file, line: line))
            let conc = Int(row["conc"] ?? "") ?? 64
            let tpot = Double(row["median_tpot_ms"] ?? "").map { $0 / 1000 }
            let hw = row["hw"] ?? "", precision = row["precision"] ?? "", framework = row["framework"] ?? ""
            let moe = catalog.models[model]?.experts != nil
            var candidates: [EmulationConfig] = []
            for tp in [1, 2, 4, 8] {
                for ep in moe ? [1, tp] : [1] where ep == 1 || tp > 1 {
                    candidates.append(EmulationConfig(gpu: hw, model: model, precision: precision, framework: framework,
                                                      isl: isl, osl: osl, tp: tp, ep: ep, conc: conc, seed: seed))
                }
            }
            let point = Point(group: "\(model) \(hw) \(framework) \(precision)",
                              label: "\(AnalyzedPoint.scenarioLabel(isl: isl, osl: osl)) conc \(conc)\(row["conc"]?.isEmpty ?? true ? " (assumed)" : "")",
                              measuredTput: try number(row, "tput_per_gpu", file: file, line: line), measuredTPOT: tpot)
            jobs.append((point, candidates))
        }
        return emulate(jobs, catalog: catalog)
    }

    /// Part (b): every point of the measured curves, in exactly its configuration.
    public static func curvePoints(csv text: String, file: String, catalog: Catalog = .standard, seed: UInt64 = 1) throws(InputError) -> [Point] {
        var jobs: [(Point, [EmulationConfig])] = []
        for (i, row) in try rows(text, file: file).enumerated() {
            let line = i + 2
            let config = EmulationConfig(
                gpu: row["hw"] ?? "", model: row["model"] ?? "", precision: row["precision"] ?? "", framework: row["framework"] ?? "",
                isl: Int(try number(row, "isl", file: file, line: line)), osl: Int(try number(row, "osl", file: file, line: line)),
                tp: Int(try number(row, "tp", file: file, line: line)), ep: Int(try number(row, "ep", file: file, line: line)),
                dpAttention: row["dp_attention"] == "true", conc: Int(try number(row, "conc", file: file, line: line)), seed: seed,
                specDecoding: row["spec_decoding"].flatMap { $0.isEmpty ? nil : $0 } ?? "none")
            let point = Point(group: "\(config.model) \(config.gpu) \(config.framework) \(config.precision) \(AnalyzedPoint.scenarioLabel(isl: config.isl, osl: config.osl))",
                              label: "TP\(config.tp) EP\(config.ep)\(config.dpAttention ? " DPA" : "") conc \(config.conc)",
                              measuredTput: try number(row, "tput_per_gpu", file: file, line: line),
                              measuredTPOT: try number(row, "median_tpot_s", file: file, line: line),
                              measuredTTFT: Double(row["median_ttft_s"] ?? ""))
            jobs.append((point, [config]))
        }
        return emulate(jobs, catalog: catalog)
    }

    /// Emulates each job's candidates on all cores and keeps the highest throughput per GPU.
    static func emulate(_ jobs: [(Point, [EmulationConfig])], catalog: Catalog) -> [Point] {
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

    /// Summaries per group, in the order groups first appear.
    public static func summarize(_ points: [Point]) -> [GroupSummary] {
        var order: [String] = []
        var members: [String: [Point]] = [:]
        for p in points {
            if members[p.group] == nil { order.append(p.group) }
            members[p.group, default: []].append(p)
        }
        return order.map { group in
            let list = members[group]!
            let tput = list.compactMap(\.tputError).map(abs)
            return GroupSummary(group: group, count: list.count, emulated: tput.count, medianTputError: median(tput),
                                maxTputError: tput.max(), medianTPOTError: medianAbsolute(list.map(\.tpotError)),
                                medianIntvtyError: medianAbsolute(list.map(\.intvtyError)),
                                medianTTFTError: medianAbsolute(list.map(\.ttftError)))
        }
    }

    /// Median of the absolute values of the errors that exist.
    public static func medianAbsolute(_ errors: [Double?]) -> Double? { median(errors.compactMap { $0.map(abs) }) }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
