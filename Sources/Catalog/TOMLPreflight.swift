/// Finds what the TOML library (toml++ 3, inside TOMLKit) would abort on instead of reporting:
/// toml++ asserts that a key follows `[` or `[[` in a table header (so `[{a]` or a lone `[` at the
/// end of a line killed the process), and that a value follows a comma in an array (so
/// `["a", }` did). `make fuzz` found both. This check reports them as the syntax errors they are.
///
/// It reads the text as toml++ does at the top level: comments and strings are skipped, and
/// brackets inside values nest, so an array of arrays spread over lines is no header; a closing
/// bracket must close the innermost open one (anything else is invalid TOML).
enum TOMLPreflight {
    /// The 1-based line and the problem of the first such construct, or nil.
    static func firstAbort(in text: String) -> (line: Int, problem: String)? {
        let bytes = Array(text.utf8)
        // A byte-order mark opens the document, as toml++ skips it.
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1, open: [UInt8] = [], statementStart = true, inHeader = false
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
                if open.isEmpty { statementStart = true }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "[") where statementStart && open.isEmpty:
                var j = i + 1
                if j < bytes.count, bytes[j] == UInt8(ascii: "[") { j += 1 }
                while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
                if j < bytes.count, !startsKey(bytes[j]) { return (line, "a table header must start with a key") }
                statementStart = false
                inHeader = true  // its closing brackets close nothing a value opened
                i = j
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if !inHeader { open.append(c) }
                statementStart = false
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                statementStart = false
                guard !inHeader else { break }
                let opener = c == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                guard open.last == opener else {
                    return (line, "'\(Character(UnicodeScalar(c)))' closes no '\(Character(UnicodeScalar(opener)))'")
                }
                open.removeLast()
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
