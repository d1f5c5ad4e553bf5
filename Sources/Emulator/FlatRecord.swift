/// A record that files carry as one flat JSON object, as InferenceMAX lays out its results: the
/// serving configuration's fields beside the record's own. A conforming type keeps its own fields
/// in one `Fields` value (synthesized `Codable`, so each field is declared once) and, marked
/// `@dynamicMemberLookup`, reads and writes them as its members (`result.tput_per_gpu`).
public protocol FlatRecord: Codable {
    associatedtype Fields: Codable
    var configuration: ServingConfiguration { get }
    var fields: Fields { get set }
    init(configuration: ServingConfiguration, fields: Fields)
}

extension FlatRecord {
    /// The configuration's fields and the record's own, read from one object.
    public init(from decoder: any Decoder) throws {
        self.init(configuration: try ServingConfiguration(from: decoder), fields: try Fields(from: decoder))
    }

    /// The configuration's fields and the record's own, written into one object.
    public func encode(to encoder: any Encoder) throws {
        try configuration.encode(to: encoder)
        try fields.encode(to: encoder)
    }

    public subscript<Value>(dynamicMember path: KeyPath<Fields, Value>) -> Value { fields[keyPath: path] }

    public subscript<Value>(dynamicMember path: WritableKeyPath<Fields, Value>) -> Value {
        get { fields[keyPath: path] }
        set { fields[keyPath: path] = newValue }
    }
}
