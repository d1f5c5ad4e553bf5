/// A text field of an analysed point that figures group, panel and filter by.
public enum PointField: String, CaseIterable, Sendable, Codable {
    case series, source, hw, model, framework, precision, spec_decoding, scenario, disagg, tp, dp_attention

    /// The field's value at `point`, as figure definitions and legends spell it.
    public func value(of point: AnalyzedPoint) -> String {
        switch self {
        case .series: point.series.label
        case .source: point.source
        case .hw: point.hw
        case .model: point.model
        case .framework: point.framework
        case .precision: point.precision
        case .spec_decoding: point.spec_decoding
        case .scenario: point.scenario
        case .disagg: String(point.disagg)
        case .tp: String(point.tp)
        case .dp_attention: String(point.dp_attention)
        }
    }

    /// Every field's name.
    public static var names: [String] { allCases.map(\.rawValue) }
}
