/// Finds the table header that the TOML library (toml++ 3, inside TOMLKit) would abort on instead
/// of reporting: after `[` or `[[` and blanks, toml++ asserts that a key starts — a bare-key
/// character or a quote — so `[{a]` or a lone `[` at the end of a line kills the process
/// (found by `make fuzz`). This check reports such a header as the syntax error it is.
///
/// It reads the text as toml++ does at the top level: comments and strings are skipped, and
/// brackets inside values nest, so an array of arrays spread over lines is no header.
enum TOMLHeaderCheck {
    /// The 1-based line of the first header with no key after its brackets, or nil.
    static func firstHeaderWithoutKey(in text: String) -> Int? {
        let bytes = Array(text.utf8)
        var i = 0, line = 1, depth = 0, statementStart = true, inHeader = false
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                line += skipString(bytes, from: &i)
                statementStart = false
                continue
            case UInt8(ascii: "\n"):
                line += 1
                inHeader = false
                if depth == 0 { statementStart = true }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "[") where statementStart && depth == 0:
                var j = i + 1
                if j < bytes.count, bytes[j] == UInt8(ascii: "[") { j += 1 }
                while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
                if j < bytes.count, !startsKey(bytes[j]) { return line }
                statementStart = false
                inHeader = true  // its closing brackets close nothing a value opened
                i = j
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if !inHeader { depth += 1 }
                statementStart = false
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if !inHeader { depth = max(depth - 1, 0) }
                statementStart = false
            default:
                statementStart = false
            }
            i += 1
        }
        return nil
    }

    /// A byte that may start a key: a bare-key character (A–Z a–z 0–9 _ -), a quote, or the `]`
    /// of an empty header (which toml++ reports itself).
    static func startsKey(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
            true
        default:
            false
        }
    }

    /// Moves `i` past the string that starts there (basic or literal, single- or multi-line) and
    /// returns the line breaks it spans.
    static func skipString(_ bytes: [UInt8], from i: inout Int) -> Int {
        let quote = bytes[i]
        let triple = i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote
        i += triple ? 3 : 1
        var lines = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { i += 2; continue }
            if c == UInt8(ascii: "\n") {
                if !triple { return lines }  // an unterminated string: toml++ reports it
                lines += 1
            }
            if c == quote, !triple || (i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote) {
                i += triple ? 3 : 1
                return lines
            }
            i += 1
        }
        return lines
    }
}
