import CCairo
import Foundation

/// A decoded PNG (through Cairo) for pixel comparisons: reference images in tests, before/after
/// figures in reviews.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Premultiplied ARGB32 pixels, row by row.
    public let pixels: [UInt32]

    /// Decodes PNG bytes; nil when they are not a PNG Cairo can read.
    public init?(png data: Data) {
        let source = PNGSource(data: data)
        let box = Unmanaged.passUnretained(source).toOpaque()
        let surface = cairo_image_surface_create_from_png_stream({ closure, buffer, length in
            guard let closure, let buffer else { return CAIRO_STATUS_READ_ERROR }
            return Unmanaged<PNGSource>.fromOpaque(closure).takeUnretainedValue().read(into: buffer, count: Int(length))
        }, box)
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let base = cairo_image_surface_get_data(surface) else { return nil }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels = [UInt32](repeating: 0, count: width * height)
        for row in 0..<height {
            let line = UnsafeRawPointer(base + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width { pixels[row * width + column] = line[column] }
        }
        self.pixels = pixels
    }

    /// Mean absolute difference per channel in [0, 1], and the share of pixels differing by more
    /// than `threshold` (0–255) in any channel. Nil when the sizes differ.
    public func difference(to other: RasterImage, threshold: Int = 48) -> (mean: Double, changedShare: Double)? {
        guard width == other.width, height == other.height else { return nil }
        var total = 0, changed = 0
        for (a, b) in zip(pixels, other.pixels) {
            var worst = 0
            for shift in stride(from: 0, to: 32, by: 8) {
                let d = abs(Int((a >> UInt32(shift)) & 0xFF) - Int((b >> UInt32(shift)) & 0xFF))
                total += d
                worst = max(worst, d)
            }
            if worst > threshold { changed += 1 }
        }
        let count = Double(max(1, pixels.count))
        return (Double(total) / (count * 4 * 255), Double(changed) / count)
    }
}

/// Feeds PNG bytes to Cairo's read callback.
final class PNGSource {
    let data: Data
    var offset = 0
    init(data: Data) { self.data = data }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> cairo_status_t {
        guard offset + count <= data.count else { return CAIRO_STATUS_READ_ERROR }
        data.copyBytes(to: buffer, from: offset..<(offset + count))
        offset += count
        return CAIRO_STATUS_SUCCESS
    }
}
