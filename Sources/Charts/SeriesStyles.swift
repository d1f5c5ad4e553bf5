import Analysis
import Catalog

/// The look of a figure's series: each GPU its identity colour from the theme (the same in every
/// figure), each variant (engine · precision · layout) a marker, given in the order the variants
/// first appear so a variant keeps its marker across the figure's panels. Measured series are
/// told from emulated ones by line and fill (`ChartSpec.Series.dashed`), not by colour.
struct SeriesStyles {
    private var colors: [String: Color] = [:]
    private var markers: [String: Palette.Marker] = [:]

    /// Styles for `keys`, in display order.
    init(_ keys: [SeriesKey], theme: Theme = .standard) {
        var unknown = 0
        for key in keys where colors[key.hw] == nil {
            if let own = theme.gpuColors[key.hw] {
                colors[key.hw] = Color(hex: own)
            } else {
                colors[key.hw] = Color(hex: theme.others[unknown % theme.others.count])
                unknown += 1
            }
        }
        for key in keys where markers[key.variant] == nil {
            markers[key.variant] = Palette.Marker.allCases[markers.count % Palette.Marker.allCases.count]
        }
    }

    func color(_ key: SeriesKey) -> Color { colors[key.hw] ?? .secondaryText }
    func marker(_ key: SeriesKey) -> Palette.Marker { markers[key.variant] ?? .circle }
}
