import Foundation

/// Lays out and draws a `ChartSpec` on any `Canvas`: title, subtitle, panels with shared axes,
/// the series (frontier charts) or bar groups, direct labels or a legend, caption and provenance.
public struct ChartRenderer: Sendable {
    public let spec: ChartSpec

    public init(_ spec: ChartSpec) { self.spec = spec }

    // Typography (points): 7–9 pt, the sizes a journal prints at a single (3.5 in) or double
    // (7 in) column, so a figure drawn at its paper size needs no scaling.
    static let titleStyle = TextStyle(size: 9, weight: .bold)
    static let subtitleStyle = TextStyle(size: 7.5, color: .secondaryText)
    static let panelStyle = TextStyle(size: 8, weight: .bold)
    static let tickStyle = TextStyle(size: 7, color: .secondaryText)
    static let axisTitleStyle = TextStyle(size: 7.5)
    static let legendStyle = TextStyle(size: 7)
    static let captionStyle = TextStyle(size: 7, color: .secondaryText)
    static let footnoteStyle = TextStyle(size: 7, color: Color(hex: 0x777777))
    static let margin = 10.0
    static let panelGap = 12.0

    /// Draws the chart; returns the plot rectangles of its panels (for tests).
    @discardableResult
    public func draw(on canvas: Canvas) -> [Rect] {
        let width = canvas.size.width, height = canvas.size.height
        let m = Self.margin
        let top = spec.showsText ? drawTitles(on: canvas, top: m, width: width) : m
        var bottom = spec.showsText ? drawFooter(on: canvas, bottom: height - m, width: width) : height - m
        let useLegend = !spec.bars.isEmpty || spec.panels.count > 1 || spec.legendEntries.count > ChartSpec.maxSeriesPerPanel
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
        for (text, style, spacing) in [(spec.title, Self.titleStyle, 2.0), (spec.subtitle, Self.subtitleStyle, 1)] {
            guard let text else { continue }
            let ascent = canvas.measure("Ag", style: style).ascent, lineHeight = canvas.measure("Ag", style: style).height + 1
            for line in wrap(text, style: style, width: width - 2 * Self.margin, canvas: canvas) {
                canvas.text(line, at: Point(Self.margin, y + ascent), style: style, anchor: .left, rotated: false)
                y += lineHeight
            }
            y += spacing
        }
        return y + 6
    }

    /// Provenance footnote and wrapped caption; returns the y above them.
    func drawFooter(on canvas: Canvas, bottom start: Double, width: Double) -> Double {
        var bottom = drawParagraph(spec.footnote, style: Self.footnoteStyle, bottom: start, width: width, on: canvas) - 3
        if let caption = spec.caption {
            bottom = drawParagraph(caption, style: Self.captionStyle, bottom: bottom, width: width, on: canvas) - 5
        }
        return bottom
    }

    /// `text` wrapped to the page's width, ending at `bottom`; returns its top.
    func drawParagraph(_ text: String, style: TextStyle, bottom: Double, width: Double, on canvas: Canvas) -> Double {
        let lines = wrap(text, style: style, width: width - 2 * Self.margin, canvas: canvas)
        let lineHeight = canvas.measure("Ag", style: style).height + 1.5
        let top = bottom - lineHeight * Double(lines.count)
        for (i, line) in lines.enumerated() {
            let ascent = canvas.measure("Ag", style: style).ascent
            canvas.text(line, at: Point(Self.margin, top + Double(i) * lineHeight + ascent), style: style, anchor: .left, rotated: false)
        }
        return top
    }

    /// Legend entries (marker on a line sample, or a swatch, then the name) flowed in rows above
    /// `bottom`; returns the y above the legend.
    func drawLegend(on canvas: Canvas, bottom: Double, width: Double) -> Double {
        let entries = spec.legendEntries
        let sample = 20.0, gap = 10.0
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
                let mid = baseline - 3, centre = Point(x + sample / 2, mid)
                let line = Path.polyline([Point(x, mid), Point(x + sample, mid)])
                switch entry.sample {
                case let .series(marker, dashed):
                    canvas.stroke(line, Stroke(width: PanelLayout.lineWidth, color: entry.color, dash: dashed ? [3.5, 2] : []))
                    PanelLayout.drawMarkers(marker, at: [centre], color: entry.color, hollow: dashed,
                                            radius: PanelLayout.markerRadius + 0.3, on: canvas)
                case let .line(dashed):
                    canvas.stroke(line, Stroke(width: PanelLayout.lineWidth + 0.8, color: entry.color, dash: dashed ? [3.5, 2] : []))
                case let .marker(marker):
                    PanelLayout.drawMarkers(marker, at: [centre], color: entry.color, hollow: false, radius: PanelLayout.markerRadius + 0.3,
                                            on: canvas)
                case .swatch:
                    canvas.fill(.rect(Rect(x: x + 4, y: mid - 4, width: sample - 8, height: 8)), entry.color)
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
