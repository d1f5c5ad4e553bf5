import Analysis

/// A series as a figure draws it: a series key at the figure's pooling, and the source where the
/// figure draws emulated and measured points of one key apart.
public struct FigureSeries: Hashable, Sendable {
    public var key: SeriesKey
    public var source: String?

    /// Legend text and annotation reference: "b200 · trtllm · fp4", "b200 · trtllm · fp4 · measured".
    public var label: String { source.map { "\(key.label) · \($0)" } ?? key.label }
}
