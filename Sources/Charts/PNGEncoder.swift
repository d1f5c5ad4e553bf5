import CCairo
import Foundation

/// Encodes a Cairo ARGB32 image as an 8-bit RGB PNG (PNG specification, RFC 2083): signature,
/// IHDR, one IDAT of zlib-deflated scanlines with filter "none", IEND. zlib does the compression
/// (run-length strategy: charts are long runs of identical pixels) and the CRCs, several times
/// faster than Cairo's own writer (libpng at its default level and filters). Charts are drawn on an opaque white background, so
/// the alpha channel carries nothing and premultiplication is the identity.
enum PNGEncoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG bytes of an image surface, or nil when zlib fails.
    static func encode(surface: OpaquePointer, level: Int32 = 1) -> Data? {
        cairo_surface_flush(surface)
        guard let base = cairo_image_surface_get_data(surface) else { return nil }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let rowBytes = 1 + 3 * width
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        raw.withUnsafeMutableBufferPointer { out in
            for row in 0..<height {
                let pixels = UnsafeRawPointer(base + row * stride).assumingMemoryBound(to: UInt32.self)
                var o = row * rowBytes + 1  // filter byte 0: none
                for column in 0..<width {
                    let argb = pixels[column]
                    out[o] = UInt8(truncatingIfNeeded: argb >> 16)
                    out[o + 1] = UInt8(truncatingIfNeeded: argb >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: argb)
                    o += 3
                }
            }
        }
        guard let compressed = deflate(raw, level: level) else { return nil }
        var png = Data(signature)
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, 2, 0, 0, 0])  // 8-bit depth, truecolour, deflate, adaptive filtering, no interlace
        png.appendChunk("IHDR", header)
        png.appendChunk("IDAT", compressed)
        png.appendChunk("IEND", Data())
        return png
    }
}

/// One zlib stream of `input` with the run-length strategy.
func deflate(_ input: [UInt8], level: Int32) -> Data? {
    var stream = z_stream()
    guard deflateInit2_(&stream, level, Z_DEFLATED, MAX_WBITS, 8, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        return nil
    }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
    let status = input.withUnsafeBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            stream.next_out = target.baseAddress
            stream.avail_out = uInt(target.count)
            return zlib_deflate(&stream)
        }
    }
    guard status == Z_STREAM_END else { return nil }
    return Data(output.prefix(Int(stream.total_out)))
}

/// zlib's `deflate(strm, Z_FINISH)`, named apart from the Swift function above.
@inline(__always)
func zlib_deflate(_ stream: inout z_stream) -> Int32 { CCairo.deflate(&stream, Z_FINISH) }

extension Data {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }

    /// Appends a PNG chunk: length, type, data, CRC-32 of type and data.
    mutating func appendChunk(_ type: String, _ body: Data) {
        appendBigEndian(UInt32(body.count))
        let typed = Data(type.utf8) + body
        append(typed)
        let crc = typed.withUnsafeBytes { crc32(0, $0.bindMemory(to: UInt8.self).baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc))
    }
}
