import Catalog
import Foundation

/// Ctrl-C (SIGINT) and SIGTERM stop a command cleanly: the temporaries of a write in progress are
/// deleted, every output stays as it was (or, if its group was being renamed into place, wholly
/// new), and the process exits 128 + the signal's number (130 for Ctrl-C), as shells expect.
enum Interrupt {
    /// The signal sources; kept alive for the process's life.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)  // delivered to the source below instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue(label: "tokenomics.interrupt"))
            source.setEventHandler {
                OutputFile.removeTemporaries()
                Console.note("\ntokenomics: interrupted; outputs left as they were\n")
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
