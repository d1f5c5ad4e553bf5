import Foundation

/// The plot area of a chart between its header and footer: a grid of panels, `spec.columns` to a
/// row, sharing the x axis (tick labels under the bottom row) and either one y axis (tick labels
/// left of the first column) or one per panel; column headings over the top row, row headings
/// beside the last column.
struct PanelLayout {
    let spec: ChartSpec
    let rects: [Rect]
    let xDomain: ClosedRange<Double>
    /// Each panel's y domain (all equal on a shared axis).
    let yDomains: [ClosedRange<Double>]
    let xTitleBaseline: Double
    /// The y-axis title, wrapped to the height of the plot, and the x of its first line's baseline.
    let yTitleLines: [String]
    let yTitleX: Double
    /// The right edge of the drawing inside the margin, which no heading crosses.
    let contentRight: Double

    typealias R = ChartRenderer
    static let rowGap = 12.0

    init(spec: ChartSpec, canvas: Canvas, top: Double, bottom start: Double, width: Double) {
        self.spec = spec
        let m = R.margin
        contentRight = width - m
        var bottom = start
        let axisTitle = canvas.measure(spec.xLabel, style: R.axisTitleStyle)
        xTitleBaseline = bottom - axisTitle.descent
        bottom -= axisTitle.height + 4
        bottom -= canvas.measure("0", style: R.tickStyle).height + 5

        let count = max(1, spec.bars.isEmpty ? spec.panels.count : spec.bars.count)
        if spec.bars.isEmpty {
            let values = spec.panels.map { $0.series.flatMap { $0.points + $0.frontier + $0.bandEdge(+1) } }
            xDomain = spec.xRange ?? Self.domain(values.flatMap { $0 }.map(\.x), kind: spec.xScale, fromZero: false)
            let shared = spec.yRange ?? Self.domain(values.flatMap { $0 }.map(\.y), kind: spec.yScale, fromZero: true)
            yDomains = spec.sharedY ? Array(repeating: shared, count: count)
                : values.map { spec.yRange ?? Self.domain($0.map(\.y), kind: spec.yScale, fromZero: true) }
        } else {
            var barValues: [Double] = []
            for panel in spec.bars {
                for series in panel.series { barValues += series.values.compactMap { $0 } }
                barValues.append(panel.reference ?? 0)
            }
            xDomain = 0...1
            // Room above the tallest bar for its value label.
            yDomains = Array(repeating: Ticks.niceDomain(0, (barValues.max() ?? 1) * 1.12, target: 6), count: count)
        }
        let kind = spec.bars.isEmpty ? spec.yScale : .linear
        let labelWidth = yDomains.map { domain in
            TickLabels.format(Scale(kind: kind, domain: domain, range: 0...1).ticks(target: 6))
                .map { canvas.measure($0, style: R.tickStyle).width }.max() ?? 0
        }.max() ?? 0
        let titled = spec.panels.contains { $0.title != nil } || spec.bars.contains { $0.title != nil }
        let plotTop = top + (titled ? canvas.measure("Ag", style: R.panelStyle).height + 6 : 4)
        let yTitle = canvas.measure("Ag", style: R.axisTitleStyle)
        yTitleLines = wrap(spec.yLabel, style: R.axisTitleStyle, width: bottom - plotTop, canvas: canvas)
        yTitleX = m + yTitle.ascent
        let left = m + (yTitle.height + 1) * Double(yTitleLines.count) + 5 + labelWidth + 5
        let columnGap = R.panelGap + (spec.sharedY ? 0 : labelWidth + 5)
        let rowTitled = spec.panels.contains { $0.row != nil }
        let right = m + (rowTitled ? canvas.measure("Ag", style: R.panelStyle).height + 6 : 0)
        let columns = spec.bars.isEmpty ? max(1, spec.columns) : count
        let rows = (count + columns - 1) / columns
        let panelWidth = (width - right - left - columnGap * Double(columns - 1)) / Double(columns)
        let panelHeight = (bottom - plotTop - Self.rowGap * Double(rows - 1)) / Double(rows)
        rects = (0..<count).map { i in
            Rect(x: left + Double(i % columns) * (panelWidth + columnGap), y: plotTop + Double(i / columns) * (panelHeight + Self.rowGap),
                 width: panelWidth, height: panelHeight)
        }
    }

