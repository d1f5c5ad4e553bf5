/// Text style: size in points and weight.
public struct TextStyle: Sendable, Equatable {
    public enum Weight: Sendable, Equatable { case regular, bold }
    public var size: Double
    public var weight: Weight
    public var color: Color

    public init(size: Double, weight: Weight = .regular, color: Color = .text) {
        self.size = size
        self.weight = weight
        self.color = color
    }
}

/// Where a text's anchor point sits on its box.
public enum TextAnchor: Sendable, Equatable {
    case left, center, right
}

/// A line's look: width in points, colour and dash pattern.
public struct Stroke: Sendable, Equatable {
    public var width: Double
    public var color: Color
    public var dash: [Double]

    public init(width: Double, color: Color, dash: [Double] = []) {
        self.width = width
        self.color = color
        self.dash = dash
    }
}

/// What a chart needs from a drawing back end (after matplotlib's renderer): paths, fills and
/// text with its measurement, in points with y down. `CairoCanvas` draws to PDF, PNG and SVG;
/// `RecordingCanvas` records the calls for tests.
public protocol Canvas {
    var size: (width: Double, height: Double) { get }
    func fill(_ path: Path, _ color: Color)
    func stroke(_ path: Path, _ stroke: Stroke)
    /// Draws `text` with its baseline at `at.y`, horizontally anchored at `at.x`; `rotated`
    /// turns it 90° counter-clockwise about the anchor (vertical axis titles).
    func text(_ text: String, at: Point, style: TextStyle, anchor: TextAnchor, rotated: Bool)
    /// Advance width, ascent and descent of `text`, in points.
    func measure(_ text: String, style: TextStyle) -> TextMetrics
    /// Clips subsequent drawing to `rect` until `resetClip`.
    func clip(to rect: Rect)
    func resetClip()
}

public struct TextMetrics: Sendable, Equatable {
    public var width: Double
    public var ascent: Double
    public var descent: Double
    public var height: Double { ascent + descent }
}

extension Canvas {
    /// The box a text occupies when drawn with `text(_:at:style:anchor:rotated:)`.
    public func box(_ text: String, at p: Point, style: TextStyle, anchor: TextAnchor, rotated: Bool = false) -> Rect {
        let m = measure(text, style: style)
        let offset = anchor == .left ? 0 : (anchor == .center ? m.width / 2 : m.width)
        if rotated {
            return Rect(x: p.x - m.ascent, y: p.y - m.width + offset, width: m.height, height: m.width)
        }
        return Rect(x: p.x - offset, y: p.y - m.ascent, width: m.width, height: m.height)
    }
}
