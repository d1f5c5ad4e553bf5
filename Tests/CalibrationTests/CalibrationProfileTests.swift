import Calibration
import Catalog
import XCTest

final class CalibrationProfileTests: XCTestCase {
    static let profile = CalibrationProfile(
        tool: "tokenomics test", settings: .init(observation_error: 0.1, ttft_error: 0.25, group_correlation: 0.2),
        inputs: [.init(path: "curves.csv", digest: "fnv1a64:0123456789abcdef", points: 12)],
        cells: [.init(framework: "vllm", family: "hopper", points: 12, groups: ["a", "b"], iterations: 3,
                      constants: ["memory_efficiency": 0.9, "gemm_efficiency": 0.5],
                      prior: ["memory_efficiency": 0.75, "gemm_efficiency": 0.75],
                      uncertainty: ["memory_efficiency": 0.05, "gemm_efficiency": 0.2],
                      residuals: [.init(group: "a", points: 6, tput: 0.03, intvty: 0.02, ttft: nil)],
                      held_out: [.init(group: "a", points: 6, tput: 0.05, intvty: nil, ttft: nil),
                                 .init(group: "b", points: 6, tput: 0.07, intvty: 0.04, ttft: 0.2)],
                      expected_error: .init(tput: 0.06, intvty: 0.04))])

    func testRoundTripsThroughTOML() throws {
        let text = try Self.profile.toml()
        XCTAssertTrue(text.hasPrefix("# Calibration profile"))
        XCTAssertTrue(text.contains("memory_efficiency = 0.9\n"), "shortest numbers:\n\(text)")
        XCTAssertEqual(try CalibrationProfile.read(text, file: "p.toml"), Self.profile)
        XCTAssertEqual(try Self.profile.toml(), text, "same profile, same bytes")
        XCTAssertEqual(try XCTUnwrap(Self.profile.heldOut?.tput), 0.06, accuracy: 1e-12, "median over the held-out groups")
        XCTAssertEqual(Self.profile.heldOut?.intvty, 0.04)
    }

    /// Fitted constants sit above the engine's and family's values and below per-GPU recipes.
    func testAppliedConstantsOverrideTheDocumentedOnesOfTheirFamilyOnly() throws {
        let catalog = try Catalog.standard.applying(Self.profile, file: "p.toml")
        let h200 = try catalog.frameworks.profile("vllm", on: catalog.gpu("h200"))
        XCTAssertEqual(h200.memoryEfficiency, 0.9)
        XCTAssertEqual(h200.gemmEfficiency, 0.5)
        XCTAssertEqual(h200.kernelLatency, 3.5e-6, "not fitted: documented")
        XCTAssertEqual(try catalog.frameworks.profile("vllm", on: catalog.gpu("h100")).kvCache, "bf16", "H100's recipe stays")
        XCTAssertEqual(try catalog.frameworks.profile("vllm", on: catalog.gpu("b200")).memoryEfficiency, 0.75, "another family")
        XCTAssertEqual(catalog.documentedConstants("vllm", on: "hopper")?["memory_efficiency"], 0.75, "documented values stay readable")
    }

    /// Every constant calibration may fit is a software constant every engine profile sets, and a
    /// fitted value reaches the profile in its units (all-reduce latency per hop in µs).
    func testEveryFittableConstantIsAnEngineConstant() throws {
        let documented = try XCTUnwrap(Catalog.standard.documentedConstants("sglang", on: "blackwell"))
        for constant in FittedConstant.all {
            let value = try XCTUnwrap(documented[constant.key], constant.key)
            XCTAssertTrue((constant.lower...constant.upper).contains(value), "\(constant.key): documented \(value) within its bounds")
        }
        var profile = Self.profile
        profile.cells[0].constants["allreduce_per_hop_us"] = 1.25
        let catalog = try Catalog.standard.applying(profile, file: "p.toml")
        XCTAssertEqual(try catalog.frameworks.profile("vllm", on: catalog.gpu("h200")).allReducePerHop, 1.25e-6, accuracy: 1e-15)
    }

