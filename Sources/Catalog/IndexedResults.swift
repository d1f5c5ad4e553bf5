import Foundation

/// Values written by index from concurrent workers, read once they are done.
public final class IndexedResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    public private(set) var values: [Value]
    public init(_ initial: [Value]) { values = initial }
    public func set(_ index: Int, _ value: Value) {
        lock.lock(); defer { lock.unlock() }
        values[index] = value
    }
}
