import CCairo
import Foundation

/// A `Canvas` drawn by Cairo into PDF (text stays text), SVG or PNG.
///
/// Determinism: the PDF creation date is pinned (SOURCE_DATE_EPOCH when set, else
/// 2025-01-01T00:00:00Z), the font is a fixed TTF through FreeType with hinting off and grayscale
/// antialiasing, so the same chart gives the same bytes in every process.
public final class CairoCanvas: Canvas {
    public enum Format: String, Sendable, CaseIterable {
        case pdf, png, svg
    }

    public let size: (width: Double, height: Double)
    let format: Format
    let surface: OpaquePointer
    let context: OpaquePointer
    let fonts: FontFace
    let options: OpaquePointer
    let sink: ByteSink

    /// What a PDF says about itself in its document information: title, subject (the figure's
    /// subtitle and caption, which a paper may leave out of the image) and keywords (provenance).
    public struct Metadata: Sendable, Equatable {
        public var title: String
        public var subject: String
        public var keywords: String

        public init(title: String, subject: String = "", keywords: String = "") {
            self.title = title
            self.subject = subject
            self.keywords = keywords
        }
    }

    /// A canvas of `width` × `height` points; PNGs are rasterized at `scale` pixels per point.
    public init(format: Format, width: Double, height: Double, scale: Double = 2, fonts: FontFace, metadata: Metadata? = nil) throws {
        size = (width, height)
        self.format = format
        self.fonts = fonts
        sink = ByteSink()
        let box = Unmanaged.passUnretained(sink).toOpaque()
        switch format {
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(byteSinkWrite, box, width, height)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, Self.pinnedDate)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, Self.pinnedDate)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "tokenomics")
            if let metadata {
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
                if !metadata.subject.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject) }
                if !metadata.keywords.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords) }
            }
        case .svg:
            surface = cairo_svg_surface_create_for_stream(byteSinkWrite, box, width, height)
            cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1)
        case .png:
            surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32((width * scale).rounded()), Int32((height * scale).rounded()))
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw ChartError.cairo("cannot create a \(format) surface") }
        context = cairo_create(surface)
        if format == .png { cairo_scale(context, scale, scale) }
        options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(context, options)
        if format == .png {
            fill(.rect(Rect(x: 0, y: 0, width: width, height: height)), .white)
        }
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
        cairo_font_options_destroy(options)
    }

    /// ISO 8601 date for the PDF metadata: SOURCE_DATE_EPOCH when set, else 2025-01-01.
    static let pinnedDate: String = {
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init) ?? 1_735_689_600
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: epoch))
    }()

    func setColor(_ c: Color) { cairo_set_source_rgba(context, c.red, c.green, c.blue, c.alpha) }

    func addPath(_ path: Path) {
        cairo_new_path(context)
        for element in path.elements {
            switch element {
            case let .move(p): cairo_move_to(context, p.x, p.y)
            case let .line(p): cairo_line_to(context, p.x, p.y)
            case let .circle(c, r):
                cairo_new_sub_path(context)
                cairo_arc(context, c.x, c.y, r, 0, 2 * .pi)
                cairo_close_path(context)
            case .close: cairo_close_path(context)
            }
        }
    }

    public func fill(_ path: Path, _ color: Color) {
        addPath(path)
        setColor(color)
        cairo_fill(context)
    }

    public func stroke(_ path: Path, _ stroke: Stroke) {
        addPath(path)
        setColor(stroke.color)
        cairo_set_line_width(context, stroke.width)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
        cairo_set_dash(context, stroke.dash, Int32(stroke.dash.count), 0)
        cairo_stroke(context)
    }

    public func text(_ text: String, at p: Point, style: TextStyle, anchor: TextAnchor, rotated: Bool) {
        let width = measure(text, style: style).width
        let offset = anchor == .left ? 0 : (anchor == .center ? width / 2 : width)
        cairo_save(context)
        cairo_set_font_face(context, fonts.cairoFace(style.weight))
        cairo_set_font_size(context, style.size)
        setColor(style.color)
        cairo_translate(context, p.x, p.y)
        if rotated { cairo_rotate(context, -.pi / 2) }
        cairo_move_to(context, -offset, 0)
        cairo_show_text(context, text)
        cairo_restore(context)
    }

    public func measure(_ text: String, style: TextStyle) -> TextMetrics { fonts.measure(text, style: style) }

    public func clip(to rect: Rect) {
        cairo_save(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
    }

    public func resetClip() { cairo_restore(context) }

    /// Finishes the document and returns its bytes.
    public func finish() throws -> Data {
        if format == .png {
            guard let png = PNGEncoder.encode(surface: surface) else { throw ChartError.cairo("PNG encoding failed") }
            sink.data = png
        } else {
            cairo_surface_finish(surface)
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw ChartError.cairo("drawing failed") }
        return sink.data
    }
}

/// Collects the bytes Cairo streams out.
final class ByteSink {
    var data = Data()
}

/// Cairo's write callback: appends to the `ByteSink` passed as closure.
let byteSinkWrite: cairo_write_func_t = { closure, bytes, length in
    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
    Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
    return CAIRO_STATUS_SUCCESS
}
