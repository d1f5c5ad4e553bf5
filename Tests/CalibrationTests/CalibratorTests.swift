@testable import Calibration
import Catalog
import Emulator
import XCTest

/// Calibration on synthetic measurements: points emulated with known constants, then fitted from
/// the documented ones. Small configurations keep the debug build fast.
final class CalibratorTests: XCTestCase {
    /// Llama 3.3 70B FP8 on B200 with TensorRT-LLM: short requests at a few loads and parallelisms.
    static func configurations(model: String = "llama-3.3-70b", precision: String = "fp8", osl: Int = 64) -> [ServingConfiguration] {
        [(1, 4), (1, 16), (2, 8), (2, 32)].map { tp, conc in
            ServingConfiguration(hw: "b200", model: model, framework: "trtllm", precision: precision, isl: 512, osl: osl, conc: conc,
                                 tp: tp, seed: 1)
        }
    }

    /// Points "measured" by the emulator with `constants` fitted for trtllm on Blackwell.
    static func observations(_ constants: [String: Double], configurations: [ServingConfiguration] = configurations(),
                             scale: Double = 1) -> [Observation] {
        var catalog = Catalog.standard
        catalog.frameworks = catalog.frameworks.setting(constants, of: "trtllm", on: "blackwell")
        return configurations.map { config in
            let result = ServingSimulation(try! Deployment(config, catalog: catalog)).run()
            return Observation(group: Observation.group(of: config), scenario: config.scenario, label: "conc \(config.conc)",
                               candidates: [config], tput: result.tput_per_gpu * scale, tpot: result.median_tpot,
                               ttft: result.median_ttft)
        }
    }

    func testRecoversAConstantFromPointsItProduced() throws {
        let documented = try XCTUnwrap(Catalog.standard.documentedConstants("trtllm", on: "blackwell")?["memory_efficiency"])
        XCTAssertEqual(documented, 0.80)
        var calibrator = Calibrator()
        calibrator.constants = try FittedConstant.named(["memory_efficiency"])
        // Many points and a loose error make the data outweigh the prior.
        calibrator.settings = .init(observation_error: 0.01, ttft_error: 0.25, group_correlation: 0.01)
        let outcome = try calibrator.calibrate(Self.observations(["memory_efficiency": 0.6]), inputs: [], tool: "test")
        let cell = try XCTUnwrap(outcome.profile.cell("trtllm", "blackwell"))
        XCTAssertEqual(try XCTUnwrap(cell.constants["memory_efficiency"]), 0.6, accuracy: 0.012, "within 2% of the truth")
        XCTAssertEqual(cell.prior["memory_efficiency"], 0.80)
        XCTAssertEqual(cell.points, 4)
        XCTAssertLessThan(try XCTUnwrap(cell.residuals.first?.tput), 0.01, "the fit reproduces its own points")
        XCTAssertTrue(outcome.leftOut.isEmpty)
    }

    /// A fit starts at the documented constants, so the predictions made there before the fit are
    /// the ones its first evaluation would make: the calibrator reuses them.
    func testTheFitStartsWhereTheDocumentedPredictionsWereMade() throws {
        let observations = Self.observations(["memory_efficiency": 0.6])
        let cell = Cell(framework: "trtllm", family: "blackwell")
        let fit = CellFit(cell, observations: observations, constants: FittedConstant.all, catalog: .standard,
                          settings: Calibrator().settings)
        XCTAssertTrue(fit.startsAtDocumented)
        let atStart = Predictor(observations).predict(under: [fit.catalog(fit.values(fit.start))])[0]
        XCTAssertEqual(atStart, Predictor.predict(observations, catalog: .standard))
        XCTAssertFalse(CellFit(cell, observations: observations, constants: FittedConstant.all, catalog: .standard,
                               settings: Calibrator().settings, centre: [:]).startsAtDocumented)
    }

