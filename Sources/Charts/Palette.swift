import Foundation

/// Okabe–Ito colours (Okabe & Ito, "Color Universal Design", 2008), reordered so the first
/// ones contrast most on white, each paired with its own marker shape so series stay apart in
/// grayscale and for colour-blind readers.
public enum Palette {
    public static let colors: [Color] = [
        Color(hex: 0x0072B2), Color(hex: 0xD55E00), Color(hex: 0x009E73), Color(hex: 0xE69F00),
        Color(hex: 0xCC79A7), Color(hex: 0x56B4E9), Color(hex: 0x000000), Color(hex: 0xB8A600),
    ]

    public enum Marker: CaseIterable, Sendable {
        case circle, square, triangle, diamond, invertedTriangle, pentagon, hexagon, star, cross
    }

    /// Style of the `index`-th series that is not a GPU (a number format): colours cycle every 8,
    /// markers every 9, so no two of the first 72 series share both. GPUs wear their identity
    /// colour instead (`Theme`, `SeriesStyles`).
    public static func style(_ index: Int) -> (color: Color, marker: Marker) {
        (colors[index % colors.count], Marker.allCases[index % Marker.allCases.count])
    }

    /// The marker's outline centred on `c` with radius `r`.
    public static func path(_ marker: Marker, at c: Point, radius r: Double) -> Path {
        func regular(_ n: Int, rotation: Double, radius: Double = r) -> Path {
            Path.polygon((0..<n).map { i in
                let a = rotation + Double(i) * 2 * .pi / Double(n)
                return Point(c.x + radius * cos(a), c.y + radius * sin(a))
            })
        }
        switch marker {
        case .circle: return .circle(center: c, radius: r)
        case .square: return regular(4, rotation: .pi / 4, radius: r * 1.2)
        case .triangle: return regular(3, rotation: -.pi / 2, radius: r * 1.3)
        case .diamond: return regular(4, rotation: 0, radius: r * 1.3)
        case .invertedTriangle: return regular(3, rotation: .pi / 2, radius: r * 1.3)
        case .pentagon: return regular(5, rotation: -.pi / 2, radius: r * 1.15)
        case .hexagon: return regular(6, rotation: 0, radius: r * 1.1)
        case .star:
            return Path.polygon((0..<10).map { i in
                let a = -.pi / 2 + Double(i) * .pi / 5
                let radius = i % 2 == 0 ? r * 1.4 : r * 0.6
                return Point(c.x + radius * cos(a), c.y + radius * sin(a))
            })
        case .cross:
            let a = r * 1.2, b = r * 0.4
            return Path.polygon([Point(c.x - b, c.y - a), Point(c.x + b, c.y - a), Point(c.x + b, c.y - b), Point(c.x + a, c.y - b),
                                 Point(c.x + a, c.y + b), Point(c.x + b, c.y + b), Point(c.x + b, c.y + a), Point(c.x - b, c.y + a),
                                 Point(c.x - b, c.y + b), Point(c.x - a, c.y + b), Point(c.x - a, c.y - b), Point(c.x - b, c.y - b)])
        }
    }
}
