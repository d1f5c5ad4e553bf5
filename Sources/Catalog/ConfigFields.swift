import Foundation

/// Typed look-ups into one JSON object of a Hugging Face config, whose errors name the file and
/// the key. A JSON `null` counts as absent.
struct ConfigFields {
    let values: [String: Any]
    let file: String
    let path: String

    init(_ data: Data, file: String) throws(InputError) {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw InputError(file: file, problem: "not a readable config.json: \(error.localizedDescription)")
        }
        guard let values = object as? [String: Any] else { throw InputError(file: file, problem: "expected a JSON object") }
        self.init(values: values, file: file, path: "")
    }

    init(values: [String: Any], file: String, path: String) {
        self.values = values.filter { !($0.value is NSNull) }
        self.file = file
        self.path = path
    }

    var keys: [String] { values.keys.sorted() }

    /// JSON's true and false: NSNumbers of C type `char` ("c"), which JSON numbers never are.
    static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }
    func has(_ key: String) -> Bool { values[key] != nil }

    func error(_ key: String, _ problem: String, value: String? = nil, allowed: String? = nil) -> InputError {
        InputError(file: file, key: path.isEmpty ? key : "\(path).\(key)", value: value, problem: problem, allowed: allowed)
    }

    func nested(_ key: String) throws(InputError) -> ConfigFields {
        guard let object = values[key] as? [String: Any] else { throw error(key, "expected an object") }
        return ConfigFields(values: object, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// A whole number (JSON numbers only; not a Boolean, not a fraction).
    func optionalInt(_ key: String) throws(InputError) -> Int? {
        guard let value = values[key] else { return nil }
        guard let number = value as? NSNumber, !Self.isBoolean(number), let int = Int(exactly: number.doubleValue) else {
            throw error(key, "expected a whole number, got", value: "\(value)")
        }
        return int
    }

    /// The largest size a config may give (2^20 = 1,048,576: hidden sizes, vocabularies, heads,
    /// experts and layers are far below it; the context may be larger, `contextLimit`).
    static let sizeLimit = 1 << 20
    static let contextLimit = 1 << 30

    func optionalPositive(_ key: String, limit: Int = sizeLimit) throws(InputError) -> Int? {
        guard let value = try optionalInt(key) else { return nil }
        guard value > 0, value <= limit else {
            throw error(key, "expected a positive whole number, got", value: "\(value)", allowed: "1…\(limit)")
        }
        return value
    }

    func positive(_ key: String) throws(InputError) -> Int {
        guard let value = try optionalPositive(key) else { throw error(key, "missing") }
        return value
    }

    /// A count that may be zero (shared experts, leading dense layers, MTP modules): 0…sizeLimit.
    func optionalCount(_ key: String) throws(InputError) -> Int? {
        guard let value = try optionalInt(key) else { return nil }
        guard (0...Self.sizeLimit).contains(value) else {
            throw error(key, "expected a whole number ≥ 0, got", value: "\(value)", allowed: "0…\(Self.sizeLimit)")
        }
        return value
    }

    func optionalCount(anyOf keys: [String]) throws(InputError) -> Int? {
        for key in keys { if let value = try optionalCount(key) { return value } }
        return nil
    }

    /// The first of `keys` present (the same idea spelled by different families).
    func optionalPositive(anyOf keys: [String]) throws(InputError) -> Int? {
        for key in keys { if let value = try optionalPositive(key) { return value } }
        return nil
    }

    func positive(anyOf keys: [String]) throws(InputError) -> Int {
        guard let value = try optionalPositive(anyOf: keys) else { throw error(keys.joined(separator: " or "), "missing") }
        return value
    }

    func optionalString(anyOf keys: [String]) throws(InputError) -> String? {
        for key in keys { if let value = try optionalString(key) { return value } }
        return nil
    }

    func optionalBool(_ key: String) throws(InputError) -> Bool? {
        guard let value = values[key] else { return nil }
        guard let number = value as? NSNumber, Self.isBoolean(number) else {
            throw error(key, "expected true or false, got", value: "\(value)")
        }
        return number.boolValue
    }

    func optionalString(_ key: String) throws(InputError) -> String? {
        guard let value = values[key] else { return nil }
        guard let text = value as? String else { throw error(key, "expected a string, got", value: "\(value)") }
        return text
    }

    func string(_ key: String) throws(InputError) -> String {
        guard let text = try optionalString(key) else { throw error(key, "missing") }
        return text
    }

    func optionalStrings(_ key: String) throws(InputError) -> [String]? {
        guard let value = values[key] else { return nil }
        guard let list = value as? [String] else { throw error(key, "expected a list of strings") }
        return list
    }

    func optionalInts(_ key: String) throws(InputError) -> [Int]? {
        guard let value = values[key] else { return nil }
        guard let list = value as? [Any] else { throw error(key, "expected a list of whole numbers") }
        var ints: [Int] = []
        for item in list {
            guard let number = item as? NSNumber, !Self.isBoolean(number), let int = Int(exactly: number.doubleValue) else {
                throw error(key, "expected a list of whole numbers, got", value: "\(item)")
            }
            ints.append(int)
        }
        return ints
    }
}
