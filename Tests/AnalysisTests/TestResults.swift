import Emulator

/// A measured H200 Llama 1k/1k point with the given load, throughput and interactivity.
func result(hw: String = "h200", conc: Int, tput: Double, intvty: Double) -> BenchmarkResult {
    BenchmarkResult(hw: hw, model: "llama-3.3-70b", framework: "trtllm", precision: "fp8", spec_decoding: "none", disagg: false,
                    isl: 1024, osl: 1024, conc: conc, tp: 8, ep: 1, dp_attention: false, num_prefill_gpu: nil, num_decode_gpu: nil,
                    tput_per_gpu: tput, output_tput_per_gpu: tput / 2, input_tput_per_gpu: tput / 2,
                    mean_ttft: 0.1, median_ttft: 0.1, p99_ttft: 0.2, mean_tpot: 1 / intvty, median_tpot: 1 / intvty, p99_tpot: 1 / intvty,
                    mean_itl: 1 / intvty, median_itl: 1 / intvty, p99_itl: 1 / intvty, mean_e2el: 10, median_e2el: 10, p99_e2el: 12,
                    median_intvty: intvty, emulator: nil)
}

