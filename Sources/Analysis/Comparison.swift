import Emulator

/// An emulated point beside the measured point of the same configuration; the record is flat,
/// the measured configuration's fields beside the two throughputs and interactivities.
public struct Comparison: Codable, Sendable, Equatable {
    public var configuration: ServingConfiguration
    public var measured_tput_per_gpu: Double
    public var emulated_tput_per_gpu: Double
    public var measured_median_intvty: Double
    public var emulated_median_intvty: Double

    /// (emulated − measured) / measured.
    public var tput_error: Double { emulated_tput_per_gpu / measured_tput_per_gpu - 1 }
    public var intvty_error: Double { emulated_median_intvty / measured_median_intvty - 1 }

    public init(configuration: ServingConfiguration, measured_tput_per_gpu: Double, emulated_tput_per_gpu: Double,
                measured_median_intvty: Double, emulated_median_intvty: Double) {
        self.configuration = configuration
        self.measured_tput_per_gpu = measured_tput_per_gpu
        self.emulated_tput_per_gpu = emulated_tput_per_gpu
        self.measured_median_intvty = measured_median_intvty
        self.emulated_median_intvty = emulated_median_intvty
    }

    enum CodingKeys: String, CodingKey {
        case measured_tput_per_gpu, emulated_tput_per_gpu, measured_median_intvty, emulated_median_intvty
    }

    public init(from decoder: any Decoder) throws {
        configuration = try ServingConfiguration(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        measured_tput_per_gpu = try c.decode(Double.self, forKey: .measured_tput_per_gpu)
        emulated_tput_per_gpu = try c.decode(Double.self, forKey: .emulated_tput_per_gpu)
        measured_median_intvty = try c.decode(Double.self, forKey: .measured_median_intvty)
        emulated_median_intvty = try c.decode(Double.self, forKey: .emulated_median_intvty)
    }

    public func encode(to encoder: any Encoder) throws {
        try configuration.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(measured_tput_per_gpu, forKey: .measured_tput_per_gpu)
        try c.encode(emulated_tput_per_gpu, forKey: .emulated_tput_per_gpu)
        try c.encode(measured_median_intvty, forKey: .measured_median_intvty)
        try c.encode(emulated_median_intvty, forKey: .emulated_median_intvty)
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
    /// and the KV-cache format.
    static func key(_ r: BenchmarkResult) -> ServingConfiguration {
        var key = r.configuration.reported
        (key.spec_decoding, key.kv_cache) = ("none", nil)
        return key
    }
}
