import Foundation
import Fuzzing
import XCTest

/// The fuzzing targets without libFuzzer: every real seed parses, and every input that once
/// crashed a parser (`fuzz/regressions/TARGET/`) now gets an `InputError` instead.
final class FuzzTargetTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The files a target's shell pattern names ("models/*/config.json"), sorted (glob(3)).
    func files(_ pattern: String) throws -> [URL] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(Self.repository.appendingPathComponent(pattern).path, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { URL(fileURLWithPath: String(cString: $0)) } }
    }

    func testEveryRealSeedParses() throws {
        var parsed: [FuzzTarget: Int] = [:]
        for target in FuzzTarget.allCases {
            for url in try target.seeds.flatMap(files) {
                do { try target.parse(try Data(contentsOf: url)) } catch {
                    XCTFail("\(target.rawValue): \(url.lastPathComponent): \(error)")
                }
                parsed[target, default: 0] += 1
            }
        }
        // The sources' own seeds are always there; the profile and measurements once `make` ran.
        XCTAssertGreaterThanOrEqual(parsed[.sweep] ?? 0, 3)
        XCTAssertGreaterThanOrEqual(parsed[.figure] ?? 0, 14)
        XCTAssertEqual(parsed[.assumptions], 1)
        XCTAssertGreaterThanOrEqual(parsed[.import] ?? 0, 2)
        XCTAssertGreaterThanOrEqual(parsed[.measurement] ?? 0, 2)
        XCTAssertGreaterThanOrEqual(parsed[.modelConfig] ?? 0, 3)
    }

    func testEveryInputThatOnceCrashedIsNowAnInputError() throws {
        var replayed = 0
        for target in FuzzTarget.allCases {
            for url in try files("fuzz/regressions/\(target.rawValue)/*") {
                XCTAssertThrowsError(try target.parse(try Data(contentsOf: url)), "\(target.rawValue)/\(url.lastPathComponent)")
                replayed += 1
            }
        }
        XCTAssertGreaterThan(replayed, 0, "fuzz/regressions holds the inputs the fuzzers found")
    }

    func testBytesThatAreNoInputAreInputErrors() {
        for target in FuzzTarget.allCases {
            // An empty assumptions file overrides nothing: the one empty input that is valid.
            let empty = target == .assumptions ? [] : [Data()]
            for bytes in empty + [Data([0xFF, 0x00, 0xFE]), Data("[[[[[[[[".utf8), Data("= = =\n[a.b.c]\nx = 1e400".utf8)] {
                XCTAssertThrowsError(try target.parse(bytes), "\(target.rawValue) accepted \(Array(bytes))")
            }
        }
    }
}