    var columns: Int { spec.bars.isEmpty ? max(1, spec.columns) : rects.count }
    /// Whether panel `i` is in the grid's top row, bottom row, first or last column.
    func isTop(_ i: Int) -> Bool { i < columns }
    func isBottom(_ i: Int) -> Bool { i + columns >= rects.count }
    func isFirstColumn(_ i: Int) -> Bool { i % columns == 0 }
    func isLastColumn(_ i: Int) -> Bool { i % columns == columns - 1 || i == rects.count - 1 }

    func xScale(_ i: Int) -> Scale { Scale(kind: spec.xScale, domain: xDomain, range: rects[i].x...rects[i].maxX) }
    func yScale(_ i: Int) -> Scale {
        Scale(kind: spec.bars.isEmpty ? spec.yScale : .linear, domain: yDomains[i], range: rects[i].y...rects[i].maxY, inverted: true)
    }

    // MARK: - Frontier charts

    /// Line width of frontiers, radius of their markers and of the faint points, points.
    static let lineWidth = 1.2, markerRadius = 2.2, dotRadius = 1.1
    static let labelStyle = TextStyle(size: 7, weight: .bold)

    func drawXY(on canvas: Canvas, directLabels: Bool) -> [Rect] {
        drawAxisTitles(on: canvas)
        for (i, panel) in spec.panels.enumerated() {
            let rect = rects[i], x = xScale(i), y = yScale(i)
            drawGridAndYAxis(on: canvas, panel: i)
            drawXTicks(on: canvas, panel: i, x: x)
            drawPanelTitles(panel.title, row: panel.row, on: canvas, panel: i)
            drawSeries(panel.series, on: canvas, rect: rect, x: x, y: y)
            let annotations = placeAnnotations(i, canvas: canvas)
            drawAnnotations(annotations, on: canvas, rect: rect, x: x)
            if directLabels, let placements = self.directLabels(for: i, canvas: canvas) {
                for placement in placements {
                    let color = panel.series.first { $0.name == placement.text }?.color ?? .text
                    if !placement.leader.isEmpty { canvas.stroke(.polyline(placement.leader), Stroke(width: 0.6, color: color)) }
                    canvas.text(placement.text, at: placement.origin, style: TextStyle(size: 7, weight: .bold, color: color),
                                anchor: .left, rotated: false)
                }
            }
        }
        return rects
    }

    /// The canvas vertices of a series' frontier line in panel `i`, as drawn.
    func curve(_ s: ChartSpec.Series, panel i: Int) -> [Point] {
        let x = xScale(i), y = yScale(i)
        return stepped(s.frontier.map { Point(x($0.x), y($0.y)) })
    }

    /// What labels in panel `i` must not cover: every frontier segment and marker (and, for
    /// direct labels, the annotations' labels).
    func obstacles(_ i: Int) -> DirectLabels.Obstacles {
        var obstacles = DirectLabels.Obstacles()
        let x = xScale(i), y = yScale(i), r = Self.markerRadius + 0.8
        for s in spec.panels[i].series {
            obstacles.segments += Segment.of(curve(s, panel: i))
            obstacles.boxes += s.frontier.map { Rect(x: x($0.x) - r, y: y($0.y) - r, width: 2 * r, height: 2 * r) }
        }
        return obstacles
    }

    /// Direct labels for panel `i`, or nil when they cannot be placed.
    func directLabels(for i: Int, canvas: Canvas) -> [DirectLabels.Placement]? {
        let curves = spec.panels[i].series.map { (text: $0.name, curve: curve($0, panel: i)) }
        var obstacles = self.obstacles(i)
        obstacles.boxes += placeAnnotations(i, canvas: canvas).map(\.box)
        return DirectLabels.place(curves, measure: { canvas.measure($0, style: Self.labelStyle) }, plot: rects[i], obstacles: obstacles)
    }

