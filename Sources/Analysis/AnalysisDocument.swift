import Catalog
import Emulator
import Foundation

/// The analysis of one or more measurement files: every point with its economics, the Pareto
/// frontiers per model, scenario and series, and the records that could not be used.
public struct AnalysisDocument: Codable, Sendable, Equatable {
    public struct Rejected: Codable, Sendable, Equatable {
        public var index: Int
        public var reason: String
    }

    public var schema = 1
    public var source: String
    public var provenance: [String: String]
    /// Provenance keys naming what an analysis came from, carried from its measurements: the
    /// sweep definitions, the catalog and the calibration profile (and `assumptions_digest`).
    public static let inputDigests = ["sweep_digest", "catalog_digest", "profile_digest"]
    public var points: [AnalyzedPoint]
    public var frontiers: [FrontierRecord]
    public var rejected: [Rejected]
    /// Configurations the emulator could not run, with their reasons.
    public var skipped: [MeasurementFile.Skipped]
    /// Ratios of each GPU's best frontier to the baseline's at fixed interactivity.
    public var ratios: [RatioRecord]
    /// Return on a deployment of each GPU at the [roi] assumptions.
    public var roi: [ROIRecord]
    /// Bottom-up $/GPU-hour of every GPU in the data.
    public var tco: [TCOBreakdown]
    /// Emulated against measured, where both are given for the same configuration.
    public var comparison: [Comparison]

    /// Analyzes `measurements` against the catalog's power and price figures.
    public init(measurements: [MeasurementFile], provenance: [String: String], catalog: Catalog = .standard,
                assumptions: Assumptions = .standard) {
        var points: [AnalyzedPoint] = []
        var rejected: [Rejected] = []
        var index = 0
        for measurement in measurements {
            for result in measurement.results {
                defer { index += 1 }
                switch Self.analyze(result, source: measurement.source, catalog: catalog, tier: assumptions.tier) {
                case let .success(point): points.append(point)
                case let .failure(reason): rejected.append(Rejected(index: index, reason: reason.problem))
                }
            }
        }
        self.source = Set(measurements.map(\.source)).sorted().joined(separator: "+")
        self.provenance = provenance
        self.points = points
        self.rejected = rejected
        skipped = measurements.flatMap(\.skipped)
        frontiers = FrontierSet.records(points)
        ratios = RatioRecord.table(frontiers, baseline: assumptions.baseline, levels: assumptions.levels)
        roi = ROIRecord.table(frontiers, assumptions: assumptions, catalog: catalog)
        tco = Set(points.map(\.configuration.hw)).sorted().compactMap { hw in
            catalog.gpus[hw].map { TCOBreakdown(gpu: $0, assumptions: assumptions) }
        }
        comparison = Comparison.table(measurements)
    }

    static func analyze(_ r: BenchmarkResult, source: String, catalog: Catalog, tier: String) -> Result<AnalyzedPoint, InputError> {
        let c = r.configuration
        guard r.tput_per_gpu.isFinite, r.tput_per_gpu > 0, r.median_intvty.isFinite, r.median_intvty > 0 else {
            return .failure(InputError(problem: "\(c.hw) \(c.model) conc \(c.conc): throughput or interactivity is zero or not finite"))
        }
        guard let gpu = catalog.gpus[c.hw] else {
            return .failure(InputError(problem: "unknown hardware '\(c.hw)'; known: \(catalog.gpus.keys.listed)"))
        }
        var costs: [String: Double] = [:], output: [String: Double] = [:], input: [String: Double] = [:]
        for (name, price) in gpu.usdPerHour {
            costs[name] = Economics.usdPerMillionTokens(usdPerGPUHour: price, tokensPerSecondPerGPU: r.tput_per_gpu)
            // Every GPU of a disaggregated deployment is paid for, prefill and decode alike.
            output[name] = Economics.usdPerMillionTokens(usdPerGPUHour: price, tokensPerSecondPerGPU: r.outputPerDeploymentGPU)
            input[name] = Economics.usdPerMillionTokens(usdPerGPUHour: price, tokensPerSecondPerGPU: r.inputPerDeploymentGPU)
        }
        let series = SeriesKey(hw: c.hw, framework: c.framework, precision: c.precision, kv_cache: c.kv_cache,
                               spec_decoding: c.spec_decoding, mtp_draft_tokens: c.mtp_draft_tokens, prefill_drafts: c.prefill_drafts,
                               disagg: c.disagg)
        return .success(AnalyzedPoint(
            series: series, source: source, configuration: c, gpus: r.gpus,
            tput_per_gpu: r.tput_per_gpu, output_tput_per_gpu: r.output_tput_per_gpu, input_tput_per_gpu: r.input_tput_per_gpu,
            median_intvty: r.median_intvty, median_tpot: r.median_tpot, median_ttft: r.median_ttft, median_e2el: r.median_e2el,
            usd_per_mtok: costs, usd_per_mtok_output: output, usd_per_mtok_input: input, price_tier: tier,
            tok_per_s_per_mw: Economics.tokensPerSecondPerMW(tokensPerSecondPerGPU: r.tput_per_gpu, allInKW: gpu.allInKW),
            joules_per_token: Economics.joulesPerToken(tokensPerSecondPerGPU: r.tput_per_gpu, allInKW: gpu.allInKW),
            expected_tput_error: r.emulator?.expected_tput_error))
    }

    /// The frontier of `metric` against `x` for a group, if the analysis has it.
    public func frontier(model: String, scenario: String, series: SeriesKey, x: Metric = .interactivity,
                         metric: Metric) -> FrontierRecord? {
        frontiers.first { $0.matches(model: model, scenario: scenario, series: series, x: x, metric: metric) }
    }
}

extension AnalysisDocument {
    /// This analysis and `other` as one: points appended (indices in frontiers shifted), sources joined.
    public func merging(_ other: AnalysisDocument) -> AnalysisDocument {
        var merged = self
        let offset = points.count
        merged.points += other.points
        merged.frontiers += other.frontiers.map { record in
            var shifted = record
            shifted.points = record.points.map { TradeoffPoint(x: $0.x, y: $0.y, index: $0.index + offset) }
            return shifted
        }
        merged.rejected += other.rejected
        merged.skipped += other.skipped
        merged.ratios += other.ratios
        merged.roi += other.roi
        merged.tco += other.tco.filter { t in !tco.contains { $0.gpu == t.gpu } }
        merged.comparison += other.comparison
        merged.source = Set((source + "+" + other.source).split(separator: "+").map(String.init)).sorted().joined(separator: "+")
        for key in ["digest"] + Self.inputDigests + ["assumptions_digest"] {
            guard let theirs = other.provenance[key], provenance[key] != theirs else { continue }
            merged.provenance[key] = provenance[key].map { $0 + "+" + theirs } ?? theirs
        }
        return merged
    }
}
