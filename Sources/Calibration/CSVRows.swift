import Catalog
import SwiftCSV

/// Rows of a measurement CSV file, each with its line number for messages.
struct CSVRows {
    let file: String
    let rows: [[String: String]]

    /// Parses `text` with its header; an unreadable file is an error naming it.
    init(_ text: String, file: String) throws(InputError) {
        self.file = file
        do { rows = try CSV<Named>(string: text).rows } catch {
            throw InputError(file: file, problem: "not a readable CSV file: \(error)")
        }
    }

    /// Each row with its line in the file (the header is line 1).
    var numbered: [(line: Int, row: [String: String])] { rows.enumerated().map { ($0.offset + 2, $0.element) } }

    /// The positive finite number in column `key`; errors name the file, the line and the column.
    func number(_ row: [String: String], _ key: String, line: Int) throws(InputError) -> Double {
        guard let text = row[key], let value = Double(text), value.isFinite, value > 0 else {
            throw InputError(file: "\(file):\(line)", key: key, value: row[key] ?? "", problem: "expected a positive number, got")
        }
        return value
    }

    /// The positive integer in column `key`.
    func integer(_ row: [String: String], _ key: String, line: Int) throws(InputError) -> Int {
        let value = try number(row, key, line: line)
        guard value == value.rounded(), value < Double(Int32.max) else {
            throw InputError(file: "\(file):\(line)", key: key, value: row[key] ?? "", problem: "expected a positive integer, got")
        }
        return Int(value)
    }

    /// The integer in column `key` where the column exists and the cell is not empty.
    func optionalInteger(_ row: [String: String], _ key: String, line: Int) throws(InputError) -> Int? {
        (row[key] ?? "").isEmpty ? nil : try integer(row, key, line: line)
    }

    /// true or false in column `key` where the cell is not empty.
    func optionalBool(_ row: [String: String], _ key: String, line: Int) throws(InputError) -> Bool? {
        switch row[key] ?? "" {
        case "": return nil
        case "true": return true
        case "false": return false
        case let text: throw InputError(file: "\(file):\(line)", key: key, value: text, problem: "expected a boolean, got",
                                        allowed: "true, false or empty")
        }
    }

    /// The number in column `key` where the cell is not empty.
    func optionalNumber(_ row: [String: String], _ key: String, line: Int) throws(InputError) -> Double? {
        (row[key] ?? "").isEmpty ? nil : try number(row, key, line: line)
    }

    /// The number in the first of `keys` whose cell is not empty (a preferred statistic, then its stand-in).
    func firstNumber(_ row: [String: String], _ keys: [String], line: Int) throws(InputError) -> Double? {
        for key in keys where !(row[key] ?? "").isEmpty { return try number(row, key, line: line) }
        return nil
    }
}
