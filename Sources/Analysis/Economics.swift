/// Unit economics of serving (DESIGN.md, InferenceMAX dashboard definitions).
public enum Economics {
    /// Dollars per million tokens at `usdPerGPUHour` and `tokensPerSecondPerGPU`:
    /// $/h ÷ (tok/s × 3600 / 10⁶). Nil when throughput is not positive.
    public static func usdPerMillionTokens(usdPerGPUHour: Double, tokensPerSecondPerGPU: Double) -> Double? {
        guard tokensPerSecondPerGPU > 0, tokensPerSecondPerGPU.isFinite else { return nil }
        return usdPerGPUHour / (tokensPerSecondPerGPU * 3600 / 1e6)
    }

    /// Tokens per second per megawatt of all-in power: tok/s/GPU × 1000 / kW per GPU.
    public static func tokensPerSecondPerMW(tokensPerSecondPerGPU: Double, allInKW: Double) -> Double {
        tokensPerSecondPerGPU * 1000 / allInKW
    }

    /// Joules per token: kW × 1000 / tok/s/GPU. Nil when throughput is not positive.
    public static func joulesPerToken(tokensPerSecondPerGPU: Double, allInKW: Double) -> Double? {
        guard tokensPerSecondPerGPU > 0 else { return nil }
        return allInKW * 1000 / tokensPerSecondPerGPU
    }
}
