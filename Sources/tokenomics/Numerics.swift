import ArgumentParser
import Catalog
import Charts
import Emulator
import Foundation

/// `tokenomics numerics`: the low-precision formats, value by value and as error figures.
struct Numerics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Low-precision format emulation (e4m3, e5m2, e2m1, mxfp8, mxfp4, nvfp4) and their error on test tensors.",
        discussion:
            "With --values, prints each value cast to each plain format (round to nearest even; E4M3 overflows to NaN, E5M2 to "
                + "infinity, E2M1 saturates), bit-exact with ml_dtypes. Otherwise prints the error table of FP8, MXFP8, MXFP4 "
                + "and NVFP4 on typical and outlier-heavy tensors; -o draws it as a bar chart, --markdown and --json write it "
                + "to files (the report reads the JSON)."
    )

    @Option(help: "Comma-separated values to cast.") var values: String?
    @Option(name: .shortAndLong, help: "Chart outputs (.pdf, .png, .svg); repeat for several.") var output: [String] = []
    @Option(help: "Also write the error table as Markdown to this file.") var markdown: String?
    @Option(help: "Write the error table as JSON to this file (the report reads it).") var json: String?
    @Option(help: "Seed of the test tensors.") var seed: UInt64 = 1

    func run() throws {
        if let values {
            var parsed: [Float] = []
            for text in values.split(separator: ",") {
                guard let value = Float(text.trimmingCharacters(in: .whitespaces)) else {
                    throw InputError(key: "--values", value: String(text), problem: "not a number", allowed: "comma-separated numbers")
                }
                parsed.append(value)
            }
            // Columns as wide as their widest cell, two spaces apart, so no value runs into the next.
            let rows = [["value"] + MiniFloat.all.map(\.name)] + parsed.map { v in ["\(v)"] + MiniFloat.all.map { "\($0.cast(v))" } }
            let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! + 2 }
            for row in rows { print(zip(row, widths).map { $0.padding($1) }.joined().trimmingCharacters(in: .whitespaces)) }
            return
        }
        let rows = QuantizationError.table(seed: seed)
        let table = ["| format | tensor | relative RMS error | max error / max |x| | SQNR (dB) |", "|---|---|---:|---:|---:|"]
            + rows.map {
                "| \($0.format) | \($0.tensor) | \(($0.relative_rms * 100).fixed(2))% | \(($0.max_relative * 100).fixed(2))% | "
                    + "\($0.sqnr_db.fixed(1)) |"
            }
        let text = table.joined(separator: "\n") + "\n"
        if let markdown { try OutputFile.write(text, to: markdown) } else if json == nil { print(text, terminator: "") }
        if let json { try OutputFile.write(try OutputFile.json(rows), to: json) }
        guard !output.isEmpty else { return }
        let bars = rows.map { ChartSpec.NumericsRow(format: $0.format, tensor: $0.tensor, relativeRMS: $0.relative_rms) }
        let spec = ChartSpec.numerics(bars, seed: seed, version: Tokenomics.version)
        try ChartRenderer(spec).write(to: output)
    }
}
