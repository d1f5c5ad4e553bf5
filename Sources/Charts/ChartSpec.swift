/// A chart as values, ready for layout: texts, axes and either panels of XY series (frontier
/// charts) or panels of bar groups (ratios, ROI).
public struct ChartSpec: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public var name: String
        public var color: Color
        public var marker: Palette.Marker
        /// Every measured point, drawn faintly.
        public var points: [Point]
        /// The frontier in ascending x, drawn as a step line with markers.
        public var frontier: [Point]
        /// The relative expected error of each frontier point, shaded as y × (1 ± e); empty: no band.
        public var band: [Double]

        public init(name: String, color: Color, marker: Palette.Marker, points: [Point], frontier: [Point], band: [Double] = []) {
            self.name = name
            self.color = color
            self.marker = marker
            self.points = points
            self.frontier = frontier
            self.band = band
        }

        /// The band's upper (`side` +1) or lower (−1) edge: each frontier point's y × (1 ± e).
        public func bandEdge(_ side: Double) -> [Point] { zip(frontier, band).map { Point($0.x, $0.y * (1 + side * $1)) } }
    }

    /// An iso-interactivity marker: a dashed vertical line at `x` with its label.
    public struct Annotation: Sendable, Equatable {
        public var x: Double
        public var label: String

        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    public struct Panel: Sendable, Equatable {
        public var title: String?
        public var series: [Series]
        public var annotations: [Annotation]

        public init(title: String?, series: [Series], annotations: [Annotation] = []) {
            self.title = title
            self.series = series
            self.annotations = annotations
        }
    }

    /// Bars of one series across the categories of a bar panel; nil values print "n/a".
    public struct BarSeries: Sendable, Equatable {
        public var name: String
        public var color: Color
        public var values: [Double?]

        public init(name: String, color: Color, values: [Double?]) {
            self.name = name
            self.color = color
            self.values = values
        }
    }

    public struct BarPanel: Sendable, Equatable {
        public var title: String?
        /// Category labels along x ("50 tok/s/user").
        public var categories: [String]
        public var series: [BarSeries]
        /// A reference line (1× for ratios), if any.
        public var reference: Double?
        /// How values print above their bars ("4.1×", "$1.10").
        public var valueFormat: ValueFormat

        public init(title: String?, categories: [String], series: [BarSeries], reference: Double?, valueFormat: ValueFormat) {
            self.title = title
            self.categories = categories
            self.series = series
            self.reference = reference
            self.valueFormat = valueFormat
        }
    }

    public enum ValueFormat: Sendable, Equatable {
        case ratio, multiple, percent

        func text(_ value: Double?) -> String {
            guard let value else { return "n/a" }
            switch self {
            case .ratio: return value >= 10 ? "\(value.fixedDecimals(0))×" : "\(value.fixedDecimals(1))×"
            case .multiple: return "\(value.fixedDecimals(1))×"
            case .percent: return "\(value.fixedDecimals(value >= 10 ? 0 : 1))%"
            }
        }
    }

    public var title: String
    public var subtitle: String?
    public var caption: String?
    public var footnote: String
    public var xLabel: String
    public var yLabel: String
    public var xScale: Scale.Kind
    public var yScale: Scale.Kind
    /// Axis limits fixed by the author; nil: the data's extent, rounded to ticks.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Whether frontiers are drawn as `vh` steps (Pareto kinds) or straight lines.
    public var steps: Bool
    public var panels: [Panel]
    /// Bar panels; when present the chart is a bar chart and `panels` is empty.
    public var bars: [BarPanel]
    public var width: Double
    public var height: Double

    public init(title: String, subtitle: String?, caption: String?, footnote: String, xLabel: String, yLabel: String,
                xScale: Scale.Kind, yScale: Scale.Kind, steps: Bool, panels: [Panel], bars: [BarPanel] = [],
                width: Double, height: Double) {
        self.title = title
        self.subtitle = subtitle
        self.caption = caption
        self.footnote = footnote
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.steps = steps
        self.panels = panels
        self.bars = bars
        self.width = width
        self.height = height
    }

    /// Series names with their colour and marker, in legend order.
    public var legendEntries: [(name: String, color: Color, marker: Palette.Marker?)] {
        var seen: [(String, Color, Palette.Marker?)] = []
        for panel in panels {
            for s in panel.series where !seen.contains(where: { $0.0 == s.name }) { seen.append((s.name, s.color, s.marker)) }
        }
        for panel in bars { for s in panel.series where !seen.contains(where: { $0.0 == s.name }) { seen.append((s.name, s.color, nil)) } }
        return seen
    }
}
