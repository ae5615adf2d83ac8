/// A unit of background work taken by `kiem worker`: today, checking an item ingested without
/// a verdict.
public struct Job: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var payload: String
    public var attempts: Int
    /// The token of the lease under which this worker holds the job.
    public var lease: String
}
