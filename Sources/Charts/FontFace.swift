import CCairo
import Foundation

/// The one font family of every chart, DejaVu Sans (Debian: fonts-dejavu-core), loaded through
/// FreeType from fixed TTF files so that text measurement and rendering are identical on every
/// machine. Advances are unhinted design units scaled to the size, exactly what Cairo draws with
/// hinting off.
///
/// Lifetime: Cairo caches font faces beyond their last reference and finds them again by
/// `FT_Face` address, so an `FT_Face` must live as long as Cairo's face does (cairo-ft
/// documentation). Each FreeType face is therefore owned by its Cairo face and closed when Cairo
/// lets go of it, never by `deinit`; otherwise a later face allocated at the same address would
/// be served Cairo's stale entry. Use one `FontFace` per thread: FreeType faces are not thread-safe.
public final class FontFace {
    /// Where the TTFs are looked for, in order (TOKENOMICS_FONT_DIR overrides).
    public static var searchPaths: [String] {
        var paths = ["/usr/share/fonts/truetype/dejavu"]
        if let custom = ProcessInfo.processInfo.environment["TOKENOMICS_FONT_DIR"] { paths.insert(custom, at: 0) }
        return paths
    }

    let regular: FT_Face
    let bold: FT_Face
    /// The Cairo faces that own `regular` and `bold`.
    let cairoRegular: OpaquePointer
    let cairoBold: OpaquePointer
    let unitsPerEM: Double
    private var advanceCache: [TextStyle.Weight: [Unicode.Scalar: Double]] = [.regular: [:], .bold: [:]]

    /// Loads DejaVuSans.ttf and DejaVuSans-Bold.ttf, or fails saying which package provides them.
    public init() throws {
        let library = try FreeTypeLibrary()
        regular = try library.load("DejaVuSans.ttf", from: Self.searchPaths)
        bold = try library.load("DejaVuSans-Bold.ttf", from: Self.searchPaths)  // a failure here closes `regular` with the library
        cairoRegular = FreeTypeFaceOwner.cairoFace(owning: regular, library: library)
        cairoBold = FreeTypeFaceOwner.cairoFace(owning: bold, library: library)
        unitsPerEM = Double(regular.pointee.units_per_EM)
    }

    deinit {
        cairo_font_face_destroy(cairoRegular)
        cairo_font_face_destroy(cairoBold)
    }

    func cairoFace(_ weight: TextStyle.Weight) -> OpaquePointer { weight == .bold ? cairoBold : cairoRegular }

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

/// A FreeType library instance, closed after the last face opened in it.
final class FreeTypeLibrary {
    let library: FT_Library

    init() throws {
        var lib: FT_Library?
        guard FT_Init_FreeType(&lib) == 0, let lib else { throw ChartError.font("FreeType failed to initialize") }
        library = lib
    }

    deinit { FT_Done_FreeType(library) }

    /// Opens `name` from the first folder that has it, or fails naming the package to install.
    func load(_ name: String, from folders: [String]) throws -> FT_Face {
        for folder in folders {
            var face: FT_Face?
            if FT_New_Face(library, folder + "/" + name, 0, &face) == 0, let face { return face }
        }
        throw ChartError.font("cannot load \(name) from \(folders.joined(separator: ", ")); install fonts-dejavu-core")
    }
}

/// Cairo user data that closes an `FT_Face` when Cairo destroys the font face made from it, and
/// keeps the face's library open until then.
final class FreeTypeFaceOwner {
    let face: FT_Face
    let library: FreeTypeLibrary

    init(face: FT_Face, library: FreeTypeLibrary) {
        self.face = face
        self.library = library
    }

    deinit { FT_Done_Face(face) }

    nonisolated(unsafe) static let key = UnsafeMutablePointer<cairo_user_data_key_t>.allocate(capacity: 1)

    /// A Cairo font face for `face` that owns it.
    static func cairoFace(owning face: FT_Face, library: FreeTypeLibrary) -> OpaquePointer {
        let cairoFace = cairo_ft_font_face_create_for_ft_face(face, 0)!
        let owner = Unmanaged.passRetained(FreeTypeFaceOwner(face: face, library: library)).toOpaque()
        cairo_font_face_set_user_data(cairoFace, key, owner) { Unmanaged<FreeTypeFaceOwner>.fromOpaque($0!).release() }
        return cairoFace
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
