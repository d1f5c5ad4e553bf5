import Foundation

extension Catalog {
    /// The text of the built-in claims file, `Resources/claims.toml`: the headline claims that
    /// `tokenomics claims` audits (the Analysis module reads it; it knows the metrics).
    public static func builtInClaimsText() throws(InputError) -> String {
        guard let url = Bundle.module.url(forResource: "Resources/claims", withExtension: "toml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InputError(file: "claims.toml", problem: "the built-in claims are missing")
        }
        return text
    }
}
