import Analysis
import Catalog
import Foundation

/// A figure definition (`figures/NAME.toml`): which analysis it reads, what it plots and how.
///
/// ```toml
/// sweep = "llama-3.3-70b"           # reads build/analysis/llama-3.3-70b.json
/// kind = "pareto"                   # pareto | latency
/// x = "median_intvty"
/// y = "tput_per_gpu"
/// x_scale = "linear"                # linear | log
/// y_scale = "linear"
/// x_range = [3, 200]                # optional axis limits; points beyond them are clipped
/// y_range = [0, 20000]
/// group = "series"                  # colour key: a field of the analysed points, or a list
///                                   # of them (["series", "source"]: emulated beside measured)
/// panels = "scenario"               # optional: one panel (column) per value, shared axes; a
///                                   # field constant over a series, or "vendor" / "family"
/// rows = "vendor"                   # optional: one row of panels per value (small multiples)
/// panel_titles = { nvidia = "NVIDIA", amd = "AMD" }   # optional: headings for facet values
/// y_axis = "per_panel"              # shared (default) | per_panel: panels apart by 10×
/// filter = { model = "llama-3.3-70b", precision = ["fp8", "fp4"] }
/// title = "…"
/// subtitle = "TP {tp}, concurrency {conc}"   # {FIELD}: the values drawn (`FigureText`)
/// caption = "…"
/// size = "double"                  # single (3.5 in = 252 pt) | double (7 in = 504 pt) column,
///                                   # text 7–9 pt at that size; or width_pt = 792 for a slide
/// height_pt = 300
/// titles = false                    # optional: leave title, subtitle and caption out of the
///                                   # image (a paper sets its own); the PDF metadata keeps them
/// formats = ["pdf", "png", "svg"]       # the default; SVG is what the HTML report inlines
/// png_scale = 3
/// error_band = true                 # optional: shade each emulated frontier's expected error
///                                   # (± the calibration's held-out error of its engine × family)
///
/// [[annotation]]                    # iso-interactivity marker with its ratio
/// at = 50                           # tok/s/user
/// numerator = "b200 · trtllm · fp4" # values of the group field
/// denominator = "h200 · trtllm · fp8"
/// panel = "1k/1k"                   # optional: only this panel
/// ```
///
/// Bar charts (`kind = "bars"`) show, per panel and per interactivity level in `levels`, each
/// group's frontier value of `y` divided by the `baseline` group's: "B200 / H200 at 50 tok/s/user".
/// ROI charts (`kind = "roi"`) show the return multiple of a deployment of each group at the
/// prices per million tokens in `levels`, read with the [roi] assumptions (deployment cost,
/// life, utilization, model, scenario and interactivity).
public struct FigureSpec: Sendable, Equatable {
    public static let keys = ["sweep", "kind", "x", "y", "x_scale", "y_scale", "x_range", "y_range", "group", "panels", "filter", "title",
                              "subtitle", "caption", "width_pt", "height_pt", "formats", "png_scale", "baseline", "levels",
                              "annotation", "error_band", "rows", "panel_titles", "y_axis", "size", "titles"]
    /// Paper column widths, points: single (3.5 in) and double (7 in).
    public static let sizes: [String: Double] = ["single": 252, "double": 504]
    /// Chart kinds: frontier of a metric against interactivity; a metric against end-to-end
    /// latency; ratios to a baseline group at fixed interactivity levels.
    public static let kinds = ["pareto", "latency", "bars", "roi"]

    public struct AnnotationSpec: Sendable, Equatable {
        public var at: Double
        public var numerator: String
        public var denominator: String
        public var panel: String?
    }

    /// The definition's path, as errors name it.
    public var file: String
    public var name: String
    public var sweeps: [String]
    public var kind: String
    public var x: Metric
    public var y: Metric
    public var xScale: Scale.Kind
    public var yScale: Scale.Kind
    /// Axis limits the author fixed (else the data's extent, rounded to ticks).
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// How points pool into a series (colour and frontier): by configuration or by GPU, and
    /// whether emulated and measured points of one key are separate series.
    public var pooling: SeriesKey.Pooling
    public var bySource: Bool
    /// Shade y × (1 ± e) around each frontier whose points carry an expected error e
    /// (`AnalyzedPoint.expected_tput_error`: emulated with a calibration profile).
    public var errorBand: Bool
    /// Columns and rows of the panel grid, and the headings of facet values.
    public var panels: Facet?
    public var rows: Facet?
    public var panelTitles: [String: String]
    public var sharedY: Bool
    /// Whether title, subtitle and caption are drawn in the image.
    public var showsTitles: Bool
    public var filter: [PointField: [String]]
    public var title: String
    public var subtitle: String?
    public var caption: String?
    public var width: Double
    public var height: Double
    public var formats: [CairoCanvas.Format]
    public var pngScale: Double
    /// Bars: the group every other is divided by, and the interactivity levels (tok/s/user).
    public var baseline: String?
    public var levels: [Double]
    public var annotations: [AnnotationSpec]

