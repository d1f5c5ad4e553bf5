import Catalog
@testable import Emulator
import XCTest

final class ParallelMapTests: XCTestCase {
    /// Counts how many threads are inside a callback at once, and what they were told.
    final class Probe: @unchecked Sendable {
        private let lock = NSLock()
        private var inside = 0
        private(set) var mostInside = 0
        private(set) var reported: [Int] = []

        /// Enters, stays `seconds`, leaves: a second caller arriving meanwhile is seen.
        func visit(_ done: Int, seconds: Double) {
            lock.withLock {
                inside += 1
                mostInside = max(mostInside, inside)
                reported.append(done)
            }
            Thread.sleep(forTimeInterval: seconds)
            lock.withLock { inside -= 1 }
        }
    }

    /// Progress lines are written by the callback: two at once would interleave on the terminal.
    func testMeasureProgressIsNeverCalledTwiceAtOnce() throws {
        let sweep = try Sweep(file: "p.toml", text: """
        gpus = ["b200"]
        models = ["llama-3.3-70b"]
        precisions = ["fp8"]
        frameworks = ["trtllm"]
        scenarios = [[128, 16]]
        tp = [1, 2, 4, 8]
        concurrency = [1, 2]
        """)
        let probe = Probe()
        _ = MeasurementFile.emulate(sweep, jobs: 4, digest: "d", version: "test") { done, _ in probe.visit(done, seconds: 0.02) }
        XCTAssertEqual(probe.mostInside, 1, "progress callbacks overlapped")
        XCTAssertEqual(probe.reported, Array(1...sweep.configs.count), "counts arrive in order, each once")
    }

    func testResultsKeepTheIndexOrderAndEveryIndexRunsOnce() {
        let probe = Probe()
        let squares = parallelMap(count: 50, workers: 4) { i -> Int in
            probe.visit(i, seconds: 0.0005)
            return i * i
        }
        XCTAssertEqual(squares, (0..<50).map { $0 * $0 })
        XCTAssertEqual(probe.reported.sorted(), Array(0..<50))
        XCTAssertLessThanOrEqual(probe.mostInside, 4, "never more than `workers` items at once")
    }

    func testProgressIsSerializedAndCountsUp() {
        let probe = Probe()
        let progress: @Sendable (Int, Int) -> Void = { done, total in
            XCTAssertEqual(total, 12)
            probe.visit(done, seconds: 0.005)
        }
        let values = parallelMap(count: 12, workers: 3, progress: progress) { $0 }
        XCTAssertEqual(values, Array(0..<12))
        XCTAssertEqual(probe.mostInside, 1, "progress callbacks overlapped")
        XCTAssertEqual(probe.reported, Array(1...12))
    }

    func testNoItemsAndMoreWorkersThanItems() {
        XCTAssertEqual(parallelMap(count: 0, workers: 8) { $0 }, [])
        XCTAssertEqual(parallelMap(count: 2, workers: 8) { $0 + 1 }, [1, 2])
        XCTAssertEqual(parallelMap(count: 3, workers: 0) { $0 }, [0, 1, 2], "zero workers still means one")
    }
}
