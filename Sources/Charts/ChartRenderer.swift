import Foundation

/// Lays out and draws a `ChartSpec` on any `Canvas`: title, subtitle, panels with shared axes,
/// the series (frontier charts) or bar groups, direct labels or a legend, caption and provenance.
public struct ChartRenderer: Sendable {
    public let spec: ChartSpec

    public init(_ spec: ChartSpec) { self.spec = spec }

    // Typography (points).
    static let titleStyle = TextStyle(size: 13, weight: .bold)
    static let subtitleStyle = TextStyle(size: 9.5, color: .secondaryText)
    static let panelStyle = TextStyle(size: 9.5, weight: .bold)
    static let tickStyle = TextStyle(size: 8, color: .secondaryText)
    static let axisTitleStyle = TextStyle(size: 9)
    static let legendStyle = TextStyle(size: 8)
    static let captionStyle = TextStyle(size: 8, color: .secondaryText)
    static let footnoteStyle = TextStyle(size: 6.5, color: Color(hex: 0x777777))
    static let margin = 14.0
    static let panelGap = 18.0

    /// Draws the chart; returns the plot rectangles of its panels (for tests).
    @discardableResult
    public func draw(on canvas: Canvas) -> [Rect] {
        let width = canvas.size.width, height = canvas.size.height
        let m = Self.margin
        let top = drawTitles(on: canvas, top: m, width: width)
        var bottom = drawFooter(on: canvas, bottom: height - m, width: width)
        let useLegend = !spec.bars.isEmpty || spec.panels.count > 1 || spec.legendEntries.count > 8
            || !directLabelsFit(canvas: canvas, top: top, bottom: bottom, width: width)
        if useLegend { bottom = drawLegend(on: canvas, bottom: bottom, width: width) }
        let layout = PanelLayout(spec: spec, canvas: canvas, top: top, bottom: bottom, width: width)
        if spec.bars.isEmpty {
            return layout.drawXY(on: canvas, directLabels: !useLegend)
        }
        return layout.drawBars(on: canvas)
    }

    /// Whether direct labels would fit on a single-panel chart laid out without a legend.
    func directLabelsFit(canvas: Canvas, top: Double, bottom: Double, width: Double) -> Bool {
        guard spec.panels.count == 1 else { return false }
        let layout = PanelLayout(spec: spec, canvas: canvas, top: top, bottom: bottom, width: width)
        return layout.directLabels(for: 0, canvas: canvas) != nil
    }

    /// Title and subtitle; returns the y below them.
    func drawTitles(on canvas: Canvas, top: Double, width: Double) -> Double {
        var y = top
        let title = canvas.measure(spec.title, style: Self.titleStyle)
        canvas.text(spec.title, at: Point(Self.margin, y + title.ascent), style: Self.titleStyle, anchor: .left, rotated: false)
        y += title.height + 3
        if let subtitle = spec.subtitle {
            for line in wrap(subtitle, style: Self.subtitleStyle, width: width - 2 * Self.margin, canvas: canvas) {
                let metrics = canvas.measure(line, style: Self.subtitleStyle)
                canvas.text(line, at: Point(Self.margin, y + metrics.ascent), style: Self.subtitleStyle, anchor: .left, rotated: false)
                y += metrics.height + 1
            }
        }
        return y + 8
    }

    /// Provenance footnote and wrapped caption; returns the y above them.
    func drawFooter(on canvas: Canvas, bottom start: Double, width: Double) -> Double {
        let m = Self.margin
        var bottom = start
        let foot = canvas.measure(spec.footnote, style: Self.footnoteStyle)
        canvas.text(spec.footnote, at: Point(m, bottom - foot.descent), style: Self.footnoteStyle, anchor: .left, rotated: false)
        bottom -= foot.height + 4
        if let caption = spec.caption {
            let lines = wrap(caption, style: Self.captionStyle, width: width - 2 * m, canvas: canvas)
            let lineHeight = canvas.measure("Ag", style: Self.captionStyle).height + 1.5
            bottom -= lineHeight * Double(lines.count)
            for (i, line) in lines.enumerated() {
                let metrics = canvas.measure(line, style: Self.captionStyle)
                canvas.text(
                    line, at: Point(m, bottom + Double(i) * lineHeight + metrics.ascent), style: Self.captionStyle, anchor: .left,
                    rotated: false)
            }
            bottom -= 6
        }
        return bottom
    }

    /// Legend entries (marker on a line sample, or a swatch, then the name) flowed in rows above
    /// `bottom`; returns the y above the legend.
    func drawLegend(on canvas: Canvas, bottom: Double, width: Double) -> Double {
        let entries = spec.legendEntries
        let sample = 22.0, gap = 14.0
        let rowHeight = canvas.measure("Ag", style: Self.legendStyle).height + 5
        var rows: [[(Int, Double)]] = [[]]
        var used = 0.0
        for (i, entry) in entries.enumerated() {
            let entryWidth = sample + 4 + canvas.measure(entry.name, style: Self.legendStyle).width
            if used + entryWidth > width - 2 * Self.margin, !rows[rows.count - 1].isEmpty {
                rows.append([])
                used = 0
            }
            rows[rows.count - 1].append((i, entryWidth))
            used += entryWidth + gap
        }
        let top = bottom - rowHeight * Double(rows.count)
        let ascent = canvas.measure("Ag", style: Self.legendStyle).ascent
        for (r, row) in rows.enumerated() {
            var x = Self.margin
            let baseline = top + Double(r) * rowHeight + ascent
            for (i, entryWidth) in row {
                let entry = entries[i]
                let mid = baseline - 3
                if let marker = entry.marker {
                    canvas.stroke(.polyline([Point(x, mid), Point(x + sample, mid)]), Stroke(width: 1.4, color: entry.color))
                    canvas.fill(Palette.path(marker, at: Point(x + sample / 2, mid), radius: 2.8), entry.color)
                } else {
                    canvas.fill(.rect(Rect(x: x + 4, y: mid - 4.5, width: sample - 8, height: 9)), entry.color)
                }
                canvas.text(entry.name, at: Point(x + sample + 4, baseline), style: Self.legendStyle, anchor: .left, rotated: false)
                x += entryWidth + gap
            }
        }
        return top - 6
    }
}

/// Greedy word wrap to `width`.
func wrap(_ text: String, style: TextStyle, width: Double, canvas: Canvas) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
        let candidate = line.isEmpty ? String(word) : line + " " + word
        if canvas.measure(candidate, style: style).width > width, !line.isEmpty {
            lines.append(line)
            line = String(word)
        } else {
            line = candidate
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}
