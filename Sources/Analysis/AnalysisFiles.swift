import Catalog
import Foundation

/// Reads analysis files (`tokenomics analyze` output) and merges several into one document.
public enum AnalysisFiles {
    /// The analysis at `path`, or an input error naming the file.
    public static func read(_ path: String) throws(InputError) -> AnalysisDocument {
        do { return try JSONDecoder().decode(AnalysisDocument.self, from: try OutputFile.read(path)) } catch let error as InputError {
            throw error
        } catch let error as DecodingError {
            throw InputError(file: path, problem: MeasurementReader.describe(error))
        } catch {
            throw InputError(file: path, problem: "not an analysis file")
        }
    }

    /// The analyses at `paths` as one document, in the given order.
    public static func merged(_ paths: [String]) throws(InputError) -> AnalysisDocument {
        guard let first = paths.first else { throw InputError(problem: "no analysis files given") }
        var merged = try read(first)
        for path in paths.dropFirst() { merged = merged.merging(try read(path)) }
        return merged
    }

    /// The analyses of `sweeps` in `directory` as one document; a sweep without an analysis is an
    /// error of `file`'s `sweep` key, listing the analyses there.
    public static func merged(sweeps: [String], in directory: String, file: String) throws(InputError) -> AnalysisDocument {
        let known = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        guard !sweeps.isEmpty else {
            throw InputError(file: file, key: "sweep", value: "[]", problem: "names no sweep", allowed: known.listed)
        }
        for sweep in sweeps where !known.contains(sweep) {
            throw InputError(file: file, key: "sweep", value: sweep, problem: "no analysis for sweep",
                             allowed: known.isEmpty ? "(none in \(directory))" : known.listed)
        }
        return try merged(sweeps.map { "\(directory)/\($0).json" })
    }
}
