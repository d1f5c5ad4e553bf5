/// A chart as values, ready for layout: texts, axes and either panels of XY series (frontier
/// charts) or panels of bar groups (ratios, ROI).
public struct ChartSpec: Sendable, Equatable {
    /// At most this many series share a panel: more cannot be told apart (`ChartSpec.build` refuses).
    public static let maxSeriesPerPanel = 8

    public struct Series: Sendable, Equatable {
        public var name: String
        /// Its GPU's identity colour (`Theme`).
        public var color: Color
        /// Its variant's marker (engine, precision, layout).
        public var marker: Palette.Marker
        /// Dashed line and hollow markers (a measurement; a compare chart's base); else solid and
        /// filled (`ChartSpec.solidMeans`, `dashedMeans`).
        public var dashed: Bool
        /// The GPU the colour stands for and the variant the marker stands for ("trtllm · fp4"),
        /// so a legend can list each once; empty where a series has no such identity.
        public var gpu = ""
        public var variant = ""
        /// Every measured point, drawn faintly.
        public var points: [Point]
        /// The frontier in ascending x, drawn as a step line with markers.
        public var frontier: [Point]
        /// The relative expected error of each frontier point, shaded as y × (1 ± e); empty: no band.
        public var band: [Double]

        public init(name: String, color: Color, marker: Palette.Marker, dashed: Bool = false, points: [Point], frontier: [Point],
                    band: [Double] = []) {
            self.name = name
            self.color = color
            self.marker = marker
            self.dashed = dashed
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

    /// One panel of the grid: `title` heads its column (drawn over the top row), `row` labels its
    /// row (drawn beside the last column).
    public struct Panel: Sendable, Equatable {
        public var title: String?
        public var row: String?
        public var series: [Series]
        public var annotations: [Annotation]

        public init(title: String?, row: String? = nil, series: [Series], annotations: [Annotation] = []) {
            self.title = title
            self.row = row
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
    /// Panels in row-major order, `columns` to a row.
    public var panels: [Panel]
    /// Panels to a row of the grid; nil: every panel in one row.
    public var gridColumns: Int?
    public var columns: Int { max(1, min(gridColumns ?? panels.count, panels.count)) }
    /// One y axis for every panel, or each panel its own range (panels an order of magnitude apart).
    public var sharedY = true
    /// What solid and dashed series stand for, as the legend names them.
    public var solidMeans = "emulated", dashedMeans = "measured"
    /// Where the data came from, in full (tool, digests of the analysis, sweeps, catalog, profile
    /// and assumptions): the PDF's keywords and the CSV's header; the drawn footnote is its short form.
    public var provenance = ""
    /// Column headings of x and y in the chart's CSV, with units: "median_intvty (tok/s/user)".
    public var xColumn = "x", yColumn = "y"
    /// Shade the area between a dashed series and the solid series of the same name (a compare
    /// chart's frontier shift).
    public var shadesShift = false
    /// Whether title, subtitle, caption and footnote are drawn; when not (a paper sets its own
    /// caption) they stay in the PDF's metadata.
    public var showsText = true
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

    /// The PDF's document information: the title, subtitle and caption (kept there when the image
    /// leaves them out) and the provenance footnote.
    public var metadata: CairoCanvas.Metadata {
        CairoCanvas.Metadata(title: title, subject: [subtitle, caption].compactMap { $0 }.joined(separator: " "),
                             keywords: provenance.isEmpty ? footnote : provenance)
    }

    /// A legend entry: a name and the sample drawn before it.
    public struct LegendEntry: Sendable, Equatable {
        public enum Sample: Sendable, Equatable {
            /// A series' line with a marker on it.
            case series(Palette.Marker, dashed: Bool)
            /// A line alone (a GPU's colour), dashed for measurements.
            case line(dashed: Bool)
            /// A marker alone, in gray (a variant).
            case marker(Palette.Marker)
            /// A filled square (bars).
            case swatch
        }

        public var name: String
        public var color: Color
        public var sample: Sample
    }

    /// Legend entries: one per series, or, when shorter, one per GPU colour and one per variant
    /// marker, since the encodings are independent; plus what solid and dashed lines mean
    /// wherever the names alone do not tell them apart.
    public var legendEntries: [LegendEntry] {
        var all: [LegendEntry] = [], gpus: [LegendEntry] = [], variants: [LegendEntry] = []
        let series = panels.flatMap(\.series)
        for s in series where !all.contains(where: { $0.name == s.name }) {
            let solid = series.contains { $0.name == s.name && !$0.dashed }
            all.append(LegendEntry(name: s.name, color: s.color, sample: .series(s.marker, dashed: !solid)))
        }
        for s in series {
            if !gpus.contains(where: { $0.name == s.gpu }) {
                gpus.append(LegendEntry(name: s.gpu, color: s.color, sample: .line(dashed: false)))
            }
            if !variants.contains(where: { $0.name == s.variant }) {
                variants.append(LegendEntry(name: s.variant, color: .secondaryText, sample: .marker(s.marker)))
            }
        }
        let both = Set(series.map(\.dashed)).count == 2
        let kinds = [LegendEntry(name: solidMeans, color: .secondaryText, sample: .line(dashed: false)),
                     LegendEntry(name: dashedMeans, color: .secondaryText, sample: .line(dashed: true))]
        let namesShared = Set(series.filter(\.dashed).map(\.name)).intersection(series.filter { !$0.dashed }.map(\.name)).count > 0
        let factored = gpus + (variants.count > 1 ? variants : []) + (both ? kinds : [])
        if !series.isEmpty, !series.contains(where: { $0.gpu.isEmpty }), factored.count < all.count { return factored }
        if namesShared { all += kinds }
        for panel in bars {
            for s in panel.series where !all.contains(where: { $0.name == s.name }) {
                all.append(LegendEntry(name: s.name, color: s.color, sample: .swatch))
            }
        }
        return all
    }

}