    /// The prior holds a constant near its documented value when the points are few and noisy.
    func testThePriorHoldsAConstantThatFewPointsPull() throws {
        var calibrator = Calibrator()
        calibrator.constants = try FittedConstant.named(["memory_efficiency"])
        let strong = try calibrator.calibrate(Self.observations(["memory_efficiency": 0.6]), inputs: [], tool: "test")
        calibrator.settings.observation_error = 1.0
        let weak = try calibrator.calibrate(Self.observations(["memory_efficiency": 0.6]), inputs: [], tool: "test")
        let pulled = try XCTUnwrap(strong.profile.cells.first?.constants["memory_efficiency"])
        let held = try XCTUnwrap(weak.profile.cells.first?.constants["memory_efficiency"])
        XCTAssertLessThan(pulled, 0.7, "precise points move it most of the way")
        XCTAssertGreaterThan(held, 0.77, "points known to ±100% barely move it")
    }

    func testTooFewValuesForTheConstantsAskedNameTheCellAndCount() throws {
        var observations = Self.observations(["memory_efficiency": 0.8]).prefix(1).map { $0 }
        observations[0].tpot = nil
        observations[0].ttft = nil
        var calibrator = Calibrator()
        calibrator.constants = try FittedConstant.named(["memory_efficiency", "gemm_efficiency"])
        XCTAssertThrowsError(try calibrator.calibrate(observations, inputs: [], tool: "test")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("trtllm × blackwell"), text)
            XCTAssertTrue(text.contains("llama-3.3-70b b200 trtllm fp8"), text)
            XCTAssertTrue(text.contains("1 points, 1 measured values, for 2 constants, which need at least 4"), text)
        }
        XCTAssertThrowsError(try FittedConstant.named(["hbm_bandwidth"])) { error in
            XCTAssertTrue("\(error)".contains("not a constant calibration fits 'hbm_bandwidth'"), "\(error)")
        }
        // Without constants asked, one value supports none: the cell keeps its documented values.
        XCTAssertEqual(Calibrator.supported(by: observations), [])
    }

    func testAFitThatEndsOnABoundWritesNoProfile() throws {
        var calibrator = Calibrator()
        calibrator.constants = try FittedConstant.named(["memory_efficiency"])
        calibrator.settings = .init(observation_error: 0.01, ttft_error: 0.25, group_correlation: 0.01)
        // Measured throughput 3× the emulator's at any HBM efficiency the model allows.
        let observations = Self.observations(["memory_efficiency": 0.8], scale: 3).map { o -> Observation in
            var o = o
            (o.tpot, o.ttft) = (o.tpot.map { $0 / 3 }, nil)
            return o
        }
        XCTAssertThrowsError(try calibrator.calibrate(observations, inputs: [], tool: "test")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("puts the constant on its bound; no profile written"), text)
            XCTAssertTrue(text.contains("'memory_efficiency'") && text.contains("0.3…0.98"), text)
        }
    }

    /// Each group of a cell with several is fitted without it and predicted; the cell's expected
    /// error is the median over those groups.
    func testLeavesEachGroupOutAndPredictsIt() throws {
        let llama = Self.observations(["memory_efficiency": 0.7])
        let mixtral = Self.observations(["memory_efficiency": 0.7],
                                        configurations: Self.configurations(model: "gpt-oss-120b", precision: "mxfp4"))
        var calibrator = Calibrator()
        calibrator.constants = try FittedConstant.named(["memory_efficiency"])
        let cell = try XCTUnwrap(try calibrator.calibrate(llama + mixtral, inputs: [], tool: "test").profile.cells.first)
        XCTAssertEqual(cell.groups, ["llama-3.3-70b b200 trtllm fp8", "gpt-oss-120b b200 trtllm mxfp4"])
        XCTAssertEqual(cell.held_out.map(\.group), cell.groups)
        XCTAssertEqual(cell.held_out.map(\.points), [4, 4])
        for group in cell.held_out { XCTAssertLessThan(try XCTUnwrap(group.tput), 0.05, "the other model carries the same constant") }
        let expected = try XCTUnwrap(cell.expected_error)
        XCTAssertEqual(expected.tput, CalibrationProfile.median(cell.held_out.compactMap(\.tput))!, accuracy: 1e-12)
        calibrator.holdOut = false
        XCTAssertEqual(try calibrator.calibrate(llama + mixtral, inputs: [], tool: "test").profile.cells.first?.held_out, [])
    }

    /// An engine × family measured on two models fits each its own constants about the shared
    /// fit; held out, a model's only group is predicted by the shared fit without it (as a model
    /// never measured there would be), a model's other group by that model's own fit.
    func testEachModelOfACellFitsItsOwnConstants() throws {
        let llama = Self.observations(["memory_efficiency": 0.6])
        let llamaFP4 = Self.observations(["memory_efficiency": 0.6], configurations: Self.configurations(precision: "fp4"))
        let gptOSS = Self.observations(["memory_efficiency": 0.9],
                                       configurations: Self.configurations(model: "gpt-oss-120b", precision: "mxfp4"))
        var calibrator = Calibrator()
        calibrator.constants = try FittedConstant.named(["memory_efficiency"])
        calibrator.settings = .init(observation_error: 0.01, ttft_error: 0.25, group_correlation: 0.01)
        let profile = try calibrator.calibrate(llama + llamaFP4 + gptOSS, inputs: [], tool: "test").profile
        XCTAssertEqual(profile.cells.map(\.name), ["trtllm × blackwell", "trtllm × blackwell × llama-3.3-70b",
                                                   "trtllm × blackwell × gpt-oss-120b"])
        let shared = try XCTUnwrap(profile.cell("trtllm", "blackwell")?.constants["memory_efficiency"])
        let ownLlama = try XCTUnwrap(profile.cell("trtllm", "blackwell", model: "llama-3.3-70b")?.constants["memory_efficiency"])
        let ownGPTOSS = try XCTUnwrap(profile.cell("trtllm", "blackwell", model: "gpt-oss-120b")?.constants["memory_efficiency"])
        XCTAssertEqual(ownLlama, 0.6, accuracy: 0.02)
        XCTAssertEqual(ownGPTOSS, 0.9, accuracy: 0.03)
        XCTAssertTrue(ownLlama < shared && shared < ownGPTOSS, "the shared fit lies between: \(shared)")
        XCTAssertEqual(profile.cell("trtllm", "blackwell", model: "gpt-oss-120b")?.prior["memory_efficiency"], shared,
                       "a model's prior centres on the shared fit")
        let parent = try XCTUnwrap(profile.cells.first)
        XCTAssertLessThan(try XCTUnwrap(parent.residuals.first { $0.group == "gpt-oss-120b b200 trtllm mxfp4" }?.tput), 0.02,
                          "residuals of the layered constants")
        let heldOut = Dictionary(uniqueKeysWithValues: parent.held_out.map { ($0.group, try! XCTUnwrap($0.tput)) })
        XCTAssertLessThan(try XCTUnwrap(heldOut["llama-3.3-70b b200 trtllm fp8"]), 0.03, "from Llama's own fit on its FP4 points")
        XCTAssertGreaterThan(try XCTUnwrap(heldOut["gpt-oss-120b b200 trtllm mxfp4"]), 0.05, "from the Llama points alone")
    }

    /// A cell's only group, left out, leaves nothing to fit: it is predicted by the documented
    /// constants, so the held-out error shows how far they are from what was measured.
    func testTheOnlyGroupOfACellIsHeldOutAgainstTheDocumentedConstants() throws {
        let slower = Self.observations(["memory_efficiency": 0.6])
        var calibrator = Calibrator()
        calibrator.constants = try FittedConstant.named(["memory_efficiency"])
        let cell = try XCTUnwrap(try calibrator.calibrate(slower, inputs: [], tool: "test").profile.cells.first)
        let heldOut = try XCTUnwrap(cell.held_out.first?.tput), fitted = try XCTUnwrap(cell.residuals.first?.tput)
        XCTAssertEqual(cell.held_out.map(\.group), ["llama-3.3-70b b200 trtllm fp8"])
        let documented = Predictor(slower).predict(under: [.standard])[0]
        XCTAssertEqual(heldOut, PointErrors(slower, documented).summary(group: "g", points: slower.count).tput!, accuracy: 1e-12)
        XCTAssertGreaterThan(heldOut, 0.05, "measured slower than the documented 0.8 of HBM bandwidth")
        XCTAssertLessThan(fitted, heldOut / 3, "the fit moves the constant most of the way, against its prior")
        XCTAssertEqual(cell.expected_error?.tput, heldOut)
    }

    /// A point whose throughput its own E2E cannot account for is left out, with the reason, and
    /// the fit proceeds on the rest.
    func testARunItsOwnLatencyCannotAccountForIsLeftOut() throws {
        var observations = Self.observations(["memory_efficiency": 0.8])
        var failed = observations[1]
        let config = failed.candidates[0]
        let tokens = Lengths.mean(config.isl) + Lengths.mean(config.osl)
        failed.e2e = Double(config.conc) * tokens / Double(config.gpus) / failed.tput
        failed.tput *= 0.6
        observations.append(failed)
        var calibrator = Calibrator()
        calibrator.constants = try FittedConstant.named(["memory_efficiency"])
        calibrator.holdOut = false
        let outcome = try calibrator.calibrate(observations, inputs: [], tool: "test")
        XCTAssertEqual(outcome.leftOut.map(\.observation), [failed])
        XCTAssertTrue(outcome.leftOut[0].reason.hasPrefix("throughput 0.60× what its median E2E allows"), outcome.leftOut[0].reason)
        XCTAssertEqual(outcome.profile.cells.first?.points, 4)
        XCTAssertEqual(try XCTUnwrap(outcome.profile.cells.first?.constants["memory_efficiency"]), 0.8, accuracy: 0.01)
    }

    /// A run measured at half the throughput of its twin (same configuration, same TPOT) pulls the
    /// fit under soft L1 far less than under least squares; within c σ a residual barely changes.
    /// The points decode 512 tokens and leave TTFT out: where prefill dominates, or a request's
    /// first step moves by one when the constant crosses a step boundary, the objective has
    /// bumps of the size of this effect, and either fit may stop in one of them.
    func testARunNoEmulatorCanReproducePullsLittle() throws {
        var observations = Self.observations(["memory_efficiency": 0.8], configurations: Self.configurations(osl: 512)).map { point in
            var point = point
            point.ttft = nil
            return point
        }
        var failed = observations[1]
        failed.tput /= 2
        observations.append(failed)
        var calibrator = Calibrator()
        calibrator.constants = try FittedConstant.named(["memory_efficiency"])
        calibrator.holdOut = false
        func fitted(_ scale: Double?) throws -> Double {
            calibrator.settings.outlier_scale = scale
            let profile = try calibrator.calibrate(observations, inputs: [], tool: "test").profile
            return try XCTUnwrap(profile.cells.first?.constants["memory_efficiency"])
        }
        let plain = try fitted(nil), soft = try fitted(2)
        XCTAssertLessThan(plain, 0.76, "least squares follows the failed run")
        XCTAssertLessThan(abs(soft - 0.8), abs(plain - 0.8) / 2)
        let fit = CellFit(Cell(framework: "trtllm", family: "blackwell"), observations: observations, constants: [FittedConstant.all[0]],
                          catalog: .standard, settings: calibrator.settings)
        // c = 2: z = 1 → 2·√(2(√1.25 − 1)) = 0.972; z = −6 → −2·√(2(√10 − 1)) = −4.159.
        XCTAssertEqual(fit.softened(1), 0.9717, accuracy: 1e-4)
        XCTAssertEqual(fit.softened(-6), -4.1592, accuracy: 1e-4)
        XCTAssertEqual(fit.softened(0), 0)
    }

    /// A long curve counts as at most 1/ρ independent points.
    func testPointsOfOneGroupWeighAsCorrelated() {
        let observations = Self.observations(["memory_efficiency": 0.8])
        let settings = CalibrationProfile.Settings(observation_error: 0.1, ttft_error: 0.25, group_correlation: 0.2)
        let fit = CellFit(Cell(framework: "trtllm", family: "blackwell"), observations: observations,
                          constants: [FittedConstant.all[0]], catalog: .standard, settings: settings)
        let predictions = observations.map { Prediction(tput: $0.tput * exp(0.1), tpot: $0.tpot, ttft: $0.ttft) }
        let r = fit.residuals(predictions, u: fit.start)
        // 4 points of one group: w² = 1 / (1 + 3·0.2) = 0.625; a 10% log error at σ 0.1 is w standard deviations.
        XCTAssertEqual(r[0], (1 / 1.6).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(r[1], 0, accuracy: 1e-12, "TPOT as measured")
        XCTAssertEqual(r.last!, 0, accuracy: 1e-12, "at the documented value the prior costs nothing")
        XCTAssertEqual(r.count, 4 * 3 + 1)
    }
}
