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
/// group = "series"                  # colour key: a field of the analysed points
/// panels = "scenario"               # optional: one panel per value, shared axes
/// filter = { model = "llama-3.3-70b", precision = ["fp8", "fp4"] }
/// title = "…"
/// subtitle = "…"
/// caption = "…"
/// width_pt = 792
/// height_pt = 380
/// formats = ["pdf", "png"]
/// png_scale = 2
/// ```
public struct FigureSpec: Sendable, Equatable {
    public static let keys = ["sweep", "kind", "x", "y", "x_scale", "y_scale", "group", "panels", "filter", "title",
                              "subtitle", "caption", "width_pt", "height_pt", "formats", "png_scale"]
    /// Chart kinds: frontier of a metric against interactivity; a metric against end-to-end latency.
    public static let kinds = ["pareto", "latency"]

    public var name: String
    public var sweeps: [String]
    public var kind: String
    public var x: String
    public var y: String
    public var xScale: Scale.Kind
    public var yScale: Scale.Kind
    public var group: String
    public var panels: String?
    public var filter: [String: [String]]
    public var title: String
    public var subtitle: String?
    public var caption: String?
    public var width: Double
    public var height: Double
    public var formats: [CairoCanvas.Format]
    public var pngScale: Double

    public init(file: String, text: String) throws(InputError) {
        let f = try TOMLFields(text: text, file: file)
        try f.rejectUnknownKeys(allowed: Self.keys)
        name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        sweeps = try f.stringList("sweep")
        kind = (try f.optionalString("kind")) ?? "pareto"
        guard Self.kinds.contains(kind) else { throw f.error("kind", "unknown chart kind", value: kind, allowed: Self.kinds.listed) }
        let metrics = Array(AnalyzedPoint.metrics.keys)
        x = (try f.optionalString("x")) ?? (kind == "latency" ? "median_e2el" : "median_intvty")
        y = (try f.optionalString("y")) ?? "tput_per_gpu"
        for (key, value) in [("x", x), ("y", y)] where !metrics.contains(value) {
            throw f.error(key, "unknown metric", value: value, allowed: metrics.listed)
        }
        func scale(_ key: String) throws(InputError) -> Scale.Kind {
            let value = (try f.optionalString(key)) ?? "linear"
            guard let kind = Scale.Kind(rawValue: value) else { throw f.error(key, "unknown scale", value: value, allowed: "linear, log") }
            return kind
        }
        xScale = try scale("x_scale")
        yScale = try scale("y_scale")
        group = (try f.optionalString("group")) ?? "series"
        panels = try f.optionalString("panels")
        for (key, value) in [("group", group), ("panels", panels ?? group)] where !AnalyzedPoint.fields.contains(value) {
            throw f.error(key, "unknown field", value: value, allowed: AnalyzedPoint.fields.listed)
        }
        filter = [:]
        if f.has("filter") {
            let table = try f.table("filter")
            try table.rejectUnknownKeys(allowed: AnalyzedPoint.fields)
            for key in table.keys { filter[key] = try table.stringList(key) }
        }
        title = try f.string("title")
        subtitle = try f.optionalString("subtitle")
        caption = try f.optionalString("caption")
        width = (try f.optionalDouble("width_pt")) ?? 792
        height = (try f.optionalDouble("height_pt")) ?? 400
        for (key, value) in [("width_pt", width), ("height_pt", height)] where !(value >= 144 && value <= 2000) {
            throw f.error(key, "out of range", value: "\(value)", allowed: "144…2000 points")
        }
        let formatNames = f.has("formats") ? try f.strings("formats") : ["pdf", "png"]
        var formats: [CairoCanvas.Format] = []
        for name in formatNames {
            guard let format = CairoCanvas.Format(rawValue: name) else {
                throw f.error("formats", "unknown format", value: name, allowed: "pdf, png, svg")
            }
            formats.append(format)
        }
        self.formats = formats
        pngScale = (try f.optionalDouble("png_scale")) ?? 2
        guard pngScale > 0, pngScale <= 8 else { throw f.error("png_scale", "out of range", value: "\(pngScale)", allowed: "(0, 8]") }
    }

    /// Whether a point passes the filter.
    public func accepts(_ point: AnalyzedPoint) -> Bool {
        filter.allSatisfy { key, values in point.field(key).map(values.contains) ?? false }
    }
}
