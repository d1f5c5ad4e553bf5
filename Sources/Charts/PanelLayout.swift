import Foundation

/// The plot area of a chart between its header and footer: panels side by side with a shared
/// y axis on the left, x tick labels and the x-axis title below.
struct PanelLayout {
    let spec: ChartSpec
    let rects: [Rect]
    let xDomain: ClosedRange<Double>
    let yDomain: ClosedRange<Double>
    let xTitleBaseline: Double
    let yTitleX: Double

    typealias R = ChartRenderer

    init(spec: ChartSpec, canvas: Canvas, top: Double, bottom start: Double, width: Double) {
        self.spec = spec
        let m = R.margin
        var bottom = start
        let axisTitle = canvas.measure(spec.xLabel, style: R.axisTitleStyle)
        xTitleBaseline = bottom - axisTitle.descent
        bottom -= axisTitle.height + 4
        bottom -= canvas.measure("0", style: R.tickStyle).height + 5

        var barValues: [Double] = []
        for panel in spec.bars {
            for series in panel.series { barValues += series.values.compactMap { $0 } }
            barValues.append(panel.reference ?? 0)
        }
        let points = spec.panels.flatMap { $0.series.flatMap { $0.points + $0.frontier + $0.bandEdge(+1) } }
        if spec.bars.isEmpty {
            xDomain = spec.xRange ?? Self.domain(points.map(\.x), kind: spec.xScale, fromZero: false)
            yDomain = spec.yRange ?? Self.domain(points.map(\.y), kind: spec.yScale, fromZero: true)
        } else {
            xDomain = 0...1
            // Room above the tallest bar for its value label.
            yDomain = Ticks.niceDomain(0, (barValues.max() ?? 1) * 1.12, target: 6)
        }
        let yScale = Scale(kind: spec.bars.isEmpty ? spec.yScale : .linear, domain: yDomain, range: 0...1)
        let yLabels = TickLabels.format(yScale.ticks(target: 6))
        let yLabelWidth = yLabels.map { canvas.measure($0, style: R.tickStyle).width }.max() ?? 0
        let yTitle = canvas.measure(spec.yLabel, style: R.axisTitleStyle)
        yTitleX = m + yTitle.ascent
        let left = m + yTitle.height + 6 + yLabelWidth + 5
        let titled = spec.panels.contains { $0.title != nil } || spec.bars.contains { $0.title != nil }
        let plotTop = top + (titled ? canvas.measure("Ag", style: R.panelStyle).height + 6 : 4)
        let count = Double(max(1, spec.bars.isEmpty ? spec.panels.count : spec.bars.count))
        let panelWidth = (width - m - left - R.panelGap * (count - 1)) / count
        rects = (0..<Int(count)).map { i in
            Rect(x: left + Double(i) * (panelWidth + R.panelGap), y: plotTop, width: panelWidth, height: bottom - plotTop)
        }
    }

    func xScale(_ i: Int) -> Scale { Scale(kind: spec.xScale, domain: xDomain, range: rects[i].x...rects[i].maxX) }
    func yScale(_ i: Int) -> Scale {
        Scale(kind: spec.bars.isEmpty ? spec.yScale : .linear, domain: yDomain, range: rects[i].y...rects[i].maxY, inverted: true)
    }

    // MARK: - Frontier charts

    func drawXY(on canvas: Canvas, directLabels: Bool) -> [Rect] {
        drawAxisTitles(on: canvas)
        for (i, panel) in spec.panels.enumerated() {
            let rect = rects[i], x = xScale(i), y = yScale(i)
            drawGridAndYAxis(on: canvas, panel: i)
            drawXTicks(on: canvas, rect: rect, x: x)
            drawPanelTitle(panel.title, on: canvas, rect: rect)
            drawSeries(panel.series, on: canvas, rect: rect, x: x, y: y)
            let reserved = drawAnnotations(panel.annotations, on: canvas, rect: rect, x: x)
            if directLabels, let placements = self.directLabels(for: i, canvas: canvas, reserved: reserved) {
                for (placement, series) in zip(placements, placementsSeries(i, placements)) {
                    canvas.text(placement.text, at: placement.origin, style: TextStyle(size: 8, weight: .bold, color: series.color),
                                anchor: .left, rotated: false)
                }
            }
        }
        return rects
    }

    /// Direct labels for panel `i`, or nil when they cannot be placed.
    func directLabels(for i: Int, canvas: Canvas, reserved: [Rect] = []) -> [DirectLabels.Placement]? {
        let x = xScale(i), y = yScale(i)
        let anchors = spec.panels[i].series.compactMap { s -> (text: String, at: Point)? in
            s.frontier.last.map { (s.name, Point(x($0.x), y($0.y))) }
        }
        let style = TextStyle(size: 8, weight: .bold)
        return DirectLabels.place(anchors, measure: { canvas.measure($0, style: style) }, plot: rects[i], reserved: reserved)
    }

