import Foundation

/// `body(i)` for every `i` in `0..<count` on `workers` threads; the results in index order.
///
/// Each worker takes the next index until none is left, so the load stays balanced however
/// unevenly the items cost. `progress(done, count)` is called once after each item, one call at a
/// time and with `done` rising by one each call, so it may write a progress line without two
/// lines interleaving (it holds up the other workers while it runs: keep it short).
public func parallelMap<T>(count: Int, workers: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
                           _ body: @Sendable (Int) -> T) -> [T] {
    let results = IndexedResults<T?>(Array(repeating: nil, count: count))
    let tally = Tally()
    DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
        while let i = tally.take(below: count) {
            results.set(i, body(i))
            tally.finish { done in progress?(done, count) }
        }
    }
    return results.values.map { $0! }
}

/// The next index to hand out and the number of items done, behind one lock.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0

    func take(below count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }

    /// Counts one item done and reports the new count while still holding the lock.
    func finish(_ report: (Int) -> Void) {
        lock.withLock {
            done += 1
            report(done)
        }
    }
}

/// Values written by index from concurrent workers, read once they are done.
private final class IndexedResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Value]
    init(_ initial: [Value]) { values = initial }
    func set(_ index: Int, _ value: Value) {
        lock.lock(); defer { lock.unlock() }
        values[index] = value
    }
}
