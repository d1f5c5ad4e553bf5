/// A small floating-point format (OCP 8-bit FP, OCP MX element types): exponent and mantissa
/// widths, bias, and what happens past the largest finite value.
///
/// `cast` rounds a Float to the nearest representable value, ties to even, as ml_dtypes does:
/// E4M3 (no infinity, one NaN) overflows to NaN, E5M2 to ±infinity, E2M1 (no infinity, no NaN)
/// saturates to ±6. `castSaturating` clamps to the largest finite value instead (the MX
/// specification's element conversion and the tensor cores' `satfinite`).
public struct MiniFloat: Sendable, Equatable {
    public enum Overflow: Sendable, Equatable { case nan, infinity, saturate }

    public let name: String
    public let exponentBits: Int
    public let mantissaBits: Int
    public let bias: Int
    /// Largest finite value.
    public let maximum: Float
    public let overflow: Overflow

    public static let e4m3 = MiniFloat(name: "e4m3", exponentBits: 4, mantissaBits: 3, bias: 7, maximum: 448, overflow: .nan)
    public static let e5m2 = MiniFloat(name: "e5m2", exponentBits: 5, mantissaBits: 2, bias: 15, maximum: 57344, overflow: .infinity)
    public static let e2m1 = MiniFloat(name: "e2m1", exponentBits: 2, mantissaBits: 1, bias: 1, maximum: 6, overflow: .saturate)
    public static let all = [e4m3, e5m2, e2m1]

    /// Smallest normal exponent: 1 − bias.
    var minimumExponent: Int { 1 - bias }

    /// Round to nearest, ties to even, with this format's overflow rule.
    public func cast(_ x: Float) -> Float {
        // A format without NaN (E2M1) has no code for it: ml_dtypes 0.7 casts NaN to a zero of the
        // opposite sign (float4_e2m1fn(nan) is -0.0, of -nan +0.0); the others keep NaN.
        if x.isNaN { return overflow == .saturate ? (x.sign == .minus ? 0 : -0.0) : .nan }
        if x.isInfinite {
            switch overflow {
            case .nan: return .nan
            case .infinity: return x
            case .saturate: return x < 0 ? -maximum : maximum
            }
        }
        let rounded = roundToGrid(x)
        guard abs(rounded) > maximum else { return rounded }
        switch overflow {
        case .nan: return .nan
        case .infinity: return rounded < 0 ? -.infinity : .infinity
        case .saturate: return rounded < 0 ? -maximum : maximum
        }
    }

    /// Round to nearest even, clamping to ±maximum (`satfinite`); NaN stays NaN.
    public func castSaturating(_ x: Float) -> Float {
        if x.isNaN { return .nan }
        let clamped = min(max(x, -maximum), maximum)
        return min(max(roundToGrid(clamped), -maximum), maximum)
    }

    /// The nearest multiple of the value's quantum 2^(e − m) (e its exponent, at least the
    /// smallest normal one, so subnormals share the last normal quantum). Division and
    /// multiplication by powers of two are exact, so one rounding happens: `rounded(.toNearestOrEven)`.
    func roundToGrid(_ x: Float) -> Float {
        let magnitude = abs(x)
        guard magnitude > 0 else { return x }
        let exponent = max(Int(magnitude.exponent), minimumExponent)
        let quantum = Float(sign: .plus, exponent: exponent - mantissaBits, significand: 1)
        let q = (magnitude / quantum).rounded(.toNearestOrEven) * quantum
        return x < 0 ? -q : q
    }
}