    func placementsSeries(_ i: Int, _ placements: [DirectLabels.Placement]) -> [ChartSpec.Series] {
        placements.map { p in spec.panels[i].series.first { $0.name == p.text }! }
    }

    func drawSeries(_ series: [ChartSpec.Series], on canvas: Canvas, rect: Rect, x: Scale, y: Scale) {
        canvas.clip(to: rect.insetBy(-4, -4))
        // One path per series and layer, so a PDF holds a handful of fill operators, not thousands.
        for s in series {
            var dots = Path()
            for p in s.points { dots.elements += Path.circle(center: Point(x(p.x), y(p.y)), radius: 1.6).elements }
            canvas.fill(dots, s.color.withAlpha(0.28))
        }
        for s in series where !s.band.isEmpty {
            let upper = s.bandEdge(+1).map { Point(x($0.x), y($0.y)) }, lower = s.bandEdge(-1).map { Point(x($0.x), y($0.y)) }
            canvas.fill(.polygon(stepped(upper) + stepped(lower).reversed()), s.color.withAlpha(0.14))
        }
        for s in series {
            canvas.stroke(.polyline(stepped(s.frontier.map { Point(x($0.x), y($0.y)) })), Stroke(width: 1.6, color: s.color))
            var halos = Path(), markers = Path()
            for p in s.frontier {
                let c = Point(x(p.x), y(p.y))
                halos.elements += Palette.path(s.marker, at: c, radius: 3.3).elements
                markers.elements += Palette.path(s.marker, at: c, radius: 2.6).elements
            }
            canvas.fill(halos, .white)
            canvas.fill(markers, s.color)
        }
        canvas.resetClip()
    }

    /// Iso-interactivity markers: a dashed line and its label at the top of the plot. Returns the
    /// label boxes so direct labels avoid them.
    func drawAnnotations(_ annotations: [ChartSpec.Annotation], on canvas: Canvas, rect: Rect, x: Scale) -> [Rect] {
        var boxes: [Rect] = []
        let style = TextStyle(size: 8, weight: .bold, color: .text)
        for (i, a) in annotations.enumerated() where x.domain.contains(a.x) {
            let px = x(a.x)
            canvas.stroke(.polyline([Point(px, rect.y), Point(px, rect.maxY)]), Stroke(width: 0.9, color: .axis, dash: [3, 2]))
            let metrics = canvas.measure(a.label, style: style)
            let baseline = rect.y + 4 + metrics.ascent + Double(i) * (metrics.height + 3)
            let fitsRight = px + 4 + metrics.width <= rect.maxX
            let origin = Point(fitsRight ? px + 4 : px - 4, baseline)
            let box = canvas.box(a.label, at: origin, style: style, anchor: fitsRight ? .left : .right)
            canvas.fill(.rect(box.insetBy(-1.5, -1)), Color.white.withAlpha(0.85))
            canvas.text(a.label, at: origin, style: style, anchor: fitsRight ? .left : .right, rotated: false)
            boxes.append(box)
        }
        return boxes
    }

    func stepped(_ points: [Point]) -> [Point] { spec.steps ? verticalThenHorizontal(points) : points }

    // MARK: - Bar charts

    func drawBars(on canvas: Canvas) -> [Rect] {
        drawAxisTitles(on: canvas)
        let valueStyle = TextStyle(size: 7.5, color: .text)
        for (i, panel) in spec.bars.enumerated() {
            let rect = rects[i], y = yScale(i)
            drawGridAndYAxis(on: canvas, panel: i)
            drawPanelTitle(panel.title, on: canvas, rect: rect)
            let slot = rect.width / Double(panel.categories.count)
            let barWidth = min(28, slot * 0.8 / Double(panel.series.count))
            let tickAscent = canvas.measure("0", style: R.tickStyle).ascent
            for (c, category) in panel.categories.enumerated() {
                let centre = rect.x + slot * (Double(c) + 0.5)
                canvas.text(category, at: Point(centre, rect.maxY + 5 + tickAscent), style: R.tickStyle, anchor: .center, rotated: false)
                let start = centre - barWidth * Double(panel.series.count) / 2
                for (s, series) in panel.series.enumerated() {
                    let x0 = start + Double(s) * barWidth
                    let value = series.values[c]
                    if let value {
                        let top = y(value)
                        canvas.fill(.rect(Rect(x: x0 + 1, y: top, width: barWidth - 2, height: rect.maxY - top)), series.color)
                    }
                    let label = panel.valueFormat.text(value)
                    let labelY = (value.map { y($0) } ?? rect.maxY) - 3
                    canvas.text(label, at: Point(x0 + barWidth / 2, labelY), style: valueStyle, anchor: .center, rotated: false)
                }
            }
            if let reference = panel.reference, yDomain.contains(reference) {
                canvas.stroke(
                    .polyline([Point(rect.x, y(reference)), Point(rect.maxX, y(reference))]),
                    Stroke(width: 0.9, color: .axis, dash: [3, 2]))
            }
        }
        return rects
    }

