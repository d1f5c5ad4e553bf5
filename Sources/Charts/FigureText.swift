import Analysis
import Catalog
import Foundation

/// Subtitles and captions that state what the figure shows from the data it draws, so they never
/// drift from it: `{FIELD}` (a `PointField`: tp, ep, conc, hw, …) becomes the values of that field
/// among the points drawn — "4–256" where they are integers, else the distinct values, listed.
enum FigureText {
    /// `text` with every `{FIELD}` filled from `points`; an unknown field is an error naming the
    /// figure's `file` and `key`.
    static func filled(_ text: String, points: [AnalyzedPoint], file: String, key: String) throws(InputError) -> String {
        var result = "", rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            guard let field = PointField(rawValue: name) else {
                throw InputError(file: file, key: key, value: "{\(name)}", problem: "names no field of the points",
                                 allowed: PointField.names.map { "{\($0)}" }.joined(separator: ", "))
            }
            result += values(of: field, in: points)
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// "4–256" for integer fields (one value alone), else the distinct values, sorted and listed.
    static func values(of field: PointField, in points: [AnalyzedPoint]) -> String {
        let texts = Set(points.map(field.value(of:)))
        let numbers = texts.compactMap(Int.init)
        guard numbers.count == texts.count, let low = numbers.min(), let high = numbers.max() else { return texts.listed }
        return low == high ? "\(low)" : "\(low)–\(high)"
    }
}
