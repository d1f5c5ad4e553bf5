import Emulator

/// An emulated point beside the measured point of the same configuration.
public struct Comparison: Codable, Sendable, Equatable {
    public var hw: String
    public var model: String
    public var framework: String
    public var precision: String
    public var isl: Int
    public var osl: Int
    public var conc: Int
    public var tp: Int
    public var ep: Int
    public var dp_attention: Bool
    public var measured_tput_per_gpu: Double
    public var emulated_tput_per_gpu: Double
    public var measured_median_intvty: Double
    public var emulated_median_intvty: Double

    /// (emulated − measured) / measured.
    public var tput_error: Double { emulated_tput_per_gpu / measured_tput_per_gpu - 1 }
    public var intvty_error: Double { emulated_median_intvty / measured_median_intvty - 1 }

    /// Pairs of measured and emulated results with the same configuration; several measured runs
    /// of one configuration each get their own row.
    public static func table(_ files: [MeasurementFile]) -> [Comparison] {
        let emulated = files.filter { $0.source == "emulated" }.flatMap(\.results)
        guard !emulated.isEmpty else { return [] }
        var byKey: [String: BenchmarkResult] = [:]
        for r in emulated { byKey[key(r)] = byKey[key(r)] ?? r }
        return files.filter { $0.source == "measured" }.flatMap(\.results).compactMap { m in
            guard let e = byKey[key(m)], m.tput_per_gpu > 0, m.median_intvty > 0 else { return nil }
            return Comparison(hw: m.hw, model: m.model, framework: m.framework, precision: m.precision, isl: m.isl, osl: m.osl,
                              conc: m.conc, tp: m.tp, ep: m.ep, dp_attention: m.dp_attention,
                              measured_tput_per_gpu: m.tput_per_gpu, emulated_tput_per_gpu: e.tput_per_gpu,
                              measured_median_intvty: m.median_intvty, emulated_median_intvty: e.median_intvty)
        }
    }

    static func key(_ r: BenchmarkResult) -> String {
        "\(r.hw)|\(r.model)|\(r.framework)|\(r.precision)|\(r.isl)|\(r.osl)|\(r.conc)|\(r.tp)|\(r.ep)|\(r.dp_attention)|\(r.disagg)"
    }
}
