/// Checks a recorded drawing for text that covers other text or the data: every pair of text
/// boxes, and every text box against the frontier lines and markers drawn in a plot (the
/// operations between `clip` and `resetClip`: opaque strokes and opaque, non-white fills; faint
/// points, bands and white halos are ground, not data).
public enum LayoutAudit {
    public struct Collision: Sendable, Equatable, CustomStringConvertible {
        public var text: String
        /// What the text covers: another text ("text 'h200'"), a line or a marker.
        public var covers: String
        public var description: String { "'\(text)' covers \(covers)" }
    }

    /// Every collision in `operations`; boxes shrink by `tolerance` points first, so touching is
    /// not covering.
    public static func collisions(_ operations: [RecordingCanvas.Operation], tolerance: Double = 0.3) -> [Collision] {
        var texts: [(String, Rect)] = [], lines: [Segment] = [], markers: [Rect] = []
        var inPlot = false
        for operation in operations {
            switch operation {
            case let .text(text, _, _, _, _, box): texts.append((text, box.insetBy(tolerance, tolerance)))
            case .clip: inPlot = true
            case .resetClip: inPlot = false
            case let .stroke(path, stroke) where inPlot && stroke.color.alpha == 1: lines += segments(path)
            case let .fill(path, color) where inPlot && color.alpha == 1 && color != .white: markers += subpathBoxes(path)
            default: break
            }
        }
        var found: [Collision] = []
        for (i, (text, box)) in texts.enumerated() {
            for (other, otherBox) in texts[(i + 1)...] where box.intersects(otherBox) {
                found.append(Collision(text: text, covers: "text '\(other)'"))
            }
            if lines.contains(where: { $0.intersects(box) }) { found.append(Collision(text: text, covers: "a line")) }
            if markers.contains(where: { $0.intersects(box) }) { found.append(Collision(text: text, covers: "a marker")) }
        }
        return found
    }

    static func segments(_ path: Path) -> [Segment] {
        var out: [Segment] = [], start: Point?, last: Point?
        for element in path.elements {
            switch element {
            case let .move(p): (start, last) = (p, p)
            case let .line(p):
                if let last { out.append(Segment(last, p)) }
                last = p
            case .close:
                if let last, let start { out.append(Segment(last, start)) }
                last = start
            case .circle: break
            }
        }
        return out
    }

    /// The bounding box of each closed shape of a fill: one per polygon or circle.
    static func subpathBoxes(_ path: Path) -> [Rect] {
        var out: [Rect] = [], current: [Point] = []
        for element in path.elements {
            switch element {
            case let .move(p):
                if !current.isEmpty { out.append(.bounding(current)) }
                current = [p]
            case let .line(p): current.append(p)
            case .close: break
            case let .circle(c, r): out.append(Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r))
            }
        }
        if !current.isEmpty { out.append(.bounding(current)) }
        return out
    }
}