    func drawSeries(_ series: [ChartSpec.Series], on canvas: Canvas, rect: Rect, x: Scale, y: Scale) {
        canvas.clip(to: rect.insetBy(-4, -4))
        // One path per series and layer, so a PDF holds a handful of fill operators, not thousands.
        for s in series {
            var dots = Path()
            for p in s.points { dots.elements += Path.circle(center: Point(x(p.x), y(p.y)), radius: Self.dotRadius).elements }
            canvas.fill(dots, s.color.withAlpha(0.28))
        }
        for s in series where spec.shadesShift && s.dashed {
            guard let after = series.first(where: { $0.name == s.name && !$0.dashed }) else { continue }
            let before = stepped(s.frontier.map { Point(x($0.x), y($0.y)) }), now = stepped(after.frontier.map { Point(x($0.x), y($0.y)) })
            canvas.fill(.polygon(now + before.reversed()), s.color.withAlpha(0.18))
        }
        for s in series where !s.band.isEmpty {
            let upper = s.bandEdge(+1).map { Point(x($0.x), y($0.y)) }, lower = s.bandEdge(-1).map { Point(x($0.x), y($0.y)) }
            canvas.fill(.polygon(stepped(upper) + stepped(lower).reversed()), s.color.withAlpha(0.14))
        }
        for s in series {
            canvas.stroke(.polyline(stepped(s.frontier.map { Point(x($0.x), y($0.y)) })), Self.line(s))
            Self.drawMarkers(s.marker, at: s.frontier.map { Point(x($0.x), y($0.y)) }, color: s.color, hollow: s.dashed, on: canvas)
        }
        canvas.resetClip()
    }

    /// A series' line: solid when emulated, dashed when measured.
    static func line(_ s: ChartSpec.Series) -> Stroke {
        Stroke(width: lineWidth, color: s.color, dash: s.dashed ? [3.5, 2] : [])
    }

    /// Markers on a white halo: filled, or hollow (white inside a coloured outline) for measurements.
    static func drawMarkers(_ marker: Palette.Marker, at centres: [Point], color: Color, hollow: Bool, radius: Double = markerRadius,
                            on canvas: Canvas) {
        var halos = Path(), shapes = Path()
        for c in centres {
            halos.elements += Palette.path(marker, at: c, radius: radius + 0.7).elements
            shapes.elements += Palette.path(marker, at: c, radius: radius).elements
        }
        canvas.fill(halos, .white)
        if hollow {
            canvas.stroke(shapes, Stroke(width: 0.9, color: color))
        } else {
            canvas.fill(shapes, color)
        }
    }

    static let annotationStyle = TextStyle(size: 7, weight: .bold, color: .text)

    /// An iso-interactivity label as placed: its lines (wrapped to the panel) and their box.
    struct PlacedAnnotation {
        var annotation: ChartSpec.Annotation
        var lines: [String]
        var box: Rect
    }

    /// Where the iso-interactivity labels of panel `i` go: down the marker's line on either side,
    /// at the first height where a label covers no frontier, marker or earlier label.
    func placeAnnotations(_ i: Int, canvas: Canvas) -> [PlacedAnnotation] {
        let rect = rects[i], x = xScale(i), obstacles = self.obstacles(i)
        let lineHeight = canvas.measure("Ag", style: Self.annotationStyle).height
        var placed: [PlacedAnnotation] = []
        for a in spec.panels[i].annotations where x.domain.contains(a.x) {
            // Wrapped to fit beside the line on its roomier side, or else across the panel.
            let px = x(a.x), side = max(rect.maxX - px, px - rect.x) - 5
            var candidates: [(lines: [String], box: Rect)] = []
            for width in [side, rect.width - 4] where width > 40 {
                let lines = wrap(a.label, style: Self.annotationStyle, width: width, canvas: canvas)
                let w = lines.map { canvas.measure($0, style: Self.annotationStyle).width }.max() ?? 0
                let h = lineHeight * Double(lines.count)
                let lefts = [px + 3, px - 3 - w, min(max(px - w / 2, rect.x + 2), rect.maxX - 2 - w)]
                for top in stride(from: rect.y + 3, through: rect.maxY - h - 3, by: lineHeight + 2) {
                    candidates += lefts.map { (lines, Rect(x: $0, y: top, width: w, height: h)) }
                }
            }
            candidates = candidates.filter { c in rect.contains(c.box) && !placed.contains { $0.box.intersects(c.box) } }
            guard let chosen = candidates.first(where: { !obstacles.blocks($0.box.insetBy(-1, -1)) }) ?? candidates.first else { continue }
            placed.append(PlacedAnnotation(annotation: a, lines: chosen.lines, box: chosen.box))
        }
        return placed
    }

