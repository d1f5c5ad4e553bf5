import Catalog
import Dispatch
import Foundation

extension ChartRenderer {
    /// Renders the chart into one format and returns the bytes.
    public func render(_ format: CairoCanvas.Format, pngScale: Double = 3, fonts: FontFace) throws -> Data {
        let canvas = try CairoCanvas(format: format, width: spec.width, height: spec.height, scale: pngScale, fonts: fonts,
                                     metadata: spec.metadata)
        _ = draw(on: canvas)
        return try canvas.finish()
    }

    /// Renders the chart into several formats and returns the bytes in the order asked. PDFs and
    /// PNGs render at once, one thread and one `FontFace` each (FreeType faces are not
    /// thread-safe); SVGs render afterwards, one by one, because Cairo names their elements from
    /// a process-wide surface counter that concurrent renders would advance in a varying order.
    public func render(_ formats: [CairoCanvas.Format], pngScale: Double = 3) throws -> [Data] {
        let renderOne: @Sendable (Int) -> Result<Data, Error> = { i in
            Result { try render(formats[i], pngScale: pngScale, fonts: try FontFace()) }
        }
        let concurrent = formats.indices.filter { formats[$0] != .svg }
        let rendered = parallelMap(count: concurrent.count, workers: concurrent.count) { renderOne(concurrent[$0]) }
        var results = [Int: Result<Data, Error>](uniqueKeysWithValues: zip(concurrent, rendered))
        for i in formats.indices where formats[i] == .svg { results[i] = renderOne(i) }
        return try formats.indices.compactMap { results[$0] }.map { try $0.get() }
    }

    /// Renders into the format each path names by its extension (a `.csv` gets the data drawn,
    /// `ChartSpec.csv`) and writes the files, each atomically, only once every format has
    /// rendered: a failure writes nothing.
    public func write(to paths: [String], pngScale: Double = 3) throws {
        try OutputFile.writeAll(try rendered(paths, pngScale: pngScale))
    }

    /// The bytes of each output `paths` names, in order, rendered but not written: a command that
    /// writes other files too writes them all only once everything has rendered.
    public func rendered(_ paths: [String], pngScale: Double = 3) throws -> [(path: String, data: Data)] {
        guard !paths.isEmpty else { throw InputError(key: "-o", problem: "no output named", allowed: Self.allowedOutputs) }
        let images = try paths.filter { !$0.hasSuffix(".csv") }.map { path throws(InputError) in
            guard let format = CairoCanvas.Format(rawValue: URL(fileURLWithPath: path).pathExtension) else {
                throw InputError(key: "-o", value: path, problem: "unknown output format", allowed: Self.allowedOutputs)
            }
            return (path, format)
        }
        var files = Dictionary(uniqueKeysWithValues: zip(images.map(\.0), try render(images.map(\.1), pngScale: pngScale)))
        for path in paths where path.hasSuffix(".csv") { files[path] = Data(spec.csv.utf8) }
        return paths.map { ($0, files[$0]!) }
    }

    static let allowedOutputs = "*.pdf, *.png, *.svg, *.csv"
}
