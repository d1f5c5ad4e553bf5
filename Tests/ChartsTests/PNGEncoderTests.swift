import CCairo
@testable import Charts
import Foundation
import XCTest

final class PNGEncoderTests: XCTestCase {
    /// An opaque surface of deterministic noisy pixels with runs, as charts have.
    func surface(width: Int, height: Int) -> OpaquePointer {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))!
        let base = cairo_image_surface_get_data(surface)!
        let stride = Int(cairo_image_surface_get_stride(surface))
        var state: UInt32 = 12345
        for row in 0..<height {
            let pixels = UnsafeMutableRawPointer(base + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                state = state &* 1_664_525 &+ 1_013_904_223
                pixels[column] = column % 7 < 3 ? 0xFFFF_FFFF : 0xFF00_0000 | (state >> 8)
            }
        }
        cairo_surface_mark_dirty(surface)
        return surface
    }

    /// The IDAT payload of a PNG (single IDAT, as the encoder writes).
    func idat(_ png: Data) throws -> Data {
        let bytes = [UInt8](png)
        var i = 8
        while i + 8 <= bytes.count {
            let length = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            if String(decoding: bytes[i + 4..<i + 8], as: UTF8.self) == "IDAT" { return Data(bytes[i + 8..<i + 8 + length]) }
            i += 12 + length
        }
        return try XCTUnwrap(nil, "the PNG has no IDAT chunk")
    }

    func testBandedStreamDecodesToTheExactPixelsAndPassesAdler32() throws {
        for height in [1, 3, 4, 5, 97] {
            let width = 53
            let surface = surface(width: width, height: height)
            defer { cairo_surface_destroy(surface) }
            let png = try XCTUnwrap(PNGEncoder.encode(surface: surface))
            let image = try XCTUnwrap(RasterImage(png: png), "height \(height)")
            let base = cairo_image_surface_get_data(surface)!
            let stride = Int(cairo_image_surface_get_stride(surface))
            for row in 0..<height {
                let pixels = UnsafeRawPointer(base + row * stride).assumingMemoryBound(to: UInt32.self)
                XCTAssertEqual(
                    Array(image.pixels[row * width..<(row + 1) * width]), Array(UnsafeBufferPointer(start: pixels, count: width)),
                    "row \(row) of \(height)")
            }
            // zlib's uncompress checks the Adler-32 that adler32_combine joined from the bands.
            let stream = [UInt8](try idat(png))
            var raw = [UInt8](repeating: 0, count: height * (1 + 3 * width))
            var rawLength = uLongf(raw.count)
            XCTAssertEqual(uncompress(&raw, &rawLength, stream, uLong(stream.count)), Z_OK, "height \(height)")
            XCTAssertEqual(Int(rawLength), raw.count)
            XCTAssertTrue(
                Swift.stride(from: 0, to: raw.count, by: 1 + 3 * width).allSatisfy { raw[$0] == 2 }, "every row uses the Up filter")
        }
    }

    func testEncodingIsDeterministic() throws {
        let surface = surface(width: 301, height: 211)
        defer { cairo_surface_destroy(surface) }
        XCTAssertEqual(PNGEncoder.encode(surface: surface), PNGEncoder.encode(surface: surface))
    }
}
