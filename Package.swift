// swift-tools-version:6.0
import Foundation
import PackageDescription

// MARK: - Dependencies: only well-kept packages that the build machines carry.

let dependencies: [Package.Dependency] = [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
]

// MARK: - Modules. Dependencies point one way: Catalog ← Emulator ← Analysis ← Charts ← Report ← tokenomics,
// and Emulator ← Calibration ← Validation ← Report.

let toml = Target.Dependency.product(name: "TOMLKit", package: "TOMLKit")
let csv = Target.Dependency.product(name: "SwiftCSV", package: "SwiftCSV")

let modules: [Target] = [
    .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
    // TOMLKit stays behind Catalog (TOMLFields.swift): the other modules read TOML through it.
    .target(name: "Catalog", dependencies: [toml], resources: [.copy("Resources")]),
    .target(name: "Emulator", dependencies: ["Catalog"]),
    .target(name: "Analysis", dependencies: ["Catalog", "Emulator"]),
    // Measured points, their prediction and the fit of the engines' software constants (`make calibrate`).
    .target(name: "Calibration", dependencies: ["Catalog", "Emulator", csv]),
    // The emulator against real measurements: a stage of its own (`make validate`, build/validate.json).
    .target(name: "Validation", dependencies: ["Catalog", "Emulator", "Calibration"]),
    .target(name: "Charts", dependencies: ["CCairo", "Analysis", "Catalog"], resources: [.copy("Resources")]),
    .target(name: "Report", dependencies: ["Analysis", "Catalog", "Emulator", "Validation",
                                           .product(name: "Mustache", package: "swift-mustache")]),
    .executableTarget(name: "tokenomics", dependencies: [
        "Catalog", "Emulator", "Analysis", "Calibration", "Validation", "Charts", "Report",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]),
    // Every parser of user input as a fuzzing target (`make fuzz`), replayed by its tests.
    .target(name: "Fuzzing", dependencies: ["Catalog", "Emulator", "Analysis", "Charts"]),
    .executableTarget(name: "tokenomics-bench", dependencies: [
        "Catalog", "Emulator", "Analysis", "Calibration", "Charts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]),
]

// MARK: - Tests: one target per module, plus end-to-end tests of the built executable.

let tests: [Target] = [
    .testTarget(name: "CatalogTests", dependencies: ["Catalog"], exclude: ["Fixtures"]),
    .testTarget(name: "EmulatorTests", dependencies: ["Emulator"], resources: [.copy("Fixtures")]),
    .testTarget(name: "AnalysisTests", dependencies: ["Analysis"]),
    .testTarget(name: "CalibrationTests", dependencies: ["Calibration"]),
    .testTarget(name: "ValidationTests", dependencies: ["Validation"]),
    .testTarget(name: "ChartsTests", dependencies: ["Charts", "CCairo", "Analysis", "Emulator"], resources: [.copy("Fixtures")]),
    .testTarget(name: "ReportTests", dependencies: ["Report", "Validation"]),
    .testTarget(name: "CLITests", dependencies: ["tokenomics", "Charts"]),
    .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing"]),
]

// MARK: - The libFuzzer driver: only when TOKENOMICS_FUZZ is set (`make fuzz`), because it has no
// `main` of its own; `-sanitize=fuzzer` links libFuzzer's.

let fuzzing: [Target] = ProcessInfo.processInfo.environment["TOKENOMICS_FUZZ"] == nil ? [] : [
    .executableTarget(name: "tokenomics-fuzz", dependencies: ["Fuzzing"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
]

let package = Package(
    name: "Tokenomics",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tokenomics", targets: ["tokenomics"]),
        .executable(name: "tokenomics-bench", targets: ["tokenomics-bench"]),
    ],
    dependencies: dependencies,
    targets: modules + tests + fuzzing,
    swiftLanguageModes: [.v6]
)
