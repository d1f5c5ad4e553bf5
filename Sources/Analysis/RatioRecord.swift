/// One GPU against the baseline at one interactivity level, for one model and scenario: each
/// GPU's best frontier (any precision, engine and parallelism) read by monotone interpolation.
public struct RatioRecord: Codable, Sendable, Equatable {
    public var model: String
    public var scenario: String
    public var metric: Metric
    public var numerator: String
    public var denominator: String
    /// tok/s/user.
    public var interactivity: Double
    /// numerator ÷ denominator for throughput and tokens per MW; denominator ÷ numerator for cost
    /// ("× cheaper"); nil ("n/a") outside either frontier's measured range.
    public var value: Double?

    /// Metrics compared.
    static let metrics: [Metric] = [.tputPerGPU, .tokensPerSecondPerMW, .usdPerMtok]

    /// Every GPU against `baseline` at `levels`, per model and scenario, where the baseline was measured.
    public static func table(_ points: [AnalyzedPoint], baseline: String, levels: [Double]) -> [RatioRecord] {
        var groups: [String: [Int]] = [:]
        for (i, p) in points.enumerated() { groups["\(p.model)\u{1}\(p.scenario)\u{1}\(p.hw)", default: []].append(i) }
        var records: [RatioRecord] = []
        let cases = Set(points.map { "\($0.model)\u{1}\($0.scenario)" }).sorted()
        for key in cases {
            let parts = key.split(separator: "\u{1}").map(String.init)
            guard let base = groups["\(key)\u{1}\(baseline)"] else { continue }
            let hardware = Set(points.filter { $0.model == parts[0] && $0.scenario == parts[1] }.map(\.hw)).subtracting([baseline]).sorted()
            for metric in metrics {
                let goal = metric.goal
                let denominator = curve(points, base, metric)
                for hw in hardware {
                    let numerator = curve(points, groups["\(key)\u{1}\(hw)"]!, metric)
                    for level in levels {
                        let ratio = goal == .maximize ? IsoInteractivity.ratio(numerator, over: denominator, at: level)
                            : IsoInteractivity.ratio(denominator, over: numerator, at: level)
                        records.append(RatioRecord(model: parts[0], scenario: parts[1], metric: metric, numerator: hw,
                                                   denominator: baseline, interactivity: level, value: ratio))
                    }
                }
            }
        }
        return records
    }

    static func curve(_ points: [AnalyzedPoint], _ members: [Int], _ metric: Metric) -> FrontierCurve {
        FrontierCurve(members.compactMap { i in metric.value(of: points[i]).map { TradeoffPoint(x: points[i].median_intvty, y: $0, index: i) } },
                      goal: metric.goal)
    }
}
