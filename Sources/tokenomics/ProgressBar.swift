import Foundation

/// A one-line progress bar on stderr, redrawn in place ("deepseek-r1 [█████·····] 612/1806"),
/// for work of more than a few seconds. Commands create one only when stderr is a terminal, so
/// logs and pipes stay quiet.
struct ProgressBar: Sendable {
    let label: String
    func update(_ done: Int, _ total: Int) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        Console.note("\r\(label) [\(bar)] \(done)/\(total)\(done == total ? "\n" : "")")
    }
}
