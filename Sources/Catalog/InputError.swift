/// Bad input from a user's file or command line: names the file, the key (or line), the bad value
/// and what is allowed. The command line maps it to exit status 2.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String?
    public var key: String?
    public var value: String?
    public var problem: String
    public var allowed: String?

    public init(file: String? = nil, key: String? = nil, value: String? = nil,
                problem: String, allowed: String? = nil) {
        self.file = file
        self.key = key
        self.value = value
        self.problem = problem
        self.allowed = allowed
    }

    /// `file: key 'gpus': unknown GPU 'h900'; allowed: h100, h200`
    public var description: String {
        var text = ""
        if let file { text += "\(file): " }
        if let key { text += "key '\(key)': " }
        text += problem
        if let value { text += " '\(value)'" }
        if let allowed { text += "; allowed: \(allowed)" }
        return text
    }
}

extension Collection where Element == String {
    /// "a, b, c" — the allowed values as a message lists them.
    public var listed: String { sorted().joined(separator: ", ") }
}

extension Double {
    /// The value with `digits` decimals ("141.2"), as messages and tables print it.
    public func fixed(_ digits: Int) -> String { String(format: "%.\(digits)f", self) }
}

extension Optional where Wrapped == Double {
    /// A fraction as a percentage with one decimal ("12.3%"), or "n/a".
    public var percent: String { map { ($0 * 100).fixed(1) + "%" } ?? "n/a" }

    /// A fraction as a signed percentage ("+12.3%", "−4.0%"), or "n/a".
    public var signedPercent: String { map { ($0 < 0 ? "−" : "+") + (abs($0) * 100).fixed(1) + "%" } ?? "n/a" }
}
