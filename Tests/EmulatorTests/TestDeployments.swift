import Catalog
@testable import Emulator

/// A deployment from the standard catalog with the defaults most tests share.
func deployment(_ gpu: String, _ model: String, _ precision: String, tp: Int = 1, ep: Int = 1, dp: Bool = false,
                framework: String = "trtllm", isl: Int = 1024, osl: Int = 1024, conc: Int = 16) throws -> Deployment {
    try Deployment(ServingConfiguration(hw: gpu, model: model, framework: framework, precision: precision, isl: isl, osl: osl,
                                        conc: conc, tp: tp, ep: ep, dp_attention: dp))
}
