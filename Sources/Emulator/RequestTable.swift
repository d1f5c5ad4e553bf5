/// Every request of one benchmark run: its lengths and the times it passed each stage.
///
/// InferenceMAX's closed-loop client sends 10 × conc requests, lengths uniform in [0.8·L, L]
/// (`Lengths`, prompt lengths on stream 0 and output lengths on stream 1 of the seed), and keeps
/// `conc` of them in flight: a request is sent when an earlier one finishes. Requests are issued
/// in index order, so the requests sent so far are `0..<issuedCount`. Times in seconds since
/// the run started.
struct RequestTable {
    /// Prompt and output tokens of each request.
    let inputLengths: [Int32]
    let outputLengths: [Int32]
    /// When the client sent each request.
    private(set) var issued: [Double]
    /// When it reached the engine: sent + the framework's front-end latency.
    private(set) var arrival: [Double]
    /// When it may enter decoding: at arrival when aggregated; disaggregated, once its KV cache has
    /// reached the decode engine (`.infinity` until its prefill batch is formed).
    private(set) var ready: [Double]
    /// End of the step that produced its first token, and of the one that produced its last.
    private(set) var firstToken: [Double]
    private(set) var finished: [Double]
    /// Requests sent so far, and requests whose last token has come.
    private(set) var issuedCount = 0
    private(set) var completedCount = 0

    /// The requests of one decode engine: 10 × its clients (all of them when there is one engine).
    init(_ config: ServingConfiguration, clients: Int) {
        let count = 10 * clients
        inputLengths = Lengths.simd(count: count, length: config.isl, seed: config.seed ?? 1, stream: 0)
        outputLengths = Lengths.simd(count: count, length: config.osl, seed: config.seed ?? 1, stream: 1)
        issued = Array(repeating: 0, count: count)
        arrival = Array(repeating: 0, count: count)
        ready = Array(repeating: 0, count: count)
        firstToken = Array(repeating: 0, count: count)
        finished = Array(repeating: 0, count: count)
    }

    var count: Int { inputLengths.count }
    var allIssued: Bool { issuedCount == count }
    var allCompleted: Bool { completedCount == count }

    func inputTokens(_ request: Int) -> Int { Int(inputLengths[request]) }
    func outputTokens(_ request: Int) -> Int { Int(outputLengths[request]) }

    /// Sends the next request at `time`; it reaches the engine `frontEndLatency` seconds later and
    /// is ready for the engine then, unless it must first be prefilled elsewhere.
    mutating func issueNext(at time: Double, frontEndLatency: Double, readyOnArrival: Bool) {
        let request = issuedCount
        issued[request] = time
        arrival[request] = time + frontEndLatency
        ready[request] = readyOnArrival ? arrival[request] : .infinity
        issuedCount += 1
    }

    /// Aggregated: the step that completed the prompt ended at `time`, with the first token.
    mutating func recordFirstToken(_ request: Int, at time: Double) {
        firstToken[request] = time
    }

    /// Disaggregated: the prefill batch ended at `firstToken`; the KV cache reaches the decode
    /// engine at `ready`.
    mutating func recordPrefill(_ request: Int, firstToken time: Double, ready readyTime: Double) {
        firstToken[request] = time
        ready[request] = readyTime
    }

    mutating func finish(_ request: Int, at time: Double) {
        finished[request] = time
        completedCount += 1
    }

    /// Σ prompt tokens and Σ output tokens over all requests.
    var tokenTotals: (input: Int, output: Int) {
        var input = 0, output = 0
        for request in 0..<count {
            input += inputTokens(request)
            output += outputTokens(request)
        }
        return (input, output)
    }

    /// Time to first token of each request: first token − sent (front-end latency included).
    var timesToFirstToken: [Double] { (0..<count).map { firstToken[$0] - issued[$0] } }
    /// End-to-end latency of each request: last token − sent.
    var endToEndLatencies: [Double] { (0..<count).map { finished[$0] - issued[$0] } }
    /// Time per output token after the first, (last − first token) / (output − 1), of each
    /// request that asked for more than one token.
    var timesPerOutputToken: [Double] {
        (0..<count).filter { outputLengths[$0] > 1 }.map { request -> Double in
            let decodeTime: Double = finished[request] - firstToken[request]
            return decodeTime / Double(outputLengths[request] - 1)
        }
    }
}