    /// Iso-interactivity markers: a dashed line and its label on a white ground.
    func drawAnnotations(_ placed: [PlacedAnnotation], on canvas: Canvas, rect: Rect, x: Scale) {
        let metrics = canvas.measure("Ag", style: Self.annotationStyle)
        for p in placed {
            let px = x(p.annotation.x)
            canvas.stroke(.polyline([Point(px, rect.y), Point(px, rect.maxY)]), Stroke(width: 0.8, color: .axis, dash: [3, 2]))
            canvas.fill(.rect(p.box.insetBy(-1.5, -1)), Color.white.withAlpha(0.85))
            for (k, line) in p.lines.enumerated() {
                canvas.text(line, at: Point(p.box.x, p.box.y + metrics.ascent + Double(k) * metrics.height), style: Self.annotationStyle,
                            anchor: .left, rotated: false)
            }
        }
    }

    func stepped(_ points: [Point]) -> [Point] { spec.steps ? verticalThenHorizontal(points) : points }

    // MARK: - Bar charts

    func drawBars(on canvas: Canvas) -> [Rect] {
        drawAxisTitles(on: canvas)
        let valueStyle = TextStyle(size: 7, color: .text)
        for (i, panel) in spec.bars.enumerated() {
            let rect = rects[i], y = yScale(i)
            drawGridAndYAxis(on: canvas, panel: i)
            drawPanelTitles(panel.title, row: nil, on: canvas, panel: i)
            let slot = rect.width / Double(panel.categories.count)
            let barWidth = min(28, slot * 0.84 / Double(panel.series.count))
            let tickAscent = canvas.measure("0", style: R.tickStyle).ascent
            // The reference line runs beneath the bars and their values.
            if let reference = panel.reference, yDomains[i].contains(reference) {
                canvas.stroke(
                    .polyline([Point(rect.x, y(reference)), Point(rect.maxX, y(reference))]),
                    Stroke(width: 0.8, color: .axis, dash: [3, 2]))
            }
            for (c, category) in panel.categories.enumerated() {
                let centre = rect.x + slot * (Double(c) + 0.5)
                canvas.text(category, at: Point(centre, rect.maxY + 5 + tickAscent), style: R.tickStyle, anchor: .center, rotated: false)
                let start = centre - barWidth * Double(panel.series.count) / 2
                var previous: Rect?
                for (s, series) in panel.series.enumerated() {
                    let x0 = start + Double(s) * barWidth
                    let value = series.values[c]
                    if let value {
                        let top = y(value)
                        canvas.fill(.rect(Rect(x: x0 + 0.5, y: top, width: barWidth - 1, height: rect.maxY - top)), series.color)
                    }
                    // Values print above their bars, raised a line where a neighbour's would touch.
                    let label = panel.valueFormat.text(value)
                    var origin = Point(x0 + barWidth / 2, (value.map { y($0) } ?? rect.maxY) - 3)
                    var box = canvas.box(label, at: origin, style: valueStyle, anchor: .center)
                    if let previous, previous.insetBy(-0.5, 0).intersects(box) {
                        origin.y = previous.y - 1 - (box.maxY - origin.y)
                        box = canvas.box(label, at: origin, style: valueStyle, anchor: .center)
                    }
                    canvas.fill(.rect(box.insetBy(-1, 0)), Color.white.withAlpha(0.85))
                    canvas.text(label, at: origin, style: valueStyle, anchor: .center, rotated: false)
                    previous = box
                }
            }
        }
        return rects
    }

