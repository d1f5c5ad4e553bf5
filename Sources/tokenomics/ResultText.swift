import Catalog
import Emulator

/// A result as a person reads it in a terminal.
struct ResultText: CustomStringConvertible {
    let result: BenchmarkResult
    init(_ result: BenchmarkResult) { self.result = result }

    var description: String {
        let r = result, c = result.configuration
        let speculative = c.spec_decoding == "none" ? "" : " " + c.spec_decoding.uppercased() + (c.mtp_draft_tokens.map(String.init) ?? "")
            + (c.prefill_drafts == false ? " (\(ServingConfiguration.decodeOnlyDrafts))" : "")
        let options = (c.dp_attention ? " DP-attention" : "") + speculative
        let disaggregated = c.disagg ? "  disaggregated: \(r.num_prefill_gpu ?? 0) prefill + \(r.num_decode_gpu ?? 0) decode GPUs" : ""
        var lines = [
            "\(c.hw) \(c.model) \(c.precision) \(c.framework)  ISL/OSL \(c.isl)/\(c.osl)  TP \(c.tp) EP \(c.ep)"
                + "\(options)\(disaggregated)  conc \(c.conc)",
            "throughput      \(r.tput_per_gpu.fixed(1)) tok/s/GPU (output \(r.output_tput_per_gpu.fixed(1))"
                + "\(c.disagg ? " per decode GPU" : ""), input \(r.input_tput_per_gpu.fixed(1))\(c.disagg ? " per prefill GPU" : ""))",
            "interactivity   \(r.median_intvty.fixed(2)) tok/s/user",
            "TTFT            median \((r.median_ttft * 1e3).fixed(1)) ms, p99 \((r.p99_ttft * 1e3).fixed(1)) ms",
            "TPOT            median \((r.median_tpot * 1e3).fixed(2)) ms, p99 \((r.p99_tpot * 1e3).fixed(2)) ms",
            "E2E latency     median \(r.median_e2el.fixed(2)) s",
        ]
        if let extras = r.emulator {
            lines.append(
                "batch           max \(extras.max_batch), \(extras.kv_cache_format) KV cache peak "
                    + "\((extras.kv_cache_peak_fraction * 100).fixed(1))% of \(extras.kv_capacity_tokens) tokens, \(extras.steps) steps"
                    + (extras.preemptions > 0 ? ", \(extras.preemptions) sequences preempted (KV cache full)" : "")
            )
            let shares = extras.step_time_share.sorted { $0.value > $1.value }.map { "\($0.key) \(($0.value * 100).fixed(1))%" }
            lines.append("step time       " + shares.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
