import CCairo
import Foundation

/// The one font family of every chart, DejaVu Sans (Debian: fonts-dejavu-core), loaded through
/// FreeType from fixed TTF files so that text measurement and rendering are identical on every
/// machine. Advances are unhinted design units scaled to the size, exactly what Cairo draws with
/// hinting off.
public final class FontFace {
    /// Where the TTFs are looked for, in order (TOKENOMICS_FONT_DIR overrides).
    public static var searchPaths: [String] {
        var paths = ["/usr/share/fonts/truetype/dejavu"]
        if let custom = ProcessInfo.processInfo.environment["TOKENOMICS_FONT_DIR"] { paths.insert(custom, at: 0) }
        return paths
    }

    let library: FT_Library
    let regular: FT_Face
    let bold: FT_Face
    let unitsPerEM: Double
    private var advanceCache: [TextStyle.Weight: [Unicode.Scalar: Double]] = [.regular: [:], .bold: [:]]

    /// Loads DejaVuSans.ttf and DejaVuSans-Bold.ttf, or fails saying which package provides them.
    public init() throws {
        var lib: FT_Library?
        guard FT_Init_FreeType(&lib) == 0, let lib else { throw ChartError.font("FreeType failed to initialize") }
        library = lib
        func load(_ name: String) throws -> FT_Face {
            for folder in Self.searchPaths {
                var face: FT_Face?
                if FT_New_Face(lib, folder + "/" + name, 0, &face) == 0, let face { return face }
            }
            throw ChartError.font("cannot load \(name) from \(Self.searchPaths.joined(separator: ", ")); install fonts-dejavu-core")
        }
        regular = try load("DejaVuSans.ttf")
        bold = try load("DejaVuSans-Bold.ttf")
        unitsPerEM = Double(regular.pointee.units_per_EM)
    }

    deinit {
        FT_Done_Face(regular)
        FT_Done_Face(bold)
        FT_Done_FreeType(library)
    }

    func face(_ weight: TextStyle.Weight) -> FT_Face { weight == .bold ? bold : regular }

    /// Advance of one character in em units (design units / units per em).
    func advance(_ scalar: Unicode.Scalar, weight: TextStyle.Weight) -> Double {
        if let cached = advanceCache[weight]![scalar] { return cached }
        let face = self.face(weight)
        let glyph = FT_Get_Char_Index(face, FT_ULong(scalar.value))
        var advance = 0.0
        if FT_Load_Glyph(face, glyph, FT_Int32(FT_LOAD_NO_SCALE)) == 0 {
            advance = Double(face.pointee.glyph.pointee.advance.x) / unitsPerEM
        }
        advanceCache[weight]![scalar] = advance
        return advance
    }

    /// Width, ascent and descent of `text` at `style`, in points.
    public func measure(_ text: String, style: TextStyle) -> TextMetrics {
        var em = 0.0
        for scalar in text.unicodeScalars { em += advance(scalar, weight: style.weight) }
        let face = self.face(style.weight)
        return TextMetrics(width: em * style.size,
                           ascent: Double(face.pointee.ascender) / unitsPerEM * style.size,
                           descent: -Double(face.pointee.descender) / unitsPerEM * style.size)
    }
}

public enum ChartError: Error, CustomStringConvertible {
    case font(String)
    case cairo(String)

    public var description: String {
        switch self {
        case let .font(message): "font: \(message)"
        case let .cairo(message): "cairo: \(message)"
        }
    }
}
