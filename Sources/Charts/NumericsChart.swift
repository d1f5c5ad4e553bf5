import Catalog

extension ChartSpec {
    /// Title of the numerics figure, as the chart and the report print it.
    public static let numericsTitle = "Quantization error of FP8, MXFP8, MXFP4 and NVFP4"

    /// One bar of the numerics figure: a format's relative RMS error on a test tensor (a fraction).
    public struct NumericsRow: Sendable {
        public var format: String
        public var tensor: String
        public var relativeRMS: Double

        public init(format: String, tensor: String, relativeRMS: Double) {
            self.format = format
            self.tensor = tensor
            self.relativeRMS = relativeRMS
        }
    }

    /// Relative RMS error of each format on each test tensor, as bars: one series per format, in
    /// the table's order.
    public static func numerics(_ rows: [NumericsRow], seed: UInt64, version: String) -> ChartSpec {
        var seen = Set<String>()
        let formats = rows.map(\.format).filter { seen.insert($0).inserted }
        let tensors = ["typical", "outliers"]
        let series = formats.enumerated().map { index, format in
            BarSeries(name: format, color: Palette.style(index).color,
                      values: tensors.map { t in rows.first { $0.format == format && $0.tensor == t }.map { $0.relativeRMS * 100 } })
        }
        return ChartSpec(
            title: numericsTitle,
            subtitle: "Relative RMS error on 4,096 Gaussian values, and on the same with 1% outliers 50× larger; bit-exact with ml_dtypes.",
            caption: "FP8 scaled per tensor; MX formats share a power-of-two scale per 32 values; "
                + "NVFP4 an E4M3 scale per 16 and an FP32 one per tensor.",
            footnote: "tokenomics \(version) numerics · seed \(seed)", xLabel: "Test tensor", yLabel: "Relative RMS error (%)",
            xScale: .linear, yScale: .linear, steps: false, panels: [],
            bars: [BarPanel(title: nil, categories: tensors, series: series, reference: nil, valueFormat: .percent)],
            width: 504, height: 280)
    }
}
