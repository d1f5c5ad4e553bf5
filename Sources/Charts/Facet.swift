import Analysis
import Catalog

/// What splits a figure into panels (its columns, `panels`, and rows, `rows`): a field of the
/// points, or the vendor or architecture family of their GPU from the catalog. Every facet is
/// constant over a series, so a panel holds whole series and the analysis' frontiers still hold.
public enum Facet: Sendable, Equatable {
    case field(PointField)
    case vendor, family

    /// The facets a figure pooling series by `pooling` may split by.
    static func allowed(_ pooling: SeriesKey.Pooling) -> [String] {
        FigureSpec.filterFields(pooling).map(\.rawValue) + ["vendor", "family"]
    }

    init?(name: String, pooling: SeriesKey.Pooling) {
        guard Self.allowed(pooling).contains(name) else { return nil }
        switch name {
        case "vendor": self = .vendor
        case "family": self = .family
        default: self = .field(PointField(rawValue: name)!)
        }
    }

    /// The facet's value at `point` ("1k/1k", "nvidia", "blackwell").
    func value(of point: AnalyzedPoint, catalog: Catalog) -> String {
        switch self {
        case let .field(field): field.value(of: point)
        case .vendor: catalog.gpus[point.configuration.hw]?.vendor.rawValue ?? "other"
        case .family: catalog.gpus[point.configuration.hw]?.family ?? "other"
        }
    }
}