    public init(file: String, text: String) throws(InputError) {
        let f = try TOMLFields(text: text, file: file)
        try f.rejectUnknownKeys(allowed: Self.keys)
        self.file = file
        name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        sweeps = try f.stringList("sweep")
        guard !sweeps.isEmpty else { throw f.error("sweep", "names no sweep", value: "[]", allowed: "a sweep's name or a list of them") }
        kind = (try f.optionalString("kind")) ?? "pareto"
        guard Self.kinds.contains(kind) else { throw f.error("kind", "unknown chart kind", value: kind, allowed: Self.kinds.listed) }
        x = try Metric.named((try f.optionalString("x")) ?? (kind == "latency" ? "median_e2el" : "median_intvty"), key: "x", file: file)
        y = try Metric.named((try f.optionalString("y")) ?? "tput_per_gpu", key: "y", file: file)
        func scale(_ key: String) throws(InputError) -> Scale.Kind {
            let value = (try f.optionalString(key)) ?? "linear"
            guard let kind = Scale.Kind(rawValue: value) else { throw f.error(key, "unknown scale", value: value, allowed: "linear, log") }
            return kind
        }
        xScale = try scale("x_scale")
        yScale = try scale("y_scale")
        func range(_ key: String, _ scale: Scale.Kind) throws(InputError) -> ClosedRange<Double>? {
            guard f.has(key) else { return nil }
            let bounds = try f.doubles(key)
            guard bounds.count == 2, bounds[0] < bounds[1], bounds.allSatisfy(\.isFinite), scale == .linear || bounds[0] > 0 else {
                throw f.error(key, "not an axis range", value: "\(bounds)",
                              allowed: scale == .log ? "[low, high] with 0 < low < high (log axis)" : "[low, high] with low < high")
            }
            return bounds[0]...bounds[1]
        }
        xRange = try range("x_range", xScale)
        yRange = try range("y_range", yScale)
        func field(_ key: String, _ name: String) throws(InputError) -> PointField {
            guard let field = PointField(rawValue: name) else {
                throw f.error(key, "unknown field", value: name, allowed: PointField.names.listed)
            }
            return field
        }
        let group = f.has("group") ? try f.stringList("group") : ["series"]
        guard let pooling = SeriesKey.Pooling(rawValue: group[0]), group.count == 1 || group == [group[0], "source"] else {
            throw f.error("group", "not a grouping the analysis keeps frontiers for", value: group.joined(separator: ", "),
                          allowed: "\"series\", \"hw\", [\"series\", \"source\"], [\"hw\", \"source\"]")
        }
        self.pooling = pooling
        bySource = group.count == 2
        errorBand = f.has("error_band") ? try f.bool("error_band") : false
        func facet(_ key: String) throws(InputError) -> Facet? {
            guard let name = try f.optionalString(key) else { return nil }
            guard let facet = Facet(name: name, pooling: pooling) else {
                throw f.error(key, "not a field constant over each series of this figure", value: name,
                              allowed: Facet.allowed(pooling).listed)
            }
            return facet
        }
        panels = try facet("panels")
        rows = try facet("rows")
        if let rows, rows == panels { throw f.error("rows", "splits like panels", value: try f.string("rows"), allowed: "another facet") }
        panelTitles = [:]
        if f.has("panel_titles") {
            let table = try f.table("panel_titles")
            for key in table.keys { panelTitles[key] = try table.string(key) }
        }
        let yAxis = (try f.optionalString("y_axis")) ?? "shared"
        guard ["shared", "per_panel"].contains(yAxis) else {
            throw f.error("y_axis", "unknown y axis", value: yAxis, allowed: "shared, per_panel")
        }
        sharedY = yAxis == "shared"
        showsTitles = f.has("titles") ? try f.bool("titles") : true
        filter = [:]
        if f.has("filter") {
            let table = try f.table("filter")
            try table.rejectUnknownKeys(allowed: PointField.names)
            let allowed = Self.filterFields(pooling).map(\.rawValue)
            for key in table.keys where !allowed.contains(key) {
                throw table.error(key, "a filter on this field would change the frontiers the analysis computed per \(group[0])",
                                  allowed: allowed.listed)
            }
            for key in table.keys { filter[try field("filter", key)] = try table.stringList(key) }
        }
        title = try f.string("title")
        subtitle = try f.optionalString("subtitle")
        caption = try f.optionalString("caption")
        if let size = try f.optionalString("size") {
            guard let width = Self.sizes[size] else { throw f.error("size", "unknown size", value: size, allowed: "single, double") }
            guard !f.has("width_pt") else { throw f.error("width_pt", "conflicts with size", allowed: "size or width_pt") }
            self.width = width
        } else {
            width = (try f.optionalDouble("width_pt")) ?? 504
        }
        height = (try f.optionalDouble("height_pt")) ?? (width * 0.6).rounded()
        for (key, value) in [("width_pt", width), ("height_pt", height)] where !(value >= 144 && value <= 2000) {
            throw f.error(key, "out of range", value: "\(value)", allowed: "144…2000 points")
        }
        let formatNames = f.has("formats") ? try f.strings("formats") : ["pdf", "png", "svg"]
        var formats: [CairoCanvas.Format] = []
        for name in formatNames {
            guard let format = CairoCanvas.Format(rawValue: name) else {
                throw f.error("formats", "unknown format", value: name, allowed: "pdf, png, svg")
            }
            formats.append(format)
        }
        self.formats = formats
        pngScale = (try f.optionalDouble("png_scale")) ?? 3
        guard pngScale > 0, pngScale <= 8 else { throw f.error("png_scale", "out of range", value: "\(pngScale)", allowed: "(0, 8]") }
        baseline = try f.optionalString("baseline")
        levels = f.has("levels") ? try f.doubles("levels") : []
        if kind == "bars" {
            guard baseline != nil else { throw f.error("baseline", "a bar chart needs a baseline group") }
        }
        if kind == "bars" || kind == "roi" {
            guard !levels.isEmpty, levels.allSatisfy({ $0 > 0 }) else {
                throw f.error("levels", "a \(kind) chart needs levels", value: "\(levels)",
                              allowed: kind == "roi" ? "positive prices per million tokens" : "positive tok/s/user values")
            }
        }
        annotations = []
        if f.has("annotation") {
            for table in try f.tableArray("annotation") {
                try table.rejectUnknownKeys(allowed: ["at", "numerator", "denominator", "panel"])
                annotations.append(AnnotationSpec(at: try table.double("at"), numerator: try table.string("numerator"),
                                                  denominator: try table.string("denominator"), panel: try table.optionalString("panel")))
            }
        }
        try checkReadable(f, group: group)
    }

