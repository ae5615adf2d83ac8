/// A spike alert as the store keeps it: one per series and time bucket.
public struct StoredAlert: Sendable, Equatable {
    public var id: Int64
    /// The series: `cluster:12`, `label:scam`, `domain:…`, `phone:+84…`, `account:…`, `keyword:…`.
    public var series: String
    /// Start of the bucket (ms since the epoch).
    public var bucketStart: Int64
    public var count: Int
    /// The series' smoothed count per bucket before the spike.
    public var baseline: Double
    /// A message of the series (for a campaign cluster, its first message).
    public var sample: String?
    /// When the alert was raised (ms since the epoch).
    public var raisedAt: Int64

    public init(id: Int64 = 0, series: String, bucketStart: Int64, count: Int, baseline: Double, sample: String?, raisedAt: Int64) {
        self.id = id
        self.series = series
        self.bucketStart = bucketStart
        self.count = count
        self.baseline = baseline
        self.sample = sample
        self.raisedAt = raisedAt
    }
}
