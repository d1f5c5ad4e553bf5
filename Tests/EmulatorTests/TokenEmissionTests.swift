@testable import Emulator
import XCTest

final class TokenEmissionTests: XCTestCase {
    func testOneTokenAStepWithoutSpeculation() {
        var plain = TokenEmission(tokensPerStep: 1)
        XCTAssertEqual((0..<100).map { _ in plain.next() }, Array(repeating: 1, count: 100))
    }

    /// MTP, three drafts at acceptance 0.7: E = (1 − 0.7⁴) / 0.3 = 2.533 tokens a step, emitted as
    /// 2s and 3s whose running total after n steps is ⌊n·E⌋ exactly.
    func testSpeculativeRunsAverageTheExpectedTokens() {
        let expected = (1 - 0.7 * 0.7 * 0.7 * 0.7) / 0.3
        var mtp = TokenEmission(tokensPerStep: expected)
        var total = 0
        for n in 1...1000 {
            let tokens = mtp.next()
            XCTAssertTrue(tokens == 2 || tokens == 3)
            total += Int(tokens)
            XCTAssertEqual(total, Int((Double(n) * expected).rounded(.down)))
        }
        XCTAssertEqual(mtp.decodeSteps, 1000)
    }
}
