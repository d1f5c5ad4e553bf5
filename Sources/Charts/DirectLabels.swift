/// Places series labels beside the right ends of their frontiers, moving them apart vertically
/// when they collide (a one-dimensional repel), and gives up when any label would stray more than
/// `maxShift` from its anchor, leave the plot, or cover another label or reserved box.
public enum DirectLabels {
    public struct Placement: Sendable, Equatable {
        public var text: String
        /// Baseline origin of the text, left-aligned.
        public var origin: Point
        public var box: Rect
    }

    /// - Parameters:
    ///   - anchors: each label's text and its frontier end, in canvas coordinates.
    ///   - size: each label's width and height (ascent + descent) and ascent.
    ///   - plot: the rectangle labels must stay in.
    ///   - reserved: boxes labels must not cover (other text, annotations).
    public static func place(_ anchors: [(text: String, at: Point)], measure: (String) -> TextMetrics, plot: Rect,
                             reserved: [Rect] = [], gap: Double = 5, maxShift: Double = 36) -> [Placement]? {
        var items = anchors.map { anchor -> (text: String, x: Double, y: Double, metrics: TextMetrics, anchorY: Double) in
            let m = measure(anchor.text)
            let right = anchor.at.x + gap
            let x = right + m.width <= plot.maxX ? right : anchor.at.x - gap - m.width
            return (anchor.text, x, anchor.at.y - m.height / 2, m, anchor.at.y - m.height / 2)
        }
        items.sort { $0.anchorY < $1.anchorY || ($0.anchorY == $1.anchorY && $0.text < $1.text) }
        // Push down from the top, then back up from the bottom edge.
        for i in items.indices {
            items[i].y = max(items[i].y, plot.y)
            if i > 0 { items[i].y = max(items[i].y, items[i - 1].y + items[i - 1].metrics.height + 1) }
        }
        for i in items.indices.reversed() {
            let limit = i == items.count - 1 ? plot.maxY - items[i].metrics.height : items[i + 1].y - items[i].metrics.height - 1
            items[i].y = min(items[i].y, limit)
        }
        var placements: [Placement] = []
        for item in items {
            let box = Rect(x: item.x, y: item.y, width: item.metrics.width, height: item.metrics.height)
            guard abs(item.y - item.anchorY) <= maxShift, plot.contains(box), box.x >= plot.x,
                  !reserved.contains(where: { $0.intersects(box) }),
                  !placements.contains(where: { $0.box.intersects(box) }) else { return nil }
            placements.append(Placement(text: item.text, origin: Point(item.x, item.y + item.metrics.ascent), box: box))
        }
        return placements
    }
}
