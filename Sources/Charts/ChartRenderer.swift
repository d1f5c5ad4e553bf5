import Foundation

/// Lays out and draws a `ChartSpec` on any `Canvas`: title, subtitle, panels with shared axes,
/// faint points, frontier step lines with markers, a legend, caption and provenance footnote.
public struct ChartRenderer {
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

    /// The plot rectangles of the panels, as laid out on a canvas (for tests).
    public func draw(on canvas: Canvas) -> [Rect] {
        let width = canvas.size.width, height = canvas.size.height
        let m = Self.margin
        var top = m
        top = drawTitles(on: canvas, top: top, width: width)

        // Bottom block, from the bottom up: footnote, caption, legend, x-axis title, x tick labels.
        var bottom = height - m
        let foot = canvas.measure(spec.footnote, style: Self.footnoteStyle)
        canvas.text(spec.footnote, at: Point(m, bottom - foot.descent), style: Self.footnoteStyle, anchor: .left, rotated: false)
        bottom -= foot.height + 4
        if let caption = spec.caption {
            let lines = wrap(caption, style: Self.captionStyle, width: width - 2 * m, canvas: canvas)
            let lineHeight = canvas.measure("Ag", style: Self.captionStyle).height + 1.5
            bottom -= lineHeight * Double(lines.count)
            for (i, line) in lines.enumerated() {
                let metrics = canvas.measure(line, style: Self.captionStyle)
                canvas.text(line, at: Point(m, bottom + Double(i) * lineHeight + metrics.ascent), style: Self.captionStyle, anchor: .left, rotated: false)
            }
            bottom -= 6
        }
        bottom = drawLegend(on: canvas, bottom: bottom, width: width)
        let axisTitle = canvas.measure(spec.xLabel, style: Self.axisTitleStyle)
        let xTitleBaseline = bottom - axisTitle.descent
        bottom -= axisTitle.height + 4
        let tick = canvas.measure("0", style: Self.tickStyle)
        bottom -= tick.height + 5

        // Domains shared by all panels.
        let all = spec.panels.flatMap { $0.series.flatMap(\.points) }
        let xDomain = domain(all.map(\.x), kind: spec.xScale, fromZero: false)
        let yDomain = domain(all.map(\.y), kind: spec.yScale, fromZero: true)
        let yProbe = Scale(kind: spec.yScale, domain: yDomain, range: 0...1)
        let yTicks = yProbe.ticks(target: 6)
        let yLabels = TickLabels.format(yTicks)
        let yLabelWidth = yLabels.map { canvas.measure($0, style: Self.tickStyle).width }.max() ?? 0
        let yTitle = canvas.measure(spec.yLabel, style: Self.axisTitleStyle)
        let left = m + yTitle.height + 6 + yLabelWidth + 5
        let panelTitleHeight = spec.panels.contains { $0.title != nil } ? canvas.measure("Ag", style: Self.panelStyle).height + 6 : 4
        let plotTop = top + panelTitleHeight
        let count = Double(spec.panels.count)
        let panelWidth = (width - m - left - Self.panelGap * (count - 1)) / count

        // Y-axis title, centred on the plot height, rotated.
        canvas.text(spec.yLabel, at: Point(m + yTitle.ascent, (plotTop + bottom) / 2), style: Self.axisTitleStyle, anchor: .center, rotated: true)

        var rects: [Rect] = []
        for (i, panel) in spec.panels.enumerated() {
            let rect = Rect(x: left + Double(i) * (panelWidth + Self.panelGap), y: plotTop, width: panelWidth, height: bottom - plotTop)
            rects.append(rect)
            let x = Scale(kind: spec.xScale, domain: xDomain, range: rect.x...rect.maxX)
            let y = Scale(kind: spec.yScale, domain: yDomain, range: rect.y...rect.maxY, inverted: true)
            drawAxes(on: canvas, rect: rect, x: x, y: y, yTicks: yTicks, yLabels: i == 0 ? yLabels : nil)
            if let title = panel.title {
                canvas.text(title, at: Point(rect.x + rect.width / 2, rect.y - 6), style: Self.panelStyle, anchor: .center, rotated: false)
            }
            drawSeries(panel.series, on: canvas, rect: rect, x: x, y: y)
        }
        let plotsCentre = (rects.first!.x + rects.last!.maxX) / 2
        canvas.text(spec.xLabel, at: Point(plotsCentre, xTitleBaseline), style: Self.axisTitleStyle, anchor: .center, rotated: false)
        return rects
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

    /// Legend entries (marker on a line sample, then the name) flowed in rows above `bottom`;
    /// returns the y above the legend.
    func drawLegend(on canvas: Canvas, bottom: Double, width: Double) -> Double {
        let names = spec.seriesNames
        let styles = Dictionary(spec.panels.flatMap { $0.series.map { ($0.name, ($0.color, $0.marker)) } }, uniquingKeysWith: { a, _ in a })
        let sample = 22.0, gap = 14.0
        let rowHeight = canvas.measure("Ag", style: Self.legendStyle).height + 5
        var rows: [[(String, Double)]] = [[]]
        var used = 0.0
        for name in names {
            let entry = sample + 4 + canvas.measure(name, style: Self.legendStyle).width
            if used + entry > width - 2 * Self.margin, !rows[rows.count - 1].isEmpty {
                rows.append([])
                used = 0
            }
            rows[rows.count - 1].append((name, entry))
            used += entry + gap
        }
        let top = bottom - rowHeight * Double(rows.count)
        for (r, row) in rows.enumerated() {
            var x = Self.margin
            let baseline = top + Double(r) * rowHeight + canvas.measure("Ag", style: Self.legendStyle).ascent
            for (name, entryWidth) in row {
                let (color, marker) = styles[name]!
                let mid = baseline - 3
                canvas.stroke(.polyline([Point(x, mid), Point(x + sample, mid)]), Stroke(width: 1.4, color: color))
                canvas.fill(Palette.path(marker, at: Point(x + sample / 2, mid), radius: 2.8), color)
                canvas.text(name, at: Point(x + sample + 4, baseline), style: Self.legendStyle, anchor: .left, rotated: false)
                x += entryWidth + gap
            }
        }
        return top - 6
    }

    func drawAxes(on canvas: Canvas, rect: Rect, x: Scale, y: Scale, yTicks: [Double], yLabels: [String]?) {
        let grid = Stroke(width: 0.5, color: .grid)
        for (i, value) in yTicks.enumerated() {
            let py = y(value)
            canvas.stroke(.polyline([Point(rect.x, py), Point(rect.maxX, py)]), grid)
            if let yLabels {
                let metrics = canvas.measure(yLabels[i], style: Self.tickStyle)
                canvas.text(yLabels[i], at: Point(rect.x - 5, py + metrics.ascent / 2 - 1), style: Self.tickStyle, anchor: .right, rotated: false)
            }
        }
        let (xTicks, xLabels) = fittingXTicks(x, width: rect.width, canvas: canvas)
        let ascent = canvas.measure("0", style: Self.tickStyle).ascent
        for (value, label) in zip(xTicks, xLabels) {
            let px = x(value)
            canvas.stroke(.polyline([Point(px, rect.y), Point(px, rect.maxY)]), grid)
            canvas.stroke(.polyline([Point(px, rect.maxY), Point(px, rect.maxY + 3)]), Stroke(width: 0.6, color: .axis))
            canvas.text(label, at: Point(px, rect.maxY + 5 + ascent), style: Self.tickStyle, anchor: .center, rotated: false)
        }
        canvas.stroke(.polyline([Point(rect.x, rect.y), Point(rect.x, rect.maxY), Point(rect.maxX, rect.maxY)]), Stroke(width: 0.8, color: .axis))
    }

    /// X ticks whose labels do not collide: fewer ticks until each label fits its spacing.
    func fittingXTicks(_ x: Scale, width: Double, canvas: Canvas) -> ([Double], [String]) {
        for target in stride(from: 7, through: 2, by: -1) {
            let ticks = x.ticks(target: target)
            let labels = TickLabels.format(ticks)
            let positions = ticks.map { x($0) }
            let widths = labels.map { canvas.measure($0, style: Self.tickStyle).width }
            var fits = true
            for i in positions.indices.dropFirst() {
                let spacing: Double = positions[i] - positions[i - 1]
                let needed: Double = (widths[i] + widths[i - 1]) / 2 + 6
                if spacing < needed { fits = false }
            }
            if fits { return (ticks, labels) }
        }
        let ticks = [x.domain.lowerBound, x.domain.upperBound]
        return (ticks, TickLabels.format(ticks))
    }

    func drawSeries(_ series: [ChartSpec.Series], on canvas: Canvas, rect: Rect, x: Scale, y: Scale) {
        canvas.clip(to: rect.insetBy(-4, -4))
        for s in series {
            for p in s.points {
                canvas.fill(.circle(center: Point(x(p.x), y(p.y)), radius: 1.6), s.color.withAlpha(0.28))
            }
        }
        for s in series {
            let line = stepped(s.frontier.map { Point(x($0.x), y($0.y)) })
            canvas.stroke(.polyline(line), Stroke(width: 1.6, color: s.color))
            for p in s.frontier {
                let c = Point(x(p.x), y(p.y))
                canvas.fill(Palette.path(s.marker, at: c, radius: 3.3), .white)
                canvas.fill(Palette.path(s.marker, at: c, radius: 2.6), s.color)
            }
        }
        canvas.resetClip()
    }

    /// `vh` steps between frontier points (vertical first, then horizontal), so the line never
    /// claims the unmeasured corner; straight segments when the chart is not a frontier.
    func stepped(_ points: [Point]) -> [Point] {
        guard spec.steps, points.count > 1 else { return points }
        var out = [points[0]]
        for p in points.dropFirst() {
            out.append(Point(out.last!.x, p.y))
            out.append(p)
        }
        return out
    }

    func domain(_ values: [Double], kind: Scale.Kind, fromZero: Bool) -> ClosedRange<Double> {
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        if kind == .log { return Ticks.niceLogDomain(lo, hi) }
        // Non-negative data never get a negative axis; throughput-like axes start at zero.
        let padded = lo - (hi - lo) * 0.04
        let start = fromZero ? min(0, lo) : (lo >= 0 ? max(0, padded) : padded)
        return Ticks.niceDomain(start, hi + (hi - lo) * 0.04, target: 6)
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
}
