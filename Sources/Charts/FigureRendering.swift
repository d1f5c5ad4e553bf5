import Foundation

extension ChartRenderer {
    /// Renders the chart into each format and returns the bytes.
    public func render(_ format: CairoCanvas.Format, pngScale: Double = 2, fonts: FontFace) throws -> Data {
        let canvas = try CairoCanvas(format: format, width: spec.width, height: spec.height, scale: pngScale, fonts: fonts)
        _ = draw(on: canvas)
        return try canvas.finish()
    }
}
