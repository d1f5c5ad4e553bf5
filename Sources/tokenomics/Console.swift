import Catalog
import Foundation

/// The terminal. Messages go to standard error, and one that cannot be written (a closed or full
/// stream) is dropped rather than crashing the command: there is nowhere left to report it.
/// Results go to standard output, where a failed write is an error naming it (exit 1).
enum Console {
    static func note(_ text: String) { try? FileHandle.standardError.write(contentsOf: Data(text.utf8)) }

    static func result(_ data: Data) throws { try OutputFile.write(data, to: "-") }
}
