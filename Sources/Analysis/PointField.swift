/// A text field of an analysed point that figures group, panel and filter by.
public enum PointField: String, CaseIterable, Sendable, Codable {
    case series, source, hw, model, framework, precision, spec_decoding, scenario, disagg, tp, ep, conc, dp_attention

    /// The field's value at `point`, as figure definitions and legends spell it.
    public func value(of point: AnalyzedPoint) -> String {
        switch self {
        case .series: point.series.label
        case .source: point.source
        case .hw: point.configuration.hw
        case .model: point.configuration.model
        case .framework: point.configuration.framework
        case .precision: point.configuration.precision
        case .spec_decoding: point.configuration.spec_decoding
        case .scenario: point.scenario
        case .disagg: String(point.configuration.disagg)
        case .tp: String(point.configuration.tp)
        case .ep: String(point.configuration.ep)
        case .conc: String(point.configuration.conc)
        case .dp_attention: String(point.configuration.dp_attention)
        }
    }

    /// Every field's name.
    public static var names: [String] { allCases.map(\.rawValue) }
}
