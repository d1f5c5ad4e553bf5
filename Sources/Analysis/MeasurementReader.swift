import Catalog
import Emulator
import Foundation

/// Reads measurement files, turning decoding failures into input errors that name the file,
/// the record index and the field.
public enum MeasurementReader {
    public static func decode(_ data: Data, file: String) throws(InputError) -> MeasurementFile {
        let measurement: MeasurementFile
        do {
            measurement = try JSONDecoder().decode(MeasurementFile.self, from: data)
        } catch let error as DecodingError {
            throw InputError(file: file, problem: describe(error))
        } catch {
            throw InputError(file: file, problem: "not a measurement file: \(error)")
        }
        // A file of another version may mean other things by the same names: refuse it.
        guard measurement.schema == MeasurementFile.schemaVersion else {
            throw InputError(file: file, key: "schema", value: "\(measurement.schema)", problem: "unknown measurement schema",
                             allowed: "\(MeasurementFile.schemaVersion) (written by this tokenomics)")
        }
        return measurement
    }

    /// "record 3, field 'tput_per_gpu': expected a number" from a DecodingError.
    public static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            var parts: [String] = []
            for key in codingPath {
                if let index = key.intValue { parts.append("record \(index)") } else { parts.append("field '\(key.stringValue)'") }
            }
            return parts.joined(separator: ", ")
        }
        switch error {
        case let .keyNotFound(key, context):
            return "\(path(context.codingPath)): missing field '\(key.stringValue)'"
        case let .typeMismatch(type, context):
            return "\(path(context.codingPath)): expected \(type)"
        case let .valueNotFound(type, context):
            return "\(path(context.codingPath)): missing \(type) value"
        case let .dataCorrupted(context):
            return "malformed JSON\(context.codingPath.isEmpty ? "" : " at \(path(context.codingPath))"): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