    // MARK: - Axes

    func drawAxisTitles(on canvas: Canvas) {
        let plotTop = rects[0].y, plotBottom = rects[0].maxY
        canvas.text(spec.yLabel, at: Point(yTitleX, (plotTop + plotBottom) / 2), style: R.axisTitleStyle, anchor: .center, rotated: true)
        let centre = (rects.first!.x + rects.last!.maxX) / 2
        canvas.text(spec.xLabel, at: Point(centre, xTitleBaseline), style: R.axisTitleStyle, anchor: .center, rotated: false)
    }

    func drawPanelTitle(_ title: String?, on canvas: Canvas, rect: Rect) {
        guard let title else { return }
        canvas.text(title, at: Point(rect.x + rect.width / 2, rect.y - 6), style: R.panelStyle, anchor: .center, rotated: false)
    }

    /// Horizontal grid lines, the axis frame, and y tick labels on the first panel only.
    func drawGridAndYAxis(on canvas: Canvas, panel i: Int) {
        let rect = rects[i], y = yScale(i)
        let ticks = y.ticks(target: 6)
        let labels = TickLabels.format(ticks)
        for (value, label) in zip(ticks, labels) {
            let py = y(value)
            canvas.stroke(.polyline([Point(rect.x, py), Point(rect.maxX, py)]), Stroke(width: 0.5, color: .grid))
            if i == 0 {
                let metrics = canvas.measure(label, style: R.tickStyle)
                canvas.text(label, at: Point(rect.x - 5, py + metrics.ascent / 2 - 1), style: R.tickStyle, anchor: .right, rotated: false)
            }
        }
        canvas.stroke(
            .polyline([Point(rect.x, rect.y), Point(rect.x, rect.maxY), Point(rect.maxX, rect.maxY)]), Stroke(width: 0.8, color: .axis))
    }

    func drawXTicks(on canvas: Canvas, rect: Rect, x: Scale) {
        let (ticks, labels) = fittingXTicks(x, canvas: canvas)
        let ascent = canvas.measure("0", style: R.tickStyle).ascent
        for (value, label) in zip(ticks, labels) {
            let px = x(value)
            canvas.stroke(.polyline([Point(px, rect.y), Point(px, rect.maxY)]), Stroke(width: 0.5, color: .grid))
            canvas.stroke(.polyline([Point(px, rect.maxY), Point(px, rect.maxY + 3)]), Stroke(width: 0.6, color: .axis))
            canvas.text(label, at: Point(px, rect.maxY + 5 + ascent), style: R.tickStyle, anchor: .center, rotated: false)
        }
    }

    /// X ticks whose labels do not collide: fewer ticks until each label fits its spacing.
    func fittingXTicks(_ x: Scale, canvas: Canvas) -> ([Double], [String]) {
        for target in stride(from: 7, through: 2, by: -1) {
            let ticks = x.ticks(target: target)
            let labels = TickLabels.format(ticks)
            let positions = ticks.map { x($0) }
            let widths = labels.map { canvas.measure($0, style: R.tickStyle).width }
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

    static func domain(_ values: [Double], kind: Scale.Kind, fromZero: Bool) -> ClosedRange<Double> {
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        if kind == .log { return Ticks.niceLogDomain(lo, hi) }
        // Non-negative data never get a negative axis; throughput-like axes start at zero.
        let padded = lo - (hi - lo) * 0.04
        let start = fromZero ? min(0, lo) : (lo >= 0 ? max(0, padded) : padded)
        return Ticks.niceDomain(start, hi + (hi - lo) * 0.04, target: 6)
    }
}

/// `vh` steps between frontier points (vertical first, then horizontal), so the line never
/// claims the unmeasured corner between two measured points.
func verticalThenHorizontal(_ points: [Point]) -> [Point] {
    guard points.count > 1 else { return points }
    var out = [points[0]]
    for p in points.dropFirst() {
        out.append(Point(out.last!.x, p.y))
        out.append(p)
    }
    return out
}