    // MARK: - Axes

    func drawAxisTitles(on canvas: Canvas) {
        let plotTop = rects[0].y, plotBottom = rects.last!.maxY
        let lineHeight = canvas.measure("Ag", style: R.axisTitleStyle).height + 1
        for (k, line) in yTitleLines.enumerated() {
            canvas.text(line, at: Point(yTitleX + Double(k) * lineHeight, (plotTop + plotBottom) / 2), style: R.axisTitleStyle,
                        anchor: .center, rotated: true)
        }
        let centre = (rects.first!.x + rects[min(columns, rects.count) - 1].maxX) / 2
        canvas.text(spec.xLabel, at: Point(centre, xTitleBaseline), style: R.axisTitleStyle, anchor: .center, rotated: false)
    }

    /// The column heading over a top-row panel and the row heading beside a last-column panel.
    func drawPanelTitles(_ title: String?, row: String?, on canvas: Canvas, panel i: Int) {
        let rect = rects[i]
        if let title, isTop(i) {
            // Centred over the panel, moved left where a long heading over a narrow last panel would leave the figure.
            let half = canvas.measure(title, style: R.panelStyle).width / 2
            let x = min(rect.x + rect.width / 2, contentRight - half)
            canvas.text(title, at: Point(x, rect.y - 6), style: R.panelStyle, anchor: .center, rotated: false)
        }
        if let row, isLastColumn(i) {
            canvas.text(row, at: Point(rect.maxX + 6 + canvas.measure(row, style: R.panelStyle).ascent, rect.y + rect.height / 2),
                        style: R.panelStyle, anchor: .center, rotated: true)
        }
    }

    /// Horizontal grid lines, the axis frame, and y tick labels on the first column (shared axis)
    /// or on every panel (one range each).
    func drawGridAndYAxis(on canvas: Canvas, panel i: Int) {
        let rect = rects[i], y = yScale(i)
        let ticks = y.ticks(target: rect.height < 120 ? 4 : 6)
        let labels = TickLabels.format(ticks)
        for (value, label) in zip(ticks, labels) {
            let py = y(value)
            canvas.stroke(.polyline([Point(rect.x, py), Point(rect.maxX, py)]), Stroke(width: 0.5, color: .grid))
            if isFirstColumn(i) || !spec.sharedY {
                let metrics = canvas.measure(label, style: R.tickStyle)
                canvas.text(label, at: Point(rect.x - 5, py + metrics.ascent / 2 - 1), style: R.tickStyle, anchor: .right, rotated: false)
            }
        }
        canvas.stroke(
            .polyline([Point(rect.x, rect.y), Point(rect.x, rect.maxY), Point(rect.maxX, rect.maxY)]), Stroke(width: 0.8, color: .axis))
    }

    /// Vertical grid lines and tick marks on every panel; tick labels under the bottom row.
    func drawXTicks(on canvas: Canvas, panel i: Int, x: Scale) {
        let rect = rects[i]
        let (ticks, labels) = fittingXTicks(x, canvas: canvas)
        let ascent = canvas.measure("0", style: R.tickStyle).ascent
        for (value, label) in zip(ticks, labels) {
            let px = x(value)
            canvas.stroke(.polyline([Point(px, rect.y), Point(px, rect.maxY)]), Stroke(width: 0.5, color: .grid))
            canvas.stroke(.polyline([Point(px, rect.maxY), Point(px, rect.maxY + 3)]), Stroke(width: 0.6, color: .axis))
            // Labels stay within their panel's width where a neighbour's labels are near.
            let origin = Point(px, rect.maxY + 5 + ascent)
            let box = canvas.box(label, at: origin, style: R.tickStyle, anchor: .center)
            let within = (isFirstColumn(i) || box.x >= rect.x - 2) && (isLastColumn(i) || box.maxX <= rect.maxX + 2)
            if isBottom(i), within { canvas.text(label, at: origin, style: R.tickStyle, anchor: .center, rotated: false) }
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
