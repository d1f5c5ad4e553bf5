import Emulator

/// A measured H200 Llama 1k/1k point with the given load, throughput and interactivity.
func result(hw: String = "h200", conc: Int, tput: Double, intvty: Double) -> BenchmarkResult {
    BenchmarkResult(configuration: ServingConfiguration(hw: hw, model: "llama-3.3-70b", framework: "trtllm", precision: "fp8", isl: 1024,
                                                        osl: 1024, conc: conc, tp: 8, ep: 1),
                    tput_per_gpu: tput, output_tput_per_gpu: tput / 2, input_tput_per_gpu: tput / 2, mean_ttft: 0.1, median_ttft: 0.1,
                    p99_ttft: 0.2, mean_tpot: 1 / intvty, median_tpot: 1 / intvty, p99_tpot: 1 / intvty, mean_itl: 1 / intvty,
                    median_itl: 1 / intvty, p99_itl: 1 / intvty, mean_e2el: 10, median_e2el: 10, p99_e2el: 12, median_intvty: intvty)
}

