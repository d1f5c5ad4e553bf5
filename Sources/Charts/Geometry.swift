import Foundation

/// A point in canvas coordinates: points (1/72 in), y down.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in canvas coordinates.
public struct Rect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    public func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    public func contains(_ other: Rect, tolerance: Double = 0.01) -> Bool {
        other.x >= x - tolerance && other.y >= y - tolerance && other.maxX <= maxX + tolerance && other.maxY <= maxY + tolerance
    }

    public func insetBy(_ dx: Double, _ dy: Double) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }
}

/// An sRGB colour with alpha, components in [0, 1].
public struct Color: Sendable, Equatable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(_ red: Double, _ green: Double, _ blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// From 0xRRGGBB.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255, Double(hex & 0xFF) / 255, alpha: alpha)
    }

    public func withAlpha(_ alpha: Double) -> Color { Color(red, green, blue, alpha: alpha) }

    public static let black = Color(0, 0, 0)
    public static let white = Color(1, 1, 1)
    public static let text = Color(hex: 0x222222)
    public static let secondaryText = Color(hex: 0x555555)
    public static let grid = Color(hex: 0xDDDDDD)
    public static let axis = Color(hex: 0x444444)
}

/// A path of straight segments and closed subpaths.
public struct Path: Sendable, Equatable {
    public enum Element: Sendable, Equatable {
        case move(Point)
        case line(Point)
        /// A whole circle as its own closed subpath.
        case circle(Point, radius: Double)
        case close
    }

    public var elements: [Element] = []
    public init() {}

    public mutating func move(to p: Point) { elements.append(.move(p)) }
    public mutating func line(to p: Point) { elements.append(.line(p)) }
    public mutating func close() { elements.append(.close) }

    public static func polyline(_ points: [Point]) -> Path {
        var path = Path()
        for (i, p) in points.enumerated() { i == 0 ? path.move(to: p) : path.line(to: p) }
        return path
    }

    public static func polygon(_ points: [Point]) -> Path {
        var path = polyline(points)
        path.close()
        return path
    }

    public static func rect(_ r: Rect) -> Path {
        polygon([Point(r.x, r.y), Point(r.maxX, r.y), Point(r.maxX, r.maxY), Point(r.x, r.maxY)])
    }

    /// A circle (drawn by the back end as Bézier arcs: four curves rather than many segments).
    public static func circle(center c: Point, radius r: Double) -> Path {
        var path = Path()
        path.elements.append(.circle(c, radius: r))
        return path
    }
}

/// A straight piece of a drawn line, in canvas coordinates.
public struct Segment: Sendable, Equatable {
    public var a: Point
    public var b: Point

    public init(_ a: Point, _ b: Point) {
        self.a = a
        self.b = b
    }

    /// The segments of a polyline through `points`.
    public static func of(_ points: [Point]) -> [Segment] { zip(points, points.dropFirst()).map { Segment($0, $1) } }

    /// Whether any part of the segment lies inside `rect` (Liang–Barsky clipping).
    public func intersects(_ rect: Rect) -> Bool {
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x - rect.x), (dx, rect.maxX - a.x), (-dy, a.y - rect.y), (dy, rect.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return false }
            }
        }
        return true
    }
}

extension Rect {
    /// The smallest rectangle holding every point.
    public static func bounding(_ points: [Point]) -> Rect {
        let xs = points.map(\.x), ys = points.map(\.y)
        let x = xs.min() ?? 0, y = ys.min() ?? 0
        return Rect(x: x, y: y, width: (xs.max() ?? 0) - x, height: (ys.max() ?? 0) - y)
    }

    public var center: Point { Point(x + width / 2, y + height / 2) }

    /// The point of the rectangle nearest to `p`.
    public func nearest(to p: Point) -> Point { Point(min(max(p.x, x), maxX), min(max(p.y, y), maxY)) }
}
