import Charts
import Foundation
import XCTest

/// End-to-end tests of the built `tokenomics` executable: exit status, messages and outputs.
final class CLITests: XCTestCase {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable built beside the test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tokenomics")

    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tokenomics-cli-\(getpid())-\(name.filter(\.isLetter))")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs the tool in the test's folder; `stdout` or `stderr` replaces that stream (a device),
    /// whose text the outcome then leaves empty.
    @discardableResult
    func tokenomics(_ arguments: [String], stdout device: FileHandle? = nil, stderr errorDevice: FileHandle? = nil) throws -> Outcome {
        try run(Self.executable.path, arguments, stdout: device, stderr: errorDevice)
    }

    /// Runs `program` in the test's folder, as `tokenomics(_:)` runs the tool.
    func run(_ program: String, _ arguments: [String], stdout device: FileHandle? = nil,
             stderr errorDevice: FileHandle? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = device ?? out
        process.standardError = errorDevice ?? err
        try process.run()
        let stdout = device == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let stderr = errorDevice == nil ? err.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    func write(_ text: String, to name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) }

    static let sweep = """
    title = "Tiny"
    gpus = ["b200", "h200"]
    models = ["llama-3.3-70b"]
    precisions = ["fp8"]
    frameworks = ["trtllm"]
    scenarios = [[1024, 256]]
    tp = [1, 2, 3]
    concurrency = [4, 16]
    """

    static let figure = """
    sweep = "tiny"
    x = "median_intvty"
    y = "tput_per_gpu"
    panels = "scenario"
    title = "Tiny sweep"
    formats = ["pdf", "png", "svg"]
    width_pt = 480
    height_pt = 300
    """

