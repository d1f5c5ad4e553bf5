import Foundation

/// Writes outputs atomically: into a temporary file beside the target, then renamed into place,
/// so a failed or interrupted run leaves the previous output intact.
public enum OutputFile {
    /// A write that failed (a full disk, a folder without permission): the command exits 1 with
    /// one line naming the path.
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write '\(path)': \(reason)" }
    }

    /// Writes `data` to `path`, creating its folder; "-" is standard output.
    public static func write(_ data: Data, to path: String) throws { try writeAll([(path, data)]) }

    /// The system's words for a failed write ("No space left on device").
    static func reason(_ error: Error) -> String {
        ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? (error as NSError).localizedDescription
    }

    /// Writes several outputs as one: every file into its temporary first, then all renamed, so a
    /// failed write (a full disk) or an interrupt (`removeTemporaries`) leaves none of them new.
    /// "-" goes to standard output last.
    public static func writeAll(_ files: [(path: String, data: Data)]) throws {
        var written: [(temporary: URL, target: String)] = []
        do {
            for (path, data) in files where path != "-" {
                let url = URL(fileURLWithPath: path)
                let temporary = url.deletingLastPathComponent()
                    .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
                inFlight.add(temporary)
                written.append((temporary, path))
                do {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try data.write(to: temporary)
                } catch {
                    throw WriteError(path: path, reason: reason(error))
                }
            }
        } catch {
            inFlight.removeAll()
            throw error
        }
        try inFlight.renameAll(written)
        for (_, data) in files.filter({ $0.path == "-" }) {
            do { try FileHandle.standardOutput.write(contentsOf: data) } catch {
                throw WriteError(path: "standard output", reason: reason(error))
            }
        }
    }

    /// The temporaries of the write in progress.
    private static let inFlight = Temporaries()

    /// Deletes the temporaries of a write in progress, waiting for a group already being renamed
    /// into place to finish: after it, every output is either as it was or wholly new. The
    /// command line calls it when interrupted.
    public static func removeTemporaries() { inFlight.removeAll() }

    /// Refuses, before any work, an output that would replace one of `inputs`, a folder, a device
    /// or a symbolic link (each rename would destroy what is there), or whose folder cannot be
    /// made; "-" (standard output) always passes.
    public static func check(_ outputs: [String], inputs: [String] = [], key: String = "-o") throws(InputError) {
        let manager = FileManager.default
        let resolvedInputs = Set(inputs.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
        for path in outputs where path != "-" {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            if resolvedInputs.contains(url.resolvingSymlinksInPath().path) {
                throw InputError(key: key, value: path, problem: "the output would overwrite an input:", allowed: "another path")
            }
            if let attributes = try? manager.attributesOfItem(atPath: url.path), let type = attributes[.type] as? FileAttributeType,
               type != .typeRegular {
                let kind = type == .typeDirectory ? "a folder" : type == .typeSymbolicLink ? "a symbolic link" : "a device or special file"
                throw InputError(key: key, value: path, problem: "the output is \(kind), which writing would replace:",
                                 allowed: "a regular file's path, or - for standard output")
            }
            var folder = url.deletingLastPathComponent()
            while !manager.fileExists(atPath: folder.path), folder.path != "/" { folder = folder.deletingLastPathComponent() }
            guard manager.isWritableFile(atPath: folder.path) else {
                throw InputError(key: key, value: path, problem: "cannot write into '\(folder.path)':", allowed: "a writable folder")
            }
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// The largest input file read, bytes: 64 MiB, 16 times the largest file `make` writes (a
    /// 3.8 MB analysis), so a wrong path (a disk image, a log) fails at once instead of parsing for
    /// a minute in gigabytes of memory.
    public static let inputLimit = 64 << 20

    /// Reads a user's input file, or fails naming it: missing, unreadable, not a regular file (a
    /// folder, a device such as /dev/zero, a pipe that never ends) or over `inputLimit`.
    public static func read(_ path: String) throws(InputError) -> Data {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw InputError(file: path, problem: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw InputError(file: path, problem: "not a regular file (a folder, a device or a pipe); expected a file")
        }
        guard Int(status.st_size) <= inputLimit else {
            throw InputError(file: path, value: "\(status.st_size) bytes", problem: "the file is too large:",
                             allowed: "at most \(inputLimit >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, problem: "cannot read the file (unreadable)")
        }
        return data
    }

    /// The deterministic JSON used by every intermediate file: sorted keys, pretty printed.
    public static func json<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}

/// FNV-1a 64-bit digest of input bytes, as provenance names its inputs ("fnv1a64:…"). Identifies
/// an input; not a cryptographic hash.
public func digest(_ data: Data) -> String { digestOf(data) }

/// `digest`, under a name that a type's own `digest` property does not shadow.
func digestOf(_ data: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return "fnv1a64:" + String(hash, radix: 16).leftPadded(to: 16)
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Temporary files written and not yet renamed into place, behind one lock, so an interrupt
/// cannot fall between the renames of one group.
private final class Temporaries: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [URL] = []

    func add(_ file: URL) { lock.withLock { files.append(file) } }

    func removeAll() {
        lock.withLock {
            for file in files { try? FileManager.default.removeItem(at: file) }
            files = []
        }
    }

    /// Renames every temporary to its target; the first that fails is a `WriteError`.
    func renameAll(_ written: [(temporary: URL, target: String)]) throws {
        try lock.withLock {
            defer { files = [] }
            for file in written where rename(file.temporary.path, file.target) != 0 {
                throw OutputFile.WriteError(path: file.target, reason: String(cString: strerror(errno)))
            }
        }
    }
}
