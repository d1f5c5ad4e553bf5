import Foundation
import Fuzzing

/// The target this process fuzzes, from `TOKENOMICS_FUZZ_TARGET` (read once).
let target: FuzzTarget = {
    switch FuzzTarget.fromEnvironment() {
    case .success(let target): return target
    case .failure(let error):
        FileHandle.standardError.write(Data("tokenomics-fuzz: \(error)\n".utf8))
        exit(2)
    }
}()

/// libFuzzer's entry point: one input. Built only with `-sanitize=fuzzer` (`make fuzz`), which
/// supplies `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    target.run(Data(bytes: bytes, count: count))
    return 0
}

/// libFuzzer's set-up hook. `TOKENOMICS_FUZZ_LIST=targets` prints every target's name and
/// `=seeds` the seed patterns of the chosen target, one a line, for `scripts/fuzz`, and exits.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    switch ProcessInfo.processInfo.environment["TOKENOMICS_FUZZ_LIST"] {
    case "targets": print(FuzzTarget.allCases.map(\.rawValue).joined(separator: "\n"))
    case "seeds": print(target.seeds.joined(separator: "\n"))
    default: return 0
    }
    exit(0)
}

/// libFuzzer's driver (`LLVMFuzzerRunDriver`, libFuzzer since LLVM 11): parses libFuzzer's flags
/// from the command line and calls `callback` for each input.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// The process's entry: SwiftPM links an executable's `main` to `<product>_main`.
@_cdecl("tokenomics_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { bytes, size in fuzzOneInput(bytes, size) }
}
