import Catalog
import Foundation

/// How the project draws identities (`theme.toml`): one colour per GPU for every figure, the
/// compare chart and the report, from colour-blind-safe palettes (sources in the file).
public struct Theme: Sendable, Equatable {
    /// 0xRRGGBB of each catalog GPU.
    public var gpuColors: [String: UInt32]
    /// Colours for GPUs outside the catalog, handed out in turn.
    public var others: [UInt32]

    /// The theme shipped with the tool (Charts' `Resources/theme.toml`: a colour change re-renders
    /// figures, not sweeps), checked against the built-in catalog's GPUs.
    public static let standard: Theme = {
        do {
            guard let url = Bundle.module.url(forResource: "theme", withExtension: "toml", subdirectory: "Resources"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw InputError(file: "theme.toml", problem: "missing from the bundle")
            }
            return try Theme(TOMLFields(text: text, file: "theme.toml"), gpus: Catalog.standard.gpuOrder)
        } catch { fatalError("tokenomics: the built-in theme is broken: \(error)") }
    }()

    /// Reads a theme; every GPU of `gpus` must have a colour, and no two colours may be equal.
    public init(_ f: TOMLFields, gpus: [String]) throws(InputError) {
        try f.rejectUnknownKeys(allowed: ["gpu_colors", "others"])
        let table = try f.table("gpu_colors")
        try table.rejectUnknownKeys(allowed: gpus)
        gpuColors = [:]
        for gpu in gpus {
            guard table.has(gpu) else { throw table.error(gpu, "every GPU of the catalog needs a colour") }
            gpuColors[gpu] = try Self.hex(table, gpu, try table.string(gpu))
        }
        let others = try f.table("others")
        try others.rejectUnknownKeys(allowed: ["colors"])
        self.others = try others.strings("colors").map { text throws(InputError) in try Self.hex(others, "colors", text) }
        let all = gpus.compactMap { gpuColors[$0] } + self.others
        guard Set(all).count == all.count else {
            let listed = all.map { String(format: "#%06X", $0) }.joined(separator: ", ")
            throw f.error("gpu_colors", "two identities share a colour", value: listed,
                              allowed: "distinct colours")
        }
        guard !self.others.isEmpty else { throw others.error("colors", "needs at least one colour for unknown GPUs") }
    }

    static func hex(_ f: TOMLFields, _ key: String, _ text: String) throws(InputError) -> UInt32 {
        guard text.count == 7, text.first == "#", let value = UInt32(text.dropFirst(), radix: 16) else {
            throw f.error(key, "not a colour", value: text, allowed: "\"#RRGGBB\"")
        }
        return value
    }
}