    /// A model's own cell applies to that model alone, above its engine × family's constants; it
    /// round-trips through TOML, and an unknown model is refused by name.
    func testAModelsCellAppliesToThatModelAlone() throws {
        var profile = Self.profile
        // Listed first, the model's cell still applies above the engine × family's.
        profile.cells.insert(.init(framework: "vllm", family: "hopper", points: 6, groups: ["a"], iterations: 2,
                                   constants: ["memory_efficiency": 0.6], prior: ["memory_efficiency": 0.9], uncertainty: [:],
                                   residuals: [], held_out: [], expected_error: nil, model: "gpt-oss-120b"), at: 0)
        XCTAssertEqual(profile.cells[0].name, "vllm × hopper × gpt-oss-120b")
        XCTAssertEqual(try CalibrationProfile.read(try profile.toml(), file: "p.toml"), profile)
        XCTAssertEqual(profile.cell("vllm", "hopper")?.model, nil, "the engine × family's cell")
        XCTAssertEqual(profile.cell("vllm", "hopper", model: "gpt-oss-120b")?.points, 6)
        XCTAssertEqual(profile.expectedError("vllm", on: "hopper", model: "gpt-oss-120b")?.tput, 0.06, "a measured model: the cell's")
        XCTAssertEqual(profile.expectedError("vllm", on: "hopper", model: "deepseek-r1"), .init(tput: 0.07, intvty: 0.04),
                       "a model never measured there: the cell's worst held-out group")
        let catalog = try Catalog.standard.applying(profile, file: "p.toml"), h200 = try catalog.gpu("h200")
        XCTAssertEqual(try catalog.frameworks.profile("vllm", on: h200, model: "gpt-oss-120b").memoryEfficiency, 0.6)
        XCTAssertEqual(try catalog.frameworks.profile("vllm", on: h200, model: "gpt-oss-120b").gemmEfficiency, 0.5,
                       "what the model's cell did not fit, the engine × family's")
        XCTAssertEqual(try catalog.frameworks.profile("vllm", on: h200, model: "llama-3.3-70b").memoryEfficiency, 0.9)
        XCTAssertEqual(try catalog.frameworks.profile("vllm", on: catalog.gpu("b200"), model: "gpt-oss-120b").memoryEfficiency, 0.75,
                       "another family")
        XCTAssertEqual(try catalog.frameworks.profile("vllm", on: h200, model: "deepseek-r1").expectedError?.tput, 0.07)
        // Fitting the engine × family again drops the models' layers fitted about its old constants.
        let refitted = catalog.frameworks.setting(["memory_efficiency": 0.8], of: "vllm", on: "hopper")
        XCTAssertEqual(try refitted.profile("vllm", on: h200, model: "gpt-oss-120b").memoryEfficiency, 0.8)
        profile.cells[0].model = "gpt-5"
        XCTAssertThrowsError(try Catalog.standard.applying(profile, file: "p.toml")) {
            XCTAssertTrue("\($0)".hasPrefix("p.toml: key 'cells[0].model': unknown model 'gpt-5'; allowed:"), "\($0)")
        }
    }

    func testABadProfileNamesTheKeyAndValue() throws {
        func error(_ edit: (inout CalibrationProfile) -> Void) -> String {
            var profile = Self.profile
            edit(&profile)
            do {
                _ = try Catalog.standard.applying(CalibrationProfile.read(try profile.toml(), file: "p.toml"), file: "p.toml")
                return "accepted"
            } catch { return "\(error)" }
        }
        XCTAssertEqual(error { $0.cells[0].framework = "tgi" },
                       "p.toml: key 'cells[0].framework': unknown engine 'tgi'; allowed: atom, sglang, trtllm, vllm")
        XCTAssertTrue(error { $0.cells[0].family = "volta" }.hasPrefix("p.toml: key 'cells[0].family': unknown GPU family 'volta'"))
        XCTAssertTrue(error { $0.cells[0].constants["hbm_tbps"] = 4.8 }
            .hasPrefix("p.toml: key 'cells[0].constants': unknown constant 'hbm_tbps'; allowed: allreduce_base_us"))
        XCTAssertEqual(error { $0.cells[0].constants["gemm_efficiency"] = -1 },
                       "p.toml: key 'cells[0].constants.gemm_efficiency': must be positive, got '-1.0'; allowed: finite numbers > 0")
        XCTAssertEqual(error { $0.schema = 2 }, "p.toml: key 'schema': unknown profile schema '2'; allowed: 1")
        let text = try Self.profile.toml().replacingOccurrences(of: "iterations = 3", with: "iterations = 3\nsmoothing = 1")
        XCTAssertThrowsError(try CalibrationProfile.read(text, file: "p.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("p.toml: key 'cells[0].smoothing': unknown key"), "\(error)")
        }
        XCTAssertThrowsError(try CalibrationProfile.read("schema = 1\n", file: "p.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("p.toml: not a calibration profile"), "\(error)")
        }
    }
}

extension CalibrationProfileTests {
    /// A measured cell's own held-out error; a cell that held nothing out, the median over all
    /// held-out groups; a pair never measured, the worst held-out group.
    func testExpectedErrorsFallBackFromTheCellToTheWholeProfile() throws {
        var profile = Self.profile
        profile.cells.append(.init(framework: "sglang", family: "blackwell", points: 4, groups: ["c"], iterations: 2, constants: [:],
                                   prior: [:], uncertainty: [:], residuals: [], held_out: [], expected_error: nil))
        XCTAssertEqual(profile.expectedError("vllm", on: "hopper"), .init(tput: 0.06, intvty: 0.04))
        XCTAssertEqual(try XCTUnwrap(profile.expectedError("sglang", on: "blackwell")?.tput), 0.06, accuracy: 1e-12)
        XCTAssertEqual(profile.expectedError("sglang", on: "cdna3"), .init(tput: 0.07, intvty: 0.04))
        let catalog = try Catalog.standard.applying(profile, file: "p.toml")
        XCTAssertEqual(try catalog.frameworks.profile("vllm", on: catalog.gpu("h200")).expectedError?.tput, 0.06)
        XCTAssertNil(try Catalog.standard.frameworks.profile("vllm", on: catalog.gpu("h200")).expectedError, "documented: none")
    }
}
