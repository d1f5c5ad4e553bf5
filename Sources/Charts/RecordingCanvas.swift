/// A `Canvas` that records what is drawn, for tests of layout and structure. Text is measured
/// with the same FreeType metrics as `CairoCanvas`, so boxes are the ones a PDF would show.
public final class RecordingCanvas: Canvas {
    public enum Operation: Equatable {
        case fill(Path, Color)
        case stroke(Path, Stroke)
        case text(String, Point, TextStyle, TextAnchor, rotated: Bool, box: Rect)
        case clip(Rect)
        case resetClip
    }

    public let size: (width: Double, height: Double)
    public private(set) var operations: [Operation] = []
    let fonts: FontFace

    public init(width: Double, height: Double, fonts: FontFace) {
        size = (width, height)
        self.fonts = fonts
    }

    public func fill(_ path: Path, _ color: Color) { operations.append(.fill(path, color)) }
    public func stroke(_ path: Path, _ stroke: Stroke) { operations.append(.stroke(path, stroke)) }

    public func text(_ text: String, at: Point, style: TextStyle, anchor: TextAnchor, rotated: Bool) {
        operations.append(
            .text(text, at, style, anchor, rotated: rotated, box: box(text, at: at, style: style, anchor: anchor, rotated: rotated)))
    }

    public func measure(_ text: String, style: TextStyle) -> TextMetrics { fonts.measure(text, style: style) }
    public func clip(to rect: Rect) { operations.append(.clip(rect)) }
    public func resetClip() { operations.append(.resetClip) }

    /// Every text drawn, with its box.
    public var texts: [(text: String, box: Rect, style: TextStyle)] {
        operations.compactMap {
            if case let .text(text, _, style, _, _, box) = $0 { return (text, box, style) }
            return nil
        }
    }
}
