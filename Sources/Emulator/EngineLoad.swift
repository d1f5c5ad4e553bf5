/// Decode engines that serve the same number of the client's requests at a time, so that one
/// simulation stands for all of them (`Deployment.engineLoads`).
public struct EngineLoad: Sendable, Equatable {
    /// Requests in flight on each of these engines.
    public let clients: Int
    /// How many engines carry that load.
    public let engines: Int
}
