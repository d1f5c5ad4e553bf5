/// One GPU against the baseline at one interactivity level, for one model and scenario: each
/// GPU's best frontier (any precision, engine and parallelism) read by monotone interpolation.
public struct RatioRecord: Codable, Sendable, Equatable {
    public var source: String
    public var model: String
    public var scenario: String
    public var metric: Metric
    public var numerator: String
    public var denominator: String
    /// tok/s/user.
    public var interactivity: Double
    /// numerator ÷ denominator for throughput and tokens per MW; denominator ÷ numerator for cost
    /// ("× cheaper"); nil ("n/a") where either frontier serves no point at the level (above its last).
    public var value: Double?

    /// Metrics compared.
    public static let metrics: [Metric] = [.tputPerGPU, .tokensPerSecondPerMW, .usdPerMtok]

    /// Every GPU against `baseline` at `levels`, per source, model and scenario where the baseline
    /// was measured, read from the GPU-pooled frontiers against interactivity.
    public static func table(_ frontiers: [FrontierRecord], baseline: String, levels: [Double]) -> [RatioRecord] {
        let pooled = frontiers.filter { $0.series.pooling == .gpu && $0.x == .interactivity && metrics.contains($0.metric) }
        let cases = Set(pooled.map { [$0.source, $0.model, $0.scenario] }).sorted { ($0[1], $0[2], $0[0]) < ($1[1], $1[2], $1[0]) }
        var records: [RatioRecord] = []
        for c in cases {
            let inCase = pooled.filter { [$0.source, $0.model, $0.scenario] == c }
            for metric in metrics {
                let measured = inCase.filter { $0.metric == metric }
                guard let base = measured.first(where: { $0.series.hw == baseline })?.curve else { continue }
                for other in measured.filter({ $0.series.hw != baseline }).sorted(by: { $0.series.hw < $1.series.hw }) {
                    let curve = other.curve
                    for level in levels {
                        let ratio = metric.goal == .maximize ? IsoInteractivity.ratio(curve, over: base, at: level)
                            : IsoInteractivity.ratio(base, over: curve, at: level)
                        records.append(RatioRecord(source: c[0], model: c[1], scenario: c[2], metric: metric, numerator: other.series.hw,
                                                   denominator: baseline, interactivity: level, value: ratio))
                    }
                }
            }
        }
        return records
    }
}