    /// `validate` gates: a median above the gate exits 1 naming it; within it, 0.
    func testValidateGatesFailOnARegression() throws {
        let header =
            "model,hw,precision,framework,spec_decoding,disagg,isl,osl,conc,tp,ep,dp_attention,num_prefill_gpu,num_decode_gpu,"
                + "prefill_tp,prefill_ep,decode_tp,decode_ep,tput_per_gpu,output_tput_per_gpu,input_tput_per_gpu,median_ttft_s,"
                + "median_tpot_s,median_intvty"
        // A TP 8 gpt-oss point at concurrency 4 (measured 434 tok/s/GPU at 2.2 ms per token), and a public row.
        try write(
            header + "\ngpt-oss-120b,b200,mxfp4,trtllm,none,false,1024,1024,4,8,1,false,,,,,,,434,217,217,0.040,0.0022,455\n",
            to: "curves.csv")
        try write(
            "model,hw,precision,framework,disagg,isl,osl,conc,tp,tput_per_gpu,median_tpot_ms,source\nllama-3.3-70b,h200,fp8,"
                + "trtllm,false,1024,1024,128,,5312,45.8,blog\n",
            to: "public.csv")
        let files = ["--curves", "curves.csv", "--public-points", "public.csv"]
        let strict = try tokenomics(["validate"] + files + ["--max-curve-median", "0.0001"])
        XCTAssertEqual(strict.status, 1, strict.stderr)
        XCTAssertTrue(
            strict.stderr.contains("curves throughput median |error|") && strict.stderr.contains("exceeds the gate 0.0%"), strict.stderr)
        let loose = try tokenomics(["validate"] + files + ["--max-curve-median", "0.5", "--max-point-median", "0.5"])
        XCTAssertEqual(loose.status, 0, loose.stderr)
        XCTAssertTrue(loose.stdout.contains("overall: median |tput error|"))
        XCTAssertFalse(loose.stdout.contains("(d) unseen curves"), "none unless named")

        // Unseen curves are reported, never gated: the same point "measured" 10× faster passes the curve gate.
        try write(
            header + "\ngpt-oss-120b,b200,mxfp4,trtllm,none,false,1024,1024,4,8,1,false,,,,,,,4340,2170,2170,0.040,0.0022,455\n",
            to: "unseen.csv")
        let unseen = try tokenomics(["validate"] + files + ["--unseen-curves", "unseen.csv", "--max-curve-median", "0.5",
                                                            "--json", "v.json"])
        XCTAssertEqual(unseen.status, 0, unseen.stderr)
        XCTAssertTrue(unseen.stdout.contains("(d) unseen curves, never calibrated on — unseen.csv"), unseen.stdout)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: try read("v.json")) as? [String: Any])
        let sets = try XCTUnwrap(report["unseen"] as? [[String: Any]])
        XCTAssertEqual(sets.map { $0["file"] as? String }, ["unseen.csv"])
        let overall = try XCTUnwrap(sets.first?["overall"] as? [String: Any])
        XCTAssertEqual(overall["count"] as? Int, 1)
        let error = try XCTUnwrap(overall["median_tput_error"] as? Double)
        XCTAssertEqual(error, 0.9, accuracy: 0.05, "a tenth of the measured 4,340 tok/s/GPU")
    }

    static let curveHeader =
        "model,hw,precision,framework,spec_decoding,disagg,isl,osl,conc,tp,ep,dp_attention,tput_per_gpu,median_ttft_s,median_tpot_s"

    /// Four small Llama 3.3 70B FP8 points on H200 with vLLM, "measured" 20% faster than the
    /// documented constants emulate them (rows a calibration can fit quickly).
    func writeSmallCurves(to name: String = "curves.csv") throws {
        var lines = [Self.curveHeader]
        for (tp, conc) in [(1, 4), (1, 16), (2, 8), (2, 32)] {
            let outcome = try tokenomics(["emulate", "--gpu", "h200", "--model", "llama-3.3-70b", "--precision", "fp8", "--framework",
                                          "vllm", "--isl", "512", "--osl", "64", "--conc", "\(conc)", "--tp", "\(tp)", "--json"])
            let result = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
            let tput = try XCTUnwrap(result["tput_per_gpu"] as? Double), ttft = try XCTUnwrap(result["median_ttft"] as? Double)
            let tpot = try XCTUnwrap(result["median_tpot"] as? Double)
            lines.append("llama-3.3-70b,h200,fp8,vllm,none,false,512,64,\(conc),\(tp),1,false,\(tput * 1.2),\(ttft),\(tpot / 1.2)")
        }
        try write(lines.joined(separator: "\n") + "\n", to: name)
    }

    /// `calibrate` writes a profile that `emulate`, `measure` and `validate` use; too few values
    /// for the constants asked exit 2 and write nothing.
    func testCalibrateWritesAProfileThatEveryStageUses() throws {
        try writeSmallCurves()
        let calibrate = try tokenomics(["calibrate", "curves.csv", "--constants", "memory_efficiency", "gemm_efficiency", "-o", "p.toml"])
        XCTAssertEqual(calibrate.status, 0, calibrate.stderr)
        XCTAssertTrue(calibrate.stdout.contains("vllm × hopper: 4 points in 1 groups"), calibrate.stdout)
        let profile = String(decoding: try read("p.toml"), as: UTF8.self)
        XCTAssertTrue(profile.contains("framework = 'vllm'") && profile.contains("path = 'curves.csv'"), profile)
        let emulate = ["emulate", "--gpu", "h200", "--model", "llama-3.3-70b", "--precision", "fp8", "--framework", "vllm", "--isl", "512",
                       "--osl", "64", "--conc", "16", "--json"]
        func tput(_ outcome: Outcome) throws -> Double {
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            return try XCTUnwrap(json?["tput_per_gpu"] as? Double)
        }
        let documented = try tput(try tokenomics(emulate)), calibrated = try tput(try tokenomics(emulate + ["--profile", "p.toml"]))
        XCTAssertGreaterThan(calibrated, documented * 1.03, "the fit follows points measured faster than documented")

        try write(Self.sweep.replacingOccurrences(of: "title = \"Tiny\"", with: "title = \"Tiny\"\nprofile = \"p.toml\""), to: "tiny.toml")
        XCTAssertEqual(try tokenomics(["measure", "tiny.toml", "-o", "m.json"]).status, 0)
        let provenance = try JSONSerialization.jsonObject(with: try read("m.json")) as? [String: Any]
        XCTAssertEqual((provenance?["provenance"] as? [String: String])?["profile"], "p.toml")

        try write("model,hw,precision,framework,disagg,isl,osl,conc,tp,tput_per_gpu,median_tpot_ms,source\n", to: "public.csv")
        let valid = try tokenomics(["validate", "--curves", "curves.csv", "--public-points", "public.csv", "--profile", "p.toml",
                                    "--max-held-out-median", "0.1"])
        XCTAssertEqual(valid.status, 1, "the only group, held out, is predicted by the documented constants: 1/1.2 − 1")
        XCTAssertTrue(valid.stdout.contains("(c) each group predicted by a calibration that left it out — p.toml"), valid.stdout)
        XCTAssertTrue(valid.stderr.contains("held-out groups throughput median |error| 16.7% exceeds the gate 10.0%"), valid.stderr)
        let noHeldOut = try tokenomics(["calibrate", "curves.csv", "--constants", "memory_efficiency", "--no-held-out", "-o", "n.toml"])
        XCTAssertEqual(noHeldOut.status, 0, noHeldOut.stderr)
        let none = try tokenomics(["validate", "--curves", "curves.csv", "--public-points", "public.csv", "--profile", "n.toml",
                                   "--max-held-out-median", "0.5"])
        XCTAssertTrue(none.stderr.contains("--max-held-out-median needs a --profile with held-out groups"), none.stderr)

        let tooMany = try tokenomics(["calibrate", "curves.csv", "-o", "q.toml", "--constants"] + Self.fittable)
        XCTAssertEqual(tooMany.status, 2, tooMany.stderr)
        XCTAssertTrue(tooMany.stderr.contains("12 measured values, for 7 constants, which need at least 14"), tooMany.stderr)
        XCTAssertFalse(exists("q.toml"))
    }

    /// An InferenceMAX agg_bmk.json, and the measurement file `import` makes of it, are inputs too.
    func testCalibrateReadsAggregatedResultsAndImportedMeasurements() throws {
        func record(conc: Int) throws -> String {
            let outcome = try tokenomics(["emulate", "--gpu", "h200", "--model", "gpt-oss-120b", "--precision", "mxfp4", "--framework",
                                          "vllm", "--isl", "512", "--osl", "64", "--conc", "\(conc)", "--tp", "2", "--json"])
            let result = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
            // Measured 10% faster than the documented constants emulate it.
            let tput = try XCTUnwrap(result["tput_per_gpu"] as? Double) * 1.1, tpot = try XCTUnwrap(result["median_tpot"] as? Double) / 1.1
            return """
            {"hw": "h200", "conc": \(conc), "model": "openai/gpt-oss-120b", "framework": "vllm", "precision": "fp4",
             "spec_decoding": "none", "disagg": false, "isl": 512, "osl": 64, "tp": 2, "ep": 1, "dp_attention": "false",
             "tput_per_gpu": \(tput), "output_tput_per_gpu": \(tput / 9), "input_tput_per_gpu": \(tput * 8 / 9),
             "mean_ttft": 0.05, "median_ttft": 0.05, "p99_ttft": 0.1, "mean_tpot": \(tpot), "median_tpot": \(tpot),
             "p99_tpot": \(tpot), "mean_itl": \(tpot), "median_itl": \(tpot), "p99_itl": \(tpot), "mean_e2el": 1,
             "median_e2el": 1, "p99_e2el": 1, "median_intvty": \(1 / tpot)}
            """
        }
        try write("[" + (try record(conc: 4)) + "," + (try record(conc: 8)) + "]", to: "agg.json")
        XCTAssertEqual(try tokenomics(["import", "inferencemax", "agg.json", "-o", "m.json"]).status, 0)
        for input in ["agg.json", "m.json"] {
            let outcome = try tokenomics(["calibrate", input, "--constants", "memory_efficiency", "--no-held-out", "-o", "p.toml"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertTrue(outcome.stdout.contains("vllm × hopper: 2 points in 1 groups"), outcome.stdout)
            XCTAssertTrue(String(decoding: try read("p.toml"), as: UTF8.self).contains("path = '\(input)'"))
        }
        try write("a,b\n1,2\n", to: "other.csv")
        let other = try tokenomics(["calibrate", "other.csv", "-o", "p2.toml"])
        XCTAssertEqual(other.status, 2)
        XCTAssertTrue(other.stderr.contains("other.csv: a CSV of neither measured curves nor published points"), other.stderr)
        XCTAssertFalse(exists("p2.toml"))
    }

    static let fittable = ["memory_efficiency", "gemm_efficiency", "step_overhead_us", "attention_efficiency", "kernel_latency_us",
                           "request_latency_ms", "dequant_ops_per_weight"]

    func testABadProfileExitsTwoNamingIt() throws {
        try write("schema = 1\ntool = 'x'\ninputs = []\n[settings]\nobservation_error = 0.1\nttft_error = 0.25\n"
                  + "group_correlation = 0.2\n[[cells]]\nframework = 'tgi'\nfamily = 'hopper'\npoints = 1\ngroups = []\n"
                  + "iterations = 1\nconstants = {}\nprior = {}\nuncertainty = {}\nresiduals = []\nheld_out = []\n", to: "bad.toml")
        let outcome = try tokenomics(["emulate", "--gpu", "h200", "--model", "llama-3.3-70b", "--precision", "fp8", "--framework", "vllm",
                                      "--isl", "512", "--osl", "64", "--conc", "4", "--profile", "bad.toml"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("bad.toml: key 'cells[0].framework': unknown engine 'tgi'"), outcome.stderr)
        let missing = try tokenomics(["calibrate", "nowhere.csv", "-o", "p.toml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nowhere.csv: cannot read the file"), missing.stderr)
    }

    func testHelpListsTheSubcommands() throws {
        let help = try tokenomics(["--help"])
        XCTAssertEqual(help.status, 0)
        for command in [
            "emulate", "measure", "import", "analyze", "plot", "report", "claims", "compare", "numerics", "deps", "catalog", "calibrate",
            "validate",
        ] {
            XCTAssertTrue(help.stdout.contains(command), "--help does not mention \(command)")
        }
        XCTAssertEqual(try tokenomics(["measure", "--help"]).status, 0)
    }

    func testEmulatePrintsOneJSONResultWithTheInferenceMAXFields() throws {
        let run = try tokenomics(["emulate", "--gpu", "b200", "--model", "llama-3.3-70b", "--precision", "fp4", "--framework", "trtllm",
                                  "--isl", "1024", "--osl", "256", "--tp", "1", "--conc", "8", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for field in [
            "hw", "tput_per_gpu", "output_tput_per_gpu", "median_ttft", "p99_tpot", "median_itl", "median_e2el", "median_intvty",
            "dp_attention",
        ] {
            XCTAssertNotNil(object[field], "missing \(field)")
        }
        XCTAssertEqual(object["hw"] as? String, "b200")
        XCTAssertGreaterThan(object["tput_per_gpu"] as? Double ?? 0, 100)
        XCTAssertNil(object["kv_cache"], "no format chosen")
        XCTAssertEqual((object["emulator"] as? [String: Any])?["kv_cache_format"] as? String, "fp8", "TensorRT-LLM's recipe")
    }

    /// `--kv-cache` changes the format, and the capacity with it: BF16 holds half the tokens of FP8.
    func testEmulateTakesAKVCacheFormat() throws {
        func run(_ extra: [String]) throws -> [String: Any] {
            let run = try tokenomics(["emulate", "--gpu", "h200", "--model", "llama-3.3-70b", "--precision", "fp8", "--framework", "vllm",
                                      "--isl", "1024", "--osl", "256", "--tp", "2", "--conc", "8", "--json"] + extra)
            XCTAssertEqual(run.status, 0, run.stderr)
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
        let fp8 = try run([]), bf16 = try run(["--kv-cache", "bf16"])
        XCTAssertEqual(bf16["kv_cache"] as? String, "bf16")
        let capacity = { (o: [String: Any]) in (o["emulator"] as? [String: Any])?["kv_capacity_tokens"] as? Int ?? 0 }
        XCTAssertEqual(Double(capacity(fp8)) / Double(capacity(bf16)), 2, accuracy: 1e-4)
    }

    /// `--no-prefill-drafts`: a disaggregated MTP deployment whose prefill does not draft yields
    /// fewer tokens a step, so each sequence decodes slower, and says so in its configuration.
    func testEmulateTakesAPrefillThatDoesNotDraft() throws {
        func run(_ extra: [String]) throws -> [String: Any] {
            let run = try tokenomics(["emulate", "--gpu", "b200", "--model", "deepseek-r1", "--precision", "fp8", "--framework", "sglang",
                                      "--isl", "1024", "--osl", "256", "--tp", "8", "--conc", "8", "--spec-decoding", "mtp",
                                      "--mtp-draft-tokens", "2", "--prefill-instances", "1", "--prefill-tp", "8", "--json"] + extra)
            XCTAssertEqual(run.status, 0, run.stderr)
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
        let drafting = try run([]), decodeOnly = try run(["--no-prefill-drafts"])
        XCTAssertNil(drafting["prefill_drafts"])
        XCTAssertEqual(decodeOnly["prefill_drafts"] as? Bool, false)
        let interactivity = { (o: [String: Any]) in o["median_intvty"] as? Double ?? 0 }
        // 2.30 tokens a step against 1 + 1.30 × 0.864 = 2.12, on steps that cost the same.
        XCTAssertEqual(interactivity(decodeOnly) / interactivity(drafting), 2.1232 / 2.30, accuracy: 0.03)
    }

    /// A layout no engine can load (FP8 DeepSeek-R1 on 4 × MI300X under SGLang's 0.8 fraction) exits 2
    /// saying what does not fit and by how many GB.
    func testEmulateRejectsALayoutThatDoesNotFitWithTheShortfall() throws {
        let run = try tokenomics(["emulate", "--gpu", "mi300x", "--model", "deepseek-r1", "--precision", "fp8", "--framework", "sglang",
                                  "--tp", "4", "--ep", "4", "--isl", "1024", "--osl", "1024", "--conc", "64"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("deepseek-r1 fp8 does not fit on 4 × mi300x (TP 4): needs 168.2 GB per GPU of weights"),
                      run.stderr)
        XCTAssertTrue(run.stderr.contains("(192 GiB; mem-fraction-static 0.80): 5.4 GB short"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }

    func testEmulateRejectsBadInputWithExitStatusTwo() throws {
        let base = ["emulate", "--gpu", "b200", "--model", "llama-3.3-70b", "--precision", "fp8", "--framework", "trtllm",
                    "--isl", "1024", "--osl", "1024", "--conc", "4"]
        func replacing(_ flag: String, _ value: String) -> [String] {
            var args = base
            if let i = args.firstIndex(of: flag) { args[i + 1] = value } else { args += [flag, value] }
            return args
        }
        let cases: [([String], String)] = [
            (replacing("--gpu", "h900"), "unknown GPU 'h900'; allowed: b200, b300"),
            (replacing("--model", "gpt-9"), "unknown model 'gpt-9'; allowed: deepseek-r1, deepseek-v3.2, glm-5, gpt-oss-120b, kimi-k2"),
            (replacing("--precision", "int3"), "unknown precision 'int3'; allowed: bf16, fp4, fp8, mxfp4, nvfp4"),
            (replacing("--framework", "tgi"), "unknown framework 'tgi'; allowed: atom, sglang, trtllm, vllm"),
            (base.filter { $0 != "--conc" && $0 != "4" } + ["--conc=-4"], "key 'conc': must be a positive integer"),
            (replacing("--isl", "0"), "key 'isl': must be a positive integer"),
            (replacing("--conc", "many"), "many"),
            (replacing("--tp", "3"), "does not divide the 64 attention heads"),
            (replacing("--kv-cache", "fp6"), "unknown KV-cache format 'fp6'; allowed: bf16, fp8, mxfp4, nvfp4"),
            (replacing("--gpu", "h100") + ["--precision", "bf16"], "needs 141.1 GB per GPU of weights + 4.0 GB workspace"),
            (base + ["--no-prefill-drafts"], "key 'prefill_drafts': needs disaggregated serving with spec_decoding = mtp"),
        ]
        for (args, message) in cases {
            let run = try tokenomics(args)
            XCTAssertEqual(run.status, 2, "\(args): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(message), "\(args): \(run.stderr)")
            XCTAssertTrue(run.stdout.isEmpty)
        }
    }

    func testBadSweepsExitTwoNameTheProblemAndWriteNothing() throws {
        try write("previous", to: "out/kept.json")
        let cases: [(String, String)] = [
            (Self.sweep + "\nfoo = 1\n", "bad.toml: key 'foo': unknown key; allowed: concurrency"),
            (
                Self.sweep.replacingOccurrences(of: "\"h200\"", with: "\"h900\""),
                "bad.toml: key 'gpus': unknown value 'h900'; allowed: b200, b300, gb200"
            ),
            (
                Self.sweep.replacingOccurrences(of: "[4, 16]", with: "[4, -16]"),
                "bad.toml: key 'concurrency': must be a positive integer, got '-16'; allowed: integers ≥ 1"
            ),
            (Self.sweep.replacingOccurrences(of: "tp = [1, 2, 3]", with: "tp = [1, 2"), "bad.toml:"),
        ]
        for (text, message) in cases {
            try write(text, to: "bad.toml")
            for target in ["out/new.json", "out/kept.json"] {
                let run = try tokenomics(["measure", "bad.toml", "-o", target])
                XCTAssertEqual(run.status, 2, run.stderr)
                XCTAssertTrue(run.stderr.contains(message), run.stderr)
            }
            XCTAssertFalse(exists("out/new.json"), "a failed measure wrote its output")
            XCTAssertEqual(String(decoding: try read("out/kept.json"), as: UTF8.self), "previous", "an earlier output was touched")
        }
        XCTAssertEqual(try tokenomics(["measure", "missing.toml", "-o", "x.json"]).status, 2)
    }

    /// measure → analyze → plot → deps → report, twice in separate processes: same bytes.
    func testThePipelineRunsEndToEndAndIsByteIdenticalAcrossProcesses() throws {
        try write(Self.sweep, to: "sweeps/tiny.toml")
        try write(Self.figure, to: "figures/tiny.toml")
        try write(
            "{{% CONTENT_TYPE: TEXT}}\n{{#figures}}![{{title}}]({{png}})\n{{/figures}}{{#analyses}}{{name}}: {{points}} "
                + "points{{/analyses}}\n",
            to: "report.mustache")
        var digests: [[Data]] = []
        for round in 0..<2 {
            XCTAssertEqual(
                try tokenomics(["measure", "sweeps/tiny.toml", "-o", "build/measure/tiny.json", "--jobs", "\(round + 1)"]).status, 0)
            XCTAssertEqual(try tokenomics(["analyze", "build/measure/tiny.json", "-o", "build/analysis/tiny.json"]).status, 0)
            let plot = try tokenomics([
                "plot", "figures/tiny.toml", "-o", "figures/tiny.pdf", "-o", "figures/tiny.png", "-o", "figures/tiny.svg",
            ])
            XCTAssertEqual(plot.status, 0, plot.stderr)
            // An analysis the command line does not name (a deleted sweep's) feeds nothing.
            try write(String(decoding: try read("build/analysis/tiny.json"), as: UTF8.self), to: "build/analysis/stale.json")
            let report = try tokenomics(["report", "report.mustache", "build/analysis/tiny.json", "-o", "build/report/report.md"])
            XCTAssertEqual(report.status, 0, report.stderr)
            XCTAssertFalse(String(decoding: try read("build/report/report.md"), as: UTF8.self).contains("stale"))
            digests.append(try ["build/measure/tiny.json", "build/analysis/tiny.json", "figures/tiny.pdf", "figures/tiny.png",
                                "figures/tiny.svg", "build/report/report.md"].map(read))
        }
        XCTAssertEqual(digests[0], digests[1])
        let measurement = try XCTUnwrap(JSONSerialization.jsonObject(with: try read("build/measure/tiny.json")) as? [String: Any])
        XCTAssertEqual((measurement["results"] as? [Any])?.count, 8)
        let skipped = try XCTUnwrap(measurement["skipped"] as? [[String: Any]])
        XCTAssertEqual(skipped.count, 4, "TP 3 does not divide the heads, on both GPUs at both concurrencies")
        XCTAssertTrue((skipped.first?["reason"] as? String ?? "").contains("does not divide the 64 attention heads"))
        let report = String(decoding: try read("build/report/report.md"), as: UTF8.self)
        XCTAssertTrue(report.contains("![Tiny sweep](../../figures/tiny.png)"), report)
        XCTAssertTrue(report.contains("tiny: 8 points"), report)
        let deps = try tokenomics(["deps", "figures/tiny.toml"])
        XCTAssertEqual(deps.status, 0)
        XCTAssertTrue(
            deps.stdout.contains(
                "figures/tiny.pdf figures/tiny.png figures/tiny.svg figures/tiny.csv &: figures/tiny.toml build/analysis/tiny.json "
                    + "$(PLOT_CODE) | $(BIN)\n"),
            deps.stdout)
        XCTAssertTrue(
            deps.stdout.contains("\t$(TOKENOMICS) plot figures/tiny.toml --analysis-dir build/analysis -o figures/tiny.pdf"), deps.stdout)
    }

    func testPlotRejectsUnknownSweepsMetricsAndEmptySelections() throws {
        try write(Self.figure, to: "figures/tiny.toml")
        let missing = try tokenomics(["plot", "figures/tiny.toml", "-o", "f.pdf"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("key 'sweep': no analysis for sweep 'tiny'"), missing.stderr)
        try write(Self.figure.replacingOccurrences(of: "tput_per_gpu", with: "speed"), to: "figures/bad.toml")
        let metric = try tokenomics(["plot", "figures/bad.toml", "-o", "f.pdf"])
        XCTAssertEqual(metric.status, 2)
        XCTAssertTrue(metric.stderr.contains("key 'y': unknown metric 'speed'; allowed: conc, input_tput_per_gpu"), metric.stderr)
        try write(Self.figure.replacingOccurrences(of: "x = ", with: "kind = \"pie\"\nx = "), to: "figures/pie.toml")
        XCTAssertTrue(
            try tokenomics(["plot", "figures/pie.toml", "-o", "f.pdf"]).stderr.contains(
                "unknown chart kind 'pie'; allowed: bars, latency, pareto"))
        // A figure naming no sweep was a crash (Plot.swift force-unwrapped the merged analysis).
        try write(Self.figure.replacingOccurrences(of: "sweep = \"tiny\"", with: "sweep = []"), to: "figures/none.toml")
        let none = try tokenomics(["plot", "figures/none.toml", "-o", "f.pdf"])
        XCTAssertEqual(none.status, 2, none.stderr)
        XCTAssertTrue(none.stderr.contains("figures/none.toml: key 'sweep': names no sweep '[]'"), none.stderr)
        XCTAssertFalse(exists("f.pdf"))
    }

    /// Real results in, an analysis with CSV tables, and the claims audit over it.
    func testImportAnalyzeAndAuditClaims() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../data/inferencemax/agg_bmk-sample.json").standardizedFileURL.path
        let imported = try tokenomics(["import", "inferencemax", fixture, "-o", "build/measure/real.json"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        try write("[pricing]\ntier = \"neocloud\"\n", to: "mine.toml")
        let analyzed = try tokenomics([
            "analyze", "build/measure/real.json", "-o", "build/analysis/real.json", "--assumptions", "mine.toml", "--csv", "tables",
        ])
        XCTAssertEqual(analyzed.status, 0, analyzed.stderr)
        let points = String(decoding: try read("tables/points.csv"), as: UTF8.self)
        XCTAssertTrue(points.hasPrefix("series,hw,model"))
        XCTAssertEqual(points.split(separator: "\n").count, 121)
        XCTAssertTrue(points.contains(",neocloud,"))
        let claims = try tokenomics(["claims", "build/analysis/real.json", "--format", "json", "--markdown", "claims.md"])
        XCTAssertEqual(claims.status, 0, claims.stderr)
        let verdicts = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(claims.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(verdicts.count, 6)
        XCTAssertTrue(String(decoding: try read("claims.md"), as: UTF8.self).hasPrefix("| # | Claim |"))
        try write("[pricing]\ntier = \"free\"\n", to: "bad.toml")
        let bad = try tokenomics(["analyze", "build/measure/real.json", "-o", "build/analysis/other.json", "--assumptions", "bad.toml"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("bad.toml: key 'pricing.tier': unknown price tier 'free'"), bad.stderr)
        XCTAssertFalse(exists("build/analysis/other.json"))
        try write("[{\"hw\": 7}]", to: "broken.json")
        let broken = try tokenomics(["import", "inferencemax", "broken.json", "-o", "x.json"])
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.contains("record 0"), broken.stderr)
    }

    /// The audit reads the analyses it is given and no other: the analysis of a deleted sweep left
    /// in build/analysis/ no longer feeds it. --json and --markdown write files; --format prints.
    func testClaimsAuditOnlyTheNamedAnalyses() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../data/inferencemax/agg_bmk-sample.json").standardizedFileURL.path
        XCTAssertEqual(try tokenomics(["import", "inferencemax", fixture, "-o", "build/measure/stale.json"]).status, 0)
        XCTAssertEqual(try tokenomics(["analyze", "build/measure/stale.json", "-o", "build/analysis/stale.json"]).status, 0)
        try write(Self.sweep, to: "sweeps/tiny.toml")
        XCTAssertEqual(try tokenomics(["measure", "sweeps/tiny.toml", "-o", "build/measure/tiny.json"]).status, 0)
        XCTAssertEqual(try tokenomics(["analyze", "build/measure/tiny.json", "-o", "build/analysis/tiny.json"]).status, 0)
        func gptOss(_ arguments: [String]) throws -> String {
            let run = try tokenomics(["claims"] + arguments + ["--json", "claims.json"])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.stdout, "", "files written, no --format: nothing on standard output")
            let verdicts = try XCTUnwrap(JSONSerialization.jsonObject(with: try read("claims.json")) as? [[String: Any]])
            XCTAssertEqual(verdicts.count, 6)
            return try XCTUnwrap(verdicts.first { $0["id"] as? Int == 2 }?["outcome"] as? String)
        }
        // The stale gpt-oss analysis sits beside the tiny one; only naming it brings its data in.
        XCTAssertEqual(try gptOss(["build/analysis/tiny.json"]), "cannot be assessed")
        XCTAssertEqual(try gptOss(["build/analysis/tiny.json", "build/analysis/stale.json"]), "does not hold")
        let text = try tokenomics(["claims", "build/analysis/tiny.json", "--markdown", "claims.md", "--format", "text"])
        XCTAssertTrue(text.stdout.hasPrefix("1. GB200 NVL72: a $5M deployment earns $75M"), text.stdout)
        XCTAssertTrue(String(decoding: try read("claims.md"), as: UTF8.self).hasPrefix("| # | Claim |"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("build/analysis/stale.json"))
        let deleted = try tokenomics(["claims", "build/analysis/tiny.json", "build/analysis/stale.json", "--json", "new.json"])
        XCTAssertEqual(deleted.status, 2)
        XCTAssertTrue(deleted.stderr.contains("build/analysis/stale.json: cannot read the file"), deleted.stderr)
        XCTAssertFalse(exists("new.json"))
        XCTAssertEqual(try tokenomics(["claims"]).status, 2, "no analysis named")
    }

    /// A bad claims file exits 2 naming the file, the key and what is allowed, and writes nothing.
    func testBadClaimsFilesExitTwo() throws {
        try write(Self.sweep, to: "sweeps/tiny.toml")
        XCTAssertEqual(try tokenomics(["measure", "sweeps/tiny.toml", "-o", "m.json"]).status, 0)
        XCTAssertEqual(try tokenomics(["analyze", "m.json", "-o", "a.json"]).status, 0)
        let claim = "[[claim]]\nid = 1\nkind = \"best\"\ntext = \"t\"\nsource = \"s\"\npublished = \"p\"\n"
            + "[[claim.part]]\nname = \"speed\"\nmetric = \"tput_per_gpu\"\nhw = \"b200\"\nat_least = 1\n"
        try write(claim, to: "mine.toml")
        let good = try tokenomics(["claims", "a.json", "--claims", "mine.toml", "--format", "json"])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertTrue(good.stdout.contains("\"outcome\" : \"holds\""), good.stdout)
        for (bad, message) in [("\"tput_per_gpu\"", "mine.toml: key 'claim[0].part[0].metric': unknown metric 'speed'; allowed: conc, "),
                               ("\"b200\"", "mine.toml: key 'claim[0].part[0].hw': unknown GPU 'b900'; allowed: b200, b300, "),
                               ("\"best\"", "mine.toml: key 'claim[0].kind': unknown claim kind 'most'; allowed: best, ratio, roi")] {
            let replacement = ["\"tput_per_gpu\"": "\"speed\"", "\"b200\"": "\"b900\"", "\"best\"": "\"most\""][bad] ?? bad
            try write(claim.replacingOccurrences(of: bad, with: replacement), to: "mine.toml")
            let run = try tokenomics(["claims", "a.json", "--claims", "mine.toml", "--json", "out.json", "--markdown", "out.md"])
            XCTAssertEqual(run.status, 2)
            XCTAssertTrue(run.stderr.contains(message), run.stderr)
            XCTAssertFalse(exists("out.json") || exists("out.md"))
        }
        XCTAssertTrue(try tokenomics(["claims", "a.json", "--claims", "none.toml"]).stderr.contains("none.toml: cannot read the file"))
    }

    func testCompareWritesAReviewTableAndChart() throws {
        try write(Self.sweep, to: "sweeps/tiny.toml")
        XCTAssertEqual(try tokenomics(["measure", "sweeps/tiny.toml", "-o", "m.json"]).status, 0)
        XCTAssertEqual(try tokenomics(["analyze", "m.json", "-o", "base.json"]).status, 0)
        try write("[pricing]\ntier = \"neocloud\"\n", to: "neo.toml")
        XCTAssertEqual(try tokenomics(["analyze", "m.json", "-o", "neo.json", "--assumptions", "neo.toml"]).status, 0)
        let run = try tokenomics([
            "compare", "base.json", "neo.json", "--metric", "usd_per_mtok", "--levels", "40", "-o", "review.png", "--markdown", "review.md",
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let review = String(decoding: try read("review.md"), as: UTF8.self)
        XCTAssertTrue(review.contains("| h200 · trtllm · fp8 | 40 |"), review)
        XCTAssertTrue(review.contains("+23.4% |"), "H200 neocloud $1.74 against hyperscaler $1.41: \(review)")
        XCTAssertEqual(Array(try read("review.png").prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertTrue(review.hasPrefix("**2 of 2 frontier values of usd_per_mtok worsen**"), review)
        // The review gate: a cost 23% higher fails at 5%, passes at 30%, and a file against itself passes.
        let gate = try tokenomics(["compare", "base.json", "neo.json", "--metric", "usd_per_mtok", "--levels", "40", "--fail-above", "5"])
        XCTAssertEqual(gate.status, 3, gate.stderr)
        XCTAssertTrue(gate.stderr.contains("compare: 2 of 2 frontier values of usd_per_mtok worsen by more than 5.0%"), gate.stderr)
        XCTAssertEqual(try tokenomics(["compare", "base.json", "neo.json", "--metric", "usd_per_mtok", "--levels", "40",
                                       "--fail-above", "30"]).status, 0)
        XCTAssertEqual(try tokenomics(["compare", "base.json", "base.json", "--fail-above", "0"]).status, 0)
        let bad = try tokenomics(["compare", "base.json", "neo.json", "--metric", "speed"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("unknown metric 'speed'"), bad.stderr)
    }

    func testNumericsCastsValuesAndDrawsTheErrorChart() throws {
        let run = try tokenomics(["numerics", "--values", "464,465,61440,100"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(lines[1], ["464.0", "448.0", "448.0", "6.0"])
        XCTAssertEqual(lines[2], ["465.0", "nan", "448.0", "6.0"])
        XCTAssertEqual(lines[3], ["61440.0", "nan", "inf", "6.0"])
        // Wide values keep their columns apart; E2M1 has no NaN (ml_dtypes gives -0.0).
        let wide = try tokenomics(["numerics", "--values", "0.000123456789,nan"]).stdout.split(separator: "\n")
        XCTAssertEqual(wide.map(String.init), ["value          e4m3  e5m2           e2m1", "0.00012345679  0.0   0.00012207031  0.0",
                                               "nan            nan   nan            -0.0"])
        let chart = try tokenomics(["numerics", "-o", "n.pdf", "--markdown", "n.md"])
        XCTAssertEqual(chart.status, 0, chart.stderr)
        XCTAssertTrue(String(decoding: try read("n.md"), as: UTF8.self).contains("| nvfp4 | typical |"))
        XCTAssertTrue(exists("n.pdf"))
        XCTAssertEqual(try tokenomics(["numerics", "--values", "1,two"]).status, 2)
    }

    func testCatalogListsSpecsWithSources() throws {
        let run = try tokenomics(["catalog", "gpus"])
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.contains("h200"))
        XCTAssertTrue(run.stdout.contains("NVIDIA H200 datasheet"))
    }

    /// A user's Hugging Face config: described by `catalog models --model-config` (text and
    /// JSON), emulated under its own id, and refused (exit 2, the key named) with a key that may
    /// change the cost.
    func testAModelConfigIsDescribedEmulatedOrRefused() throws {
        let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Catalog/Resources/models")
        let qwen = try String(contentsOf: models.appendingPathComponent("qwen3-30b-a3b/config.json"), encoding: .utf8)
        try write(qwen, to: "Qwen--Qwen3-30B-A3B/config.json")
        let json = try tokenomics(["catalog", "models", "--model-config", "Qwen--Qwen3-30B-A3B/config.json", "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let summary = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first)
        XCTAssertEqual(summary["id"] as? String, "qwen3-30b-a3b", "the folder's name after 'Qwen--', lower-cased")
        XCTAssertEqual(try XCTUnwrap(summary["total_parameters"] as? Double) / 1e9, 30.53, accuracy: 0.01)
        XCTAssertEqual(try XCTUnwrap(summary["active_parameters"] as? Double) / 1e9, 3.35, accuracy: 0.01)
        XCTAssertEqual(summary["layers"] as? [String: Int], ["full": 48, "moe": 48])
        XCTAssertEqual((summary["experts"] as? [String: Int])?["routed"], 128)
        XCTAssertEqual(summary["kv_bytes_per_token_per_layer"] as? [String: Double], ["full": 2048], "4 KV heads of 128, K and V, BF16")
        let text = try tokenomics(["catalog", "models", "--model-config", "Qwen--Qwen3-30B-A3B/config.json"])
        XCTAssertTrue(text.stdout.contains("qwen3-30b-a3b (qwen3_moe): 30.5B total, 3.4B active; 128 experts (top 8"), text.stdout)
        let emulate = try tokenomics(["emulate", "--gpu", "b200", "--model-config", "Qwen--Qwen3-30B-A3B/config.json",
                                      "--precision", "fp8", "--framework", "sglang", "--isl", "1024", "--osl", "1024", "--tp", "8",
                                      "--ep", "8", "--conc", "8", "--json"])
        XCTAssertEqual(emulate.status, 0, emulate.stderr)
        XCTAssertTrue(emulate.stdout.contains("\"model\" : \"qwen3-30b-a3b\""), emulate.stdout)
        try write(qwen.replacingOccurrences(of: "\"num_experts\": 128,", with: "\"num_experts\": 128, \"hash_layers\": 3,"),
                  to: "odd/config.json")
        let refused = try tokenomics(["catalog", "models", "--model-config", "odd/config.json"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.hasPrefix("tokenomics: error: odd/config.json: key 'hash_layers': a qwen3_moe config with a key"),
                      refused.stderr)
    }
}

extension CLITests {
    /// The HTML report is one file with every figure inline as SVG (ids kept apart per figure)
    /// and no external reference; headless Chromium draws it, not blank, with every figure.
    func testTheHTMLReportIsSelfContainedAndDrawsInABrowser() throws {
        try write(Self.sweep, to: "sweeps/tiny.toml")
        try write(Self.figure, to: "figures/tiny.toml")
        try write(Self.figure.replacingOccurrences(of: "tput_per_gpu", with: "usd_per_mtok") + "\ny_scale = \"log\"\n",
                  to: "figures/cost.toml")
        XCTAssertEqual(try tokenomics(["measure", "sweeps/tiny.toml", "-o", "build/measure/tiny.json"]).status, 0)
        XCTAssertEqual(try tokenomics(["analyze", "build/measure/tiny.json", "-o", "build/analysis/tiny.json"]).status, 0)
        for name in ["tiny", "cost"] {
            let plot = try tokenomics(["plot", "figures/\(name).toml", "-o", "figures/\(name).svg", "-o", "figures/\(name).png"])
            XCTAssertEqual(plot.status, 0, plot.stderr)
        }
        let template = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates/report.html.mustache").path
        let run = try tokenomics(["report", template, "build/analysis/tiny.json", "-o", "build/report/report.html"])
        XCTAssertEqual(run.status, 0, run.stderr)
        // Provenance: what the analysis came from travels into it, and the report and the figure's PDF say so.
        let analysis = try JSONSerialization.jsonObject(with: try read("build/analysis/tiny.json")) as? [String: Any]
        let provenance = try XCTUnwrap(analysis?["provenance"] as? [String: String])
        for key in ["sweep_digest", "catalog_digest", "assumptions_digest", "digest"] {
            let expected = key == "assumptions_digest" ? "built-in" : "fnv1a64:"
            XCTAssertTrue(provenance[key]?.hasPrefix(expected) == true, "\(key): \(provenance)")
        }
        let html = String(decoding: try read("build/report/report.html"), as: UTF8.self)
        XCTAssertTrue(html.contains("catalog_digest \(provenance["catalog_digest"]!)"), "the report names the catalog it came from")
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 2, "both figures inline")
        XCTAssertTrue(html.contains("id=\"tiny-glyph") && html.contains("id=\"cost-glyph"), "glyph ids kept apart per figure")
        for reference in ["src=\"http", "href=\"http", "<link", "<script", "@import", "url(http", "src=\"figures", "<img"] {
            XCTAssertFalse(html.contains(reference), "external reference \(reference)")
        }
        // `make check` installs Chromium and sets TOKENOMICS_ANALYSIS_DIR: there a missing browser fails
        // the test; a bare `swift test` on a machine without one skips only the browser half.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            if ProcessInfo.processInfo.environment["TOKENOMICS_ANALYSIS_DIR"] != nil {
                return XCTFail("make check installs Chromium, but /usr/bin/chromium is missing")
            }
            throw XCTSkip("Chromium is not installed (`make check` installs it as root)")
        }
        let page = folder.appendingPathComponent("build/report/report.html").absoluteString
        let screenshot = folder.appendingPathComponent("shot.png").path
        _ = try chromium(["--window-size=1000,2400", "--screenshot=\(screenshot)", page])
        let image = try XCTUnwrap(RasterImage(png: try Data(contentsOf: URL(fileURLWithPath: screenshot))), "a PNG screenshot")
        let inked = image.pixels.filter { $0 & 0xFFFFFF != 0xFFFFFF }.count
        XCTAssertGreaterThan(Double(inked) / Double(image.pixels.count), 0.02, "the page is not blank")
        let dom = try chromium(["--dump-dom", page])
        XCTAssertEqual(dom.components(separatedBy: "<svg").count - 1, 2, "the browser finds both figures")
        XCTAssertTrue(dom.contains("<figure id=\"tiny\">") && dom.contains("<figure id=\"cost\">"))
    }

    /// Headless Chromium's standard output.
    func chromium(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

extension CLITests {
    /// A sweep none of whose configurations can run is bad input: exit 2 with the reasons (each
    /// keeping its bad value) and no measurement file.
    func testASweepThatYieldsNoResultExitsTwoAndWritesNothing() throws {
        try write(Self.sweep.replacingOccurrences(of: "concurrency = [4, 16]", with: "concurrency = [1000000000]"), to: "sweeps/huge.toml")
        let run = try tokenomics(["measure", "sweeps/huge.toml", "-o", "huge.json"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("sweeps/huge.toml: no configuration of the sweep can run (6 skipped: above the limit of 16384: "
                                          + "1000000000)"), run.stderr)
        XCTAssertFalse(exists("huge.json"))
    }
}

extension CLITests {
    /// Outputs are checked before any work: never over an input, a folder, a device or through a
    /// symbolic link; "-" is standard output.
    func testOutputsThatWouldDestroySomethingAreRefusedBeforeTheWork() throws {
        try write(Self.sweep, to: "sweeps/tiny.toml")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.json").path,
                                                   withDestinationPath: "target.json")
        let cases = [("sweeps/tiny.toml", "the output would overwrite an input: 'sweeps/tiny.toml'"),
                     ("out", "the output is a folder, which writing would replace: 'out'"),
                     ("link.json", "the output is a symbolic link, which writing would replace: 'link.json'"),
                     ("/dev/null", "the output is a device or special file, which writing would replace: '/dev/null'")]
        for (output, message) in cases {
            let run = try tokenomics(["measure", "sweeps/tiny.toml", "-o", output])
            XCTAssertEqual(run.status, 2, output)
            XCTAssertTrue(run.stderr.contains("key '-o': \(message)"), run.stderr)
            XCTAssertFalse(run.stderr.contains("measure: tiny"), "refused before emulating")
        }
        XCTAssertFalse(exists("target.json"))
        let piped = try tokenomics(["measure", "sweeps/tiny.toml", "-o", "-"])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertTrue(piped.stdout.hasPrefix("{") && piped.stdout.contains("\"results\""))
        XCTAssertFalse(exists("-"))
    }
}

extension CLITests {
    /// A full device: a result that cannot be written to standard output exits 1 naming it; a
    /// message that cannot reach standard error is dropped, and the command still succeeds.
    /// A sweep shows a progress bar on a terminal (here a pseudo-terminal from `script`, of
    /// util-linux) and none when stderr is a pipe.
    func testProgressShowsOnATerminalOnly() throws {
        try write(Self.sweep, to: "sweeps/tiny.toml")
        let piped = try tokenomics(["measure", "sweeps/tiny.toml", "-o", "m.json"])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertFalse(piped.stderr.contains("█"), piped.stderr)
        let command = "\(Self.executable.path) measure sweeps/tiny.toml -o t.json"
        let terminal = try run("/usr/bin/script", ["-qec", command, "/dev/null"])
        XCTAssertEqual(terminal.status, 0, terminal.stderr)
        XCTAssertTrue(terminal.stdout.contains("tiny ["), terminal.stdout)
        let full = String(repeating: "█", count: 30) + "]"
        XCTAssertTrue(terminal.stdout.contains(full), terminal.stdout)
        XCTAssertEqual(try read("t.json").count, try read("m.json").count)
    }

    /// Ctrl-C during a long sweep: exit 130, a message, and nothing written (no temporary either).
    func testAnInterruptedMeasureExits130AndWritesNothing() throws {
        let sweep = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sweeps/deepseek-r1.toml")
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["measure", sweep.path, "-o", "m.json", "--jobs", "1"]
        process.currentDirectoryURL = folder
        let err = Pipe()
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        XCTAssertTrue(process.isRunning, "the sweep should take longer than a second in a debug build")
        process.interrupt()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 130)
        XCTAssertTrue(stderr.hasSuffix("tokenomics: interrupted; outputs left as they were\n"), stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testAFullDeviceIsAWriteErrorNotACrash() throws {
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        let emulate = ["emulate", "--gpu", "b200", "--model", "llama-3.3-70b", "--precision", "fp8", "--framework", "trtllm",
                       "--isl", "1024", "--osl", "1024", "--tp", "8", "--conc", "4", "--json"]
        let result = try tokenomics(emulate, stdout: full)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("tokenomics: error: cannot write 'standard output': "), result.stderr)
        try write(Self.sweep, to: "sweeps/tiny.toml")
        XCTAssertEqual(try tokenomics(["measure", "sweeps/tiny.toml", "-o", "m.json"], stderr: full).status, 0)
        XCTAssertTrue(exists("m.json"))
    }
}