    /// Fields whose values are the same for every point of a series at `pooling`: filters on them
    /// select whole series, so the analysis' frontiers still hold.
    static func filterFields(_ pooling: SeriesKey.Pooling) -> [PointField] {
        switch pooling {
        case .series: [.series, .source, .hw, .model, .framework, .precision, .spec_decoding, .scenario, .disagg]
        case .gpu: [.source, .hw, .model, .scenario]
        }
    }

    /// The series a point is drawn in: its key at the figure's pooling, and its source where the
    /// figure separates sources.
    /// The heading of facet value `value`: its `panel_titles` entry, else the value.
    public func title(_ value: String) -> String { panelTitles[value] ?? value }

    public func series(_ point: AnalyzedPoint) -> FigureSeries {
        FigureSeries(key: point.series.pooled(pooling), source: bySource ? point.source : nil)
    }

    /// Whether a point passes the filter.
    public func accepts(_ point: AnalyzedPoint) -> Bool {
        filter.allSatisfy { field, values in values.contains(field.value(of: point)) }
    }

    /// Rejects a figure that asks for data the analysis does not write: a frontier pair it does
    /// not keep, ratios or returns of anything but whole GPUs.
    func checkReadable(_ f: TOMLFields, group: [String]) throws(InputError) {
        switch kind {
        case "bars", "roi":
            guard pooling == .gpu, !bySource else {
                throw f.error("group", "\(kind) charts compare whole GPUs", value: group.joined(separator: ", "), allowed: "hw")
            }
            let metrics = kind == "roi" ? [Metric.tputPerGPU] : RatioRecord.metrics
            guard metrics.contains(y) else {
                throw f.error("y", "no \(kind) table of this metric", value: y.name, allowed: metrics.map(\.name).listed)
            }
        default:
            guard FrontierSet.has(x: x, y: y) else {
                throw f.error(
                    "y", "the analysis keeps no frontier of \(y.name) against \(x.name)", value: y.name, allowed: FrontierSet.listed)
            }
        }
    }
}
