import Catalog
import Emulator
import Foundation

/// Reads InferenceMAX aggregated results (`agg_bmk.json`: a JSON array of result objects, latencies
/// in seconds) as a measurement file, mapping the real artifacts' quirks onto catalog names:
/// Hugging Face model ids, `hw` with an engine suffix (`b200-trt`), `trt` for TensorRT-LLM,
/// `fp4` meaning MXFP4 for gpt-oss and on AMD and NVFP4 otherwise, booleans written as strings.
public enum InferenceMAXImport {
    /// Catalog model for a Hugging Face id, by the family name it contains.
    static let modelFamilies = [("gpt-oss-120b", "gpt-oss-120b"), ("deepseek-r1", "deepseek-r1"), ("deepseek-v3", "deepseek-r1"),
                                ("llama-3.3-70b", "llama-3.3-70b")]
    static let frameworkNames = ["trt": "trtllm", "dynamo-trt": "dynamo-trtllm"]

    /// The record's engine in catalog spelling: a catalog engine, or an orchestrator over one
    /// (`FrameworkTable.orchestrators`).
    static func framework(_ r: Record, catalog: Catalog) throws(InputError) -> String {
        let text = try r.string("framework")
        let name = frameworkNames[text] ?? text
        guard catalog.frameworks.known.contains(FrameworkTable.engine(of: name)) else {
            let engines = catalog.frameworks.known
            throw r.error("framework", "unknown framework", value: text, allowed: (engines + frameworkNames.keys).listed
                          + ", or one of them after " + FrameworkTable.orchestrators.map { "\($0)-" }.joined(separator: " or "))
        }
        return name
    }

