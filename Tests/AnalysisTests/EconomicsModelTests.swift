@testable import Analysis
import Catalog
import Emulator
import XCTest

final class TCOTests: XCTestCase {
    /// H200: $31k capex over 4 years at 10%: CRF = 0.1·1.1⁴/(1.1⁴ − 1) = 0.31547; $9,779.7 a year,
    /// $1.1157 an hour; 1.73 kW × $0.083 = $0.1436/h of electricity; 1.73 × $150 × 12 / 8,766 h = $0.3552/h hosting.
    func testBottomUpCostOfAGPUHour() throws {
        let t = TCOBreakdown(gpu: try Catalog.standard.gpu("h200"), assumptions: .standard)
        XCTAssertEqual(TCOBreakdown.capitalRecoveryFactor(rate: 0.1, years: 4), 0.315471, accuracy: 1e-6)
        XCTAssertEqual(TCOBreakdown.capitalRecoveryFactor(rate: 0, years: 4), 0.25)
        XCTAssertEqual(t.capital_usd_per_hour, 1.1157, accuracy: 0.0001)
        XCTAssertEqual(t.electricity_usd_per_hour, 0.14359, accuracy: 0.00001)
        XCTAssertEqual(t.hosting_usd_per_hour, 0.35523, accuracy: 0.00001)
        XCTAssertEqual(t.maintenance_usd_per_hour, 31000 * 0.03 / 8766, accuracy: 1e-9)
        XCTAssertEqual(
            t.total_usd_per_hour, t.capital_usd_per_hour + t.maintenance_usd_per_hour + t.electricity_usd_per_hour + t.hosting_usd_per_hour)
        XCTAssertEqual(t.market_usd_per_hour, 1.41)
    }
}

final class ROITests: XCTestCase {
    /// DESIGN.md: 72 GPUs × 10,000 tok/s × 3 years ≈ 6.8·10¹³ tokens; $75M on $5M implies ≈ $1.1/Mtok.
    func testTheGB200ClaimImpliesAboutADollarPerMillionTokens() {
        let roi = ROI(tokensPerSecondPerGPU: 10_000, gpus: 72, utilization: 1, lifeYears: 3, priceUSDPerMtok: 1, deploymentUSD: 5e6)
        XCTAssertEqual(roi.tokens, 6.816e13, accuracy: 0.001e13)
        XCTAssertEqual(roi.impliedPrice(forMultiple: 15), 1.100, accuracy: 0.001)
        XCTAssertEqual(roi.multiple, roi.revenue_usd / 5e6)
    }

    func testROIAndItsInverseRoundTrip() {
        for price in [0.02, 0.5, 1.1, 7.0] {
            let roi = ROI(tokensPerSecondPerGPU: 3865, gpus: 72, utilization: 0.6, lifeYears: 3, priceUSDPerMtok: price, deploymentUSD: 5e6)
            XCTAssertEqual(roi.impliedPrice(forMultiple: roi.multiple), price, accuracy: price * 1e-12)
        }
    }
}

final class AssumptionsTests: XCTestCase {
    func testOverridesReplaceOnlyTheirKeys() throws {
        let a = try Assumptions(overrides: ("[pricing]\ntier = \"neocloud\"\n[tco]\nelectricity_usd_per_kwh = 0.2\n", "mine.toml"))
        XCTAssertEqual(a.tier, "neocloud")
        XCTAssertEqual(a.tco.electricityUSDPerKWh, 0.2)
        XCTAssertEqual(a.tco.lifeYears, Assumptions.standard.tco.lifeYears)
        XCTAssertEqual(a.roi, Assumptions.standard.roi)
    }

    func testBadOverridesNameFileKeyValueAndWhatIsAllowed() {
        func message(_ text: String) -> String {
            do { _ = try Assumptions(overrides: (text, "mine.toml")); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(
            message("[pricing]\ntier = \"cheap\""),
            "mine.toml: key 'pricing.tier': unknown price tier 'cheap'; allowed: hyperscaler, neocloud, rental_3yr")
        XCTAssertTrue(message("[tco]\npue = 1.3").contains("key 'tco.pue': unknown key; allowed: cost_of_capital"))
        XCTAssertTrue(message("[roi]\nutilization = 1.5").contains("key 'roi.utilization': out of range, got '1.5'; allowed: 0.01…1.0"))
        XCTAssertTrue(message("[roi]\nutilization = 0").contains("key 'roi.utilization': out of range, got '0.0'"), "not $inf")
        XCTAssertTrue(message("[roi]\ngpus = 72.9").contains("key 'roi.gpus': not a whole number of GPUs, got '72.9'"))
        XCTAssertTrue(message("[ratios]\nbaseline = \"h900\"").contains("key 'ratios.baseline': unknown name 'h900'; allowed: b200"))
        XCTAssertTrue(message("[roi]\nmodel = \"llama-9\"").contains("key 'roi.model': unknown name 'llama-9'"))
        XCTAssertTrue(message("[roi]\nsystem = \"gb999\"").contains("key 'roi.system': unknown name 'gb999'"))
        XCTAssertTrue(message("[roi]\nscenario = \"long\"").contains("key 'roi.scenario': not an ISL/OSL scenario 'long'"))
        XCTAssertTrue(message("[taxes]\nrate = 1").contains("key 'taxes': unknown key"))
    }

    func testThePriceTierDrivesCostPerMillionTokens() throws {
        let result = result(conc: 64, tput: 5312, intvty: 30)
        let file = MeasurementFile(source: "measured", provenance: [:], results: [result])
        let neocloud = try Assumptions(overrides: ("[pricing]\ntier = \"neocloud\"", "a.toml"))
        let point = AnalysisDocument(measurements: [file], provenance: [:], assumptions: neocloud).points[0]
        XCTAssertEqual(try XCTUnwrap(Metric.usdPerMtok.value(of: point)), 1.74 / (5312 * 3600 / 1e6), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(Metric.usdPerMtokOutput.value(of: point)), 1.74 / (2656 * 3600 / 1e6), accuracy: 1e-12)
    }
}
