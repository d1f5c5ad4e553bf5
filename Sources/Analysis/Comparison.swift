import Emulator

/// An emulated point beside the measured point of the same configuration; the record is flat,
/// the measured configuration's fields beside the two throughputs and interactivities.
@dynamicMemberLookup
public struct Comparison: FlatRecord, Sendable, Equatable {
    public var configuration: ServingConfiguration
    /// The measured and emulated values, read as members (`comparison.measured_tput_per_gpu`).
    public var fields: Pair

    /// Throughput per GPU and interactivity, measured and emulated.
    public struct Pair: Codable, Sendable, Equatable {
        public var measured_tput_per_gpu: Double
        public var emulated_tput_per_gpu: Double
        public var measured_median_intvty: Double
        public var emulated_median_intvty: Double
        /// (emulated − measured) / measured.
        public var tput_error: Double { emulated_tput_per_gpu / measured_tput_per_gpu - 1 }
        public var intvty_error: Double { emulated_median_intvty / measured_median_intvty - 1 }
    }

    public init(configuration: ServingConfiguration, fields: Pair) {
        self.configuration = configuration
        self.fields = fields
    }

    public init(configuration: ServingConfiguration, measured_tput_per_gpu: Double, emulated_tput_per_gpu: Double,
                measured_median_intvty: Double, emulated_median_intvty: Double) {
        self.init(
            configuration: configuration,
            fields: Pair(
                measured_tput_per_gpu: measured_tput_per_gpu, emulated_tput_per_gpu: emulated_tput_per_gpu,
                measured_median_intvty: measured_median_intvty, emulated_median_intvty: emulated_median_intvty))
    }

    /// Pairs of measured and emulated results with the same configuration (speculative decoding
    /// and KV-cache format aside); several measured runs of one configuration each get their own row.
    public static func table(_ files: [MeasurementFile]) -> [Comparison] {
        let emulated = files.filter { $0.source == "emulated" }.flatMap(\.results)
        guard !emulated.isEmpty else { return [] }
        var byKey: [ServingConfiguration: BenchmarkResult] = [:]
        for r in emulated { byKey[key(r)] = byKey[key(r)] ?? r }
        return files.filter { $0.source == "measured" }.flatMap(\.results).compactMap { m in
            guard let e = byKey[key(m)], m.tput_per_gpu > 0, m.median_intvty > 0 else { return nil }
            return Comparison(configuration: m.configuration,
                              measured_tput_per_gpu: m.tput_per_gpu, emulated_tput_per_gpu: e.tput_per_gpu,
                              measured_median_intvty: m.median_intvty, emulated_median_intvty: e.median_intvty)
        }
    }

    /// What must match between a measured and an emulated result: all but speculative decoding
    /// (its draft count, whether prefill instances draft) and the KV-cache format.
    static func key(_ r: BenchmarkResult) -> ServingConfiguration {
        var key = r.configuration.reported
        (key.spec_decoding, key.mtp_draft_tokens, key.prefill_drafts, key.kv_cache) = ("none", nil, nil, nil)
        return key
    }
}
