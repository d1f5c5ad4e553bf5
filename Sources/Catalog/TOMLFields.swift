import TOMLKit

/// A strict reader over one TOML table: typed look-ups that name the file and the key path
/// when a value is missing or of the wrong type, and a check that no unknown key is present.
public struct TOMLFields {
    public let file: String
    public let path: String
    let table: TOMLTable

    /// Parses `text`; a syntax error names the file and the line.
    public init(text: String, file: String) throws(InputError) {
        if let (line, problem) = TOMLPreflight.firstAbort(in: text) {
            throw InputError(file: "\(file):\(line)", problem: "TOML syntax error: \(problem)")
        }
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw InputError(file: "\(file):\(error.source.begin.line)", problem: "TOML syntax error: \(error.description)")
        } catch {
            throw InputError(file: file, problem: "cannot parse TOML: \(error)")
        }
        self.file = file
        self.path = ""
    }

    init(table: TOMLTable, file: String, path: String) {
        self.table = table
        self.file = file
        self.path = path
    }

    /// The keys of this table, sorted.
    public var keys: [String] { table.keys.sorted() }

    public func has(_ key: String) -> Bool { table[key] != nil }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func error(_ key: String, _ problem: String, value: String? = nil, allowed: String? = nil) -> InputError {
        InputError(file: file, key: keyPath(key), value: value, problem: problem, allowed: allowed)
    }

    /// Fails when the table holds a key outside `allowed`.
    public func rejectUnknownKeys(allowed: [String]) throws(InputError) {
        for key in keys where !allowed.contains(key) {
            throw InputError(file: file, key: keyPath(key), problem: "unknown key", allowed: allowed.listed)
        }
    }

    func value(_ key: String) throws(InputError) -> TOMLValueConvertible {
        guard let value = table[key] else { throw error(key, "missing required key") }
        return value
    }

    public func string(_ key: String) throws(InputError) -> String {
        guard let text = try value(key).string else { throw error(key, "expected a string") }
        return text
    }

    public func optionalString(_ key: String) throws(InputError) -> String? {
        has(key) ? try string(key) : nil
    }

    /// A number; integers are accepted where a floating-point value is expected.
    public func double(_ key: String) throws(InputError) -> Double {
        let node = try value(key)
        if let number = node.double { return number }
        if let number = node.int { return Double(number) }
        throw error(key, "expected a number", value: "\(node)")
    }

    public func optionalDouble(_ key: String) throws(InputError) -> Double? {
        has(key) ? try double(key) : nil
    }

    public func int(_ key: String) throws(InputError) -> Int {
        let node = try value(key)
        guard let number = node.int else { throw error(key, "expected an integer", value: "\(node)") }
        return number
    }

    public func bool(_ key: String) throws(InputError) -> Bool {
        let node = try value(key)
        guard let flag = node.bool else { throw error(key, "expected true or false", value: "\(node)") }
        return flag
    }

    public func table(_ key: String) throws(InputError) -> TOMLFields {
        guard let sub = try value(key).table else { throw error(key, "expected a table") }
        return TOMLFields(table: sub, file: file, path: keyPath(key))
    }

    /// The elements of an array, each read by `element`.
    public func array<T>(_ key: String, _ element: (TOMLValueConvertible) -> T?, expected: String) throws(InputError) -> [T] {
        guard let items = try value(key).array else { throw error(key, "expected an array of \(expected)") }
        var result: [T] = []
        for item in items {
            guard let typed = element(item) else {
                throw error(key, "expected an array of \(expected), found", value: "\(item)")
            }
            result.append(typed)
        }
        return result
    }

    public func strings(_ key: String) throws(InputError) -> [String] {
        try array(key, { $0.string }, expected: "strings")
    }

    /// A string or an array of strings, as a list.
    public func stringList(_ key: String) throws(InputError) -> [String] {
        if let single = try value(key).string { return [single] }
        return try strings(key)
    }

    public func ints(_ key: String) throws(InputError) -> [Int] {
        try array(key, { $0.int }, expected: "integers")
    }

    public func bools(_ key: String) throws(InputError) -> [Bool] {
        try array(key, { $0.bool }, expected: "booleans")
    }

    public func doubles(_ key: String) throws(InputError) -> [Double] {
        try array(key, { $0.double ?? $0.int.map(Double.init) }, expected: "numbers")
    }

    /// An array of tables (`[[key]]`), each as its own reader.
    public func tableArray(_ key: String) throws(InputError) -> [TOMLFields] {
        guard let items = try value(key).array else { throw error(key, "expected an array of tables ([[\(key)]])") }
        var result: [TOMLFields] = []
        for (i, item) in items.enumerated() {
            guard let sub = item.table else { throw error(key, "expected an array of tables ([[\(key)]])") }
            result.append(TOMLFields(table: sub, file: file, path: "\(keyPath(key))[\(i)]"))
        }
        return result
    }

    /// Every sub-table, by key, in sorted key order.
    public func tables() throws(InputError) -> [(String, TOMLFields)] {
        var result: [(String, TOMLFields)] = []
        for key in keys { result.append((key, try table(key))) }
        return result
    }
}