    public static func read(_ data: Data, file: String, catalog: Catalog = .standard) throws(InputError) -> MeasurementFile {
        let records: [[String: Any]]
        do {
            guard let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
                throw InputError(file: file, problem: "expected a JSON array of result objects")
            }
            records = array
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: file, problem: "malformed JSON: \(error.localizedDescription)")
        }
        var results: [BenchmarkResult] = []
        for (index, record) in records.enumerated() {
            results.append(try result(Record(fields: record, index: index, file: file), catalog: catalog))
        }
        return MeasurementFile(source: "measured",
                               provenance: ["importer": "inferencemax", "input": file, "records": "\(records.count)"], results: results)
    }

    static func result(_ r: Record, catalog: Catalog) throws(InputError) -> BenchmarkResult {
        let modelID = try r.string("model")
        guard let model = modelFamilies.first(where: { modelID.lowercased().contains($0.0) })?.1 else {
            throw r.error("model", "unknown model", value: modelID,
                          allowed: modelFamilies.map(\.0).joined(separator: ", ") + " (Hugging Face ids containing one of these)")
        }
        let hwText = try r.string("hw").lowercased()
        let longestFirst = catalog.gpus.keys.sorted { $0.count > $1.count }
        guard let hw = longestFirst.first(where: { hwText == $0 || hwText.hasPrefix($0 + "-") }) else {
            throw r.error("hw", "unknown hardware", value: hwText, allowed: catalog.gpus.keys.listed + " (optionally with a -suffix)")
        }
        let framework = try Self.framework(r, catalog: catalog)
        var precision = try r.string("precision")
        if precision == "fp4" {
            precision = model == "gpt-oss-120b" || catalog.gpus[hw]?.vendor == .amd ? "mxfp4" : "nvfp4"
        }
        guard catalog.precisions.knownLabels.contains(precision) else {
            throw r.error("precision", "unknown precision", value: precision, allowed: catalog.precisions.knownLabels.listed)
        }
        let configuration = ServingConfiguration(
            hw: hw, model: model, framework: framework, precision: precision,
            spec_decoding: try r.optionalString("spec_decoding") ?? "none", disagg: try r.bool("disagg", default: false),
            isl: try r.count("isl"), osl: try r.count("osl"), conc: try r.count("conc"),
            tp: try r.count("tp", default: 1), ep: try r.count("ep", default: 1),
            dp_attention: try r.bool("dp_attention", default: false))
        let medianTPOT = try r.seconds("median_tpot")
        return BenchmarkResult(
            configuration: configuration,
            num_prefill_gpu: try r.optionalCount("num_prefill_gpu"), num_decode_gpu: try r.optionalCount("num_decode_gpu"),
            tput_per_gpu: try r.number("tput_per_gpu"), output_tput_per_gpu: try r.number("output_tput_per_gpu"),
            input_tput_per_gpu: try r.number("input_tput_per_gpu"),
            mean_ttft: try r.seconds("mean_ttft"), median_ttft: try r.seconds("median_ttft"), p99_ttft: try r.seconds("p99_ttft"),
            mean_tpot: try r.seconds("mean_tpot"), median_tpot: medianTPOT, p99_tpot: try r.seconds("p99_tpot"),
            mean_itl: try r.seconds("mean_itl"), median_itl: try r.seconds("median_itl"), p99_itl: try r.seconds("p99_itl"),
            mean_e2el: try r.seconds("mean_e2el"), median_e2el: try r.seconds("median_e2el"), p99_e2el: try r.seconds("p99_e2el"),
            median_intvty: try r.optionalNumber("median_intvty") ?? (medianTPOT > 0 ? 1 / medianTPOT : 0))
    }

    /// One record with typed look-ups whose errors name the record index and the field.
    struct Record {
        let fields: [String: Any]
        let index: Int
        let file: String

        func error(_ key: String, _ problem: String, value: String? = nil, allowed: String? = nil) -> InputError {
            InputError(file: file, key: "record \(index), field '\(key)'".replacingOccurrences(of: "'", with: ""), value: value,
                       problem: problem, allowed: allowed)
        }

        func string(_ key: String) throws(InputError) -> String {
            guard let value = fields[key] else { throw error(key, "missing field") }
            guard let text = value as? String else { throw error(key, "expected a string, got", value: "\(value)") }
            return text
        }

        func optionalString(_ key: String) throws(InputError) -> String? { fields[key] == nil ? nil : try string(key) }

        func number(_ key: String, default fallback: Double? = nil) throws(InputError) -> Double {
            guard let value = fields[key] else {
                if let fallback { return fallback }
                throw error(key, "missing field")
            }
            var number: Double?
            if type(of: value) != Bool.self, let n = value as? NSNumber { number = n.doubleValue }
            if let text = value as? String { number = Double(text) }
            guard let number, number.isFinite, number >= 0 else {
                throw error(key, "expected a finite number ≥ 0, got", value: "\(value)", allowed: "a number such as 1024 or 0.0123")
            }
            return number
        }

        /// A count (lengths, concurrency, GPUs): a whole number from 1 to 2^24, the range
        /// InferenceMAX's results span with room to spare.
        func count(_ key: String, default fallback: Int? = nil) throws(InputError) -> Int {
            if fields[key] == nil, let fallback { return fallback }
            let value = try number(key)
            guard value == value.rounded(), value >= 1, value <= 16_777_216 else {
                throw error(key, "expected a whole number, got", value: "\(fields[key]!)", allowed: "1…16777216")
            }
            return Int(value)
        }

        /// A latency in seconds: a time per output token or between tokens above 10 s is a unit
        /// error, not a measurement.
        func seconds(_ key: String) throws(InputError) -> Double {
            let value = try number(key)
            if key.hasSuffix("tpot") || key.hasSuffix("itl"), value > 10 {
                throw error(key, "unit not understood: expected seconds, got", value: "\(value)",
                            allowed: "seconds (InferenceMAX agg_bmk.json)")
            }
            return value
        }

        func optionalCount(_ key: String) throws(InputError) -> Int? {
            fields[key] == nil || fields[key] is NSNull ? nil : try count(key)
        }

        func optionalNumber(_ key: String) throws(InputError) -> Double? {
            fields[key] == nil || fields[key] is NSNull ? nil : try number(key)
        }

        /// A boolean written as true/false or as the strings "true"/"false" (any case).
        func bool(_ key: String, default fallback: Bool) throws(InputError) -> Bool {
            guard let value = fields[key] else { return fallback }
            if let flag = value as? Bool { return flag }
            if let text = (value as? String)?.lowercased(), ["true", "false"].contains(text) { return text == "true" }
            throw error(key, "expected true or false, got", value: "\(value)")
        }
    }
}
