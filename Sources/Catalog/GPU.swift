/// One accelerator as the catalog (`Resources/gpus.toml`) describes it. Rates are dense
/// tensor-core rates; every group of numbers has its source in `sources`.
public struct GPU: Sendable, Equatable {
    public enum Vendor: String, Sendable { case nvidia, amd }

    public var id: String
    public var name: String
    public var vendor: Vendor
    /// Architecture family, the key of calibration constants: hopper, blackwell, cdna3, cdna4.
    public var family: String
    /// Dense TFLOP/s by arithmetic kind ("bf16", "fp8", "fp4"); 0 where the chip has no such math.
    public var tflops: [String: Double]
    /// FP32 non-tensor TFLOP/s (the CUDA or stream cores).
    public var vectorTFLOPS: Double
    /// Maximum achievable matmul TFLOP/s in BF16, measured: the rate the chip sustains under
    /// dense tensor load, where its power limit holds the clock below the one the peak assumes.
    public var mamfTFLOPS: Double
    /// HBM capacity as the datasheet states it, in binary gigabytes.
    public var hbmGB: Double
    public var hbmTBPerSecond: Double
    /// Scale-up (NVLink / Infinity Fabric) bandwidth per GPU, one direction, GB/s.
    public var scaleUpGBPerSecond: Double
    /// GPUs in one scale-up domain (8 for HGX, 72 for NVL72).
    public var domainGPUs: Int
    /// Scale-out (InfiniBand / Ethernet RDMA) line rate per GPU between domains, one direction, GB/s.
    public var scaleOutGBPerSecond: Double
    public var tdpWatts: Double
    /// Provisioned all-in power per GPU (GPU, host, network, facility), kW.
    public var allInKW: Double
    /// $/GPU-hour by price tier: hyperscaler, neocloud, rental_3yr.
    public var usdPerHour: [String: Double]
    /// Purchase price of the GPU's share of its system, USD.
    public var capexUSD: Double
    public var sources: [String: String]

    /// Peak dense rate in FLOP/s for an arithmetic kind; 0 if the chip lacks it.
    public func peakFLOPS(_ math: String) -> Double { (tflops[math] ?? 0) * 1e12 }

    /// Share of the peak that dense tensor math sustains: MAMF ÷ BF16 peak (MI300X 0.51,
    /// MI325X 0.60, H100 0.80). The clock limit is the chip's, so it scales every precision.
    public var matmulFraction: Double { mamfTFLOPS / (tflops["bf16"] ?? mamfTFLOPS) }

    /// Sustainable dense rate in FLOP/s for an arithmetic kind: `peakFLOPS × matmulFraction`.
    public func sustainedFLOPS(_ math: String) -> Double { peakFLOPS(math) * matmulFraction }

    /// HBM bandwidth in bytes per second.
    public var hbmBytesPerSecond: Double { hbmTBPerSecond * 1e12 }

    /// HBM capacity in bytes: datasheet "GB" of HBM are GiB (nvidia-smi: H100 80 GB = 81,559 MiB).
    public var hbmBytes: Double { hbmGB * 1_073_741_824 }

    static func read(id: String, _ fields: TOMLFields) throws(InputError) -> GPU {
        try fields.rejectUnknownKeys(allowed: [
            "name", "vendor", "family", "bf16_tflops", "fp8_tflops", "fp4_tflops",
            "vector_tflops", "mamf_tflops", "hbm_gb", "hbm_tb_per_s", "scaleup_gb_per_s", "domain_gpus", "scaleout_gbit_per_s", "tdp_w",
            "all_in_kw", "usd_per_hour", "capex_usd", "sources",
        ])
        let vendorName = try fields.string("vendor")
        guard let vendor = Vendor(rawValue: vendorName) else {
            throw InputError(file: fields.file, key: "\(id).vendor", value: vendorName, problem: "unknown vendor", allowed: "amd, nvidia")
        }
        let bf16 = try fields.double("bf16_tflops"), mamf = try fields.double("mamf_tflops")
        guard mamf > 0, mamf <= bf16 else {
            throw InputError(
                file: fields.file, key: "\(id).mamf_tflops", value: "\(mamf)",
                problem: "a measured matmul rate must be positive and not above the peak",
                allowed: "0 < mamf_tflops <= bf16_tflops (\(bf16))")
        }
        let prices = try fields.table("usd_per_hour")
        var usd: [String: Double] = [:]
        for tier in prices.keys { usd[tier] = try prices.double(tier) }
        let cited = try fields.table("sources")
        var sources: [String: String] = [:]
        for key in cited.keys { sources[key] = try cited.string(key) }
        return GPU(
            id: id, name: try fields.string("name"), vendor: vendor, family: try fields.string("family"),
            tflops: [
                "bf16": bf16, "fp8": try fields.double("fp8_tflops"),
                "fp4": try fields.double("fp4_tflops"),
            ],
            vectorTFLOPS: try fields.double("vector_tflops"), mamfTFLOPS: mamf, hbmGB: try fields.double("hbm_gb"),
            hbmTBPerSecond: try fields.double("hbm_tb_per_s"),
            scaleUpGBPerSecond: try fields.double("scaleup_gb_per_s"), domainGPUs: try fields.int("domain_gpus"),
            scaleOutGBPerSecond: try fields.double("scaleout_gbit_per_s") / 8,
            tdpWatts: try fields.double("tdp_w"), allInKW: try fields.double("all_in_kw"),
            usdPerHour: usd, capexUSD: try fields.double("capex_usd"), sources: sources)
    }
}
