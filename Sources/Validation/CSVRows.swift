import Catalog
import SwiftCSV

extension Validation {
    /// Rows of a CSV file with a header, each as column → value; errors name the file.
    static func rows(_ text: String, file: String) throws(InputError) -> [[String: String]] {
        do { return try CSV<Named>(string: text).rows } catch {
            throw InputError(file: file, problem: "not a readable CSV file: \(error)")
        }
    }

    /// The number in column `key` of a row; errors name the file, the line and the column.
    static func number(_ row: [String: String], _ key: String, file: String, line: Int) throws(InputError) -> Double {
        guard let text = row[key], let value = Double(text) else {
            throw InputError(file: "\(file):\(line)", key: key, value: row[key] ?? "", problem: "expected a number, got")
        }
        return value
    }
}
