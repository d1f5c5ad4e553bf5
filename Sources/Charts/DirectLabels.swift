/// Places each series' label at the end of its curve without covering any line, marker or other
/// label: a search over candidate positions around the curve's last vertices (right, above,
/// below, left and the diagonals of each, nearest first), then positions displaced up or down
/// from the end, tied to it by a leader line. Labels are placed top end first; nil when one finds
/// no free position (the chart then draws a legend).
public enum DirectLabels {
    public struct Placement: Sendable, Equatable {
        public var text: String
        /// Baseline origin of the text, left-aligned.
        public var origin: Point
        public var box: Rect
        /// A thin line from the curve's end to a displaced label; empty when the label sits beside it.
        public var leader: [Point]
    }

    /// What labels must not cover: drawn line segments and boxes (markers, annotation labels).
    public struct Obstacles: Sendable {
        public var segments: [Segment]
        public var boxes: [Rect]

        public init(segments: [Segment] = [], boxes: [Rect] = []) {
            self.segments = segments
            self.boxes = boxes
        }

        func blocks(_ box: Rect) -> Bool {
            boxes.contains { $0.intersects(box) } || segments.contains { $0.intersects(box) }
        }
    }

    /// - Parameters:
    ///   - curves: each label's text and the canvas vertices of its curve, in drawing order (the
    ///     end the label belongs to last).
    ///   - measure: a text's width, ascent and descent.
    ///   - plot: the rectangle labels stay in.
    ///   - gap: distance between a label and its anchor vertex.
    public static func place(_ curves: [(text: String, curve: [Point])], measure: (String) -> TextMetrics, plot: Rect,
                             obstacles: Obstacles, gap: Double = 4) -> [Placement]? {
        var blocked = obstacles
        var placements: [Placement] = []
        let ordered = curves.filter { !$0.curve.isEmpty }.sorted { ($0.curve.last!.y, $0.text) < ($1.curve.last!.y, $1.text) }
        for (text, curve) in ordered {
            let m = measure(text)
            let found = candidates(curve, metrics: m, gap: gap).first { candidate in
                plot.contains(candidate.box) && !blocked.blocks(candidate.box.insetBy(-1, -1))
                    && !Segment.of(candidate.leader).contains { s in placements.contains { s.intersects($0.box) } }
            }
            guard let found else { return nil }
            let origin = Point(found.box.x, found.box.y + m.ascent)
            placements.append(Placement(text: text, origin: origin, box: found.box, leader: found.leader))
            blocked.boxes.append(found.box)
            blocked.segments += Segment.of(found.leader)
        }
        return placements
    }

    /// Candidate boxes, most preferred first: beside each of the last three vertices, then displaced
    /// from the end in steps of one line, up to eight lines up or down.
    static func candidates(_ curve: [Point], metrics m: TextMetrics, gap: Double) -> [(box: Rect, leader: [Point])] {
        var out: [(Rect, [Point])] = []
        let w = m.width, h = m.height
        for anchor in curve.suffix(3).reversed() {
            let (x, y) = (anchor.x, anchor.y)
            let offsets = [(gap, -h / 2), (gap / 2, -h - gap / 2), (gap / 2, gap / 2), (-w / 2, -h - gap), (-w / 2, gap),
                           (-gap - w, -h / 2), (-gap / 2 - w, -h - gap / 2), (-gap / 2 - w, gap / 2)]
            out += offsets.map { (Rect(x: x + $0.0, y: y + $0.1, width: w, height: h), []) }
        }
        let end = curve.last!
        for step in 1...8 {
            for sign in [-1.0, 1.0] {
                let box = Rect(x: end.x + 3 * gap, y: end.y - h / 2 + sign * Double(step) * (h + 2), width: w, height: h)
                let from = Point(end.x + gap / 2, end.y)
                out.append((box, [from, box.nearest(to: from)]))
            }
        }
        return out
    }
}
