import Foundation

/// Finds the hour (or any bucket) when a count rises far above its own recent baseline: per
/// series (a cluster, a label, a domain, a phone number, a keyword), an exponentially weighted
/// mean and variance of past buckets, and an alert as soon as the current bucket's count passes
/// a Poisson tail test against that mean, a z-score bound and a ratio to the mean.
///
/// Alerts come while a burst is under way (the count is tested as it grows), at most one per
/// series and bucket. Young series (fewer than `warmup` buckets seen) alert only past
/// `newSeriesMinimum`: a wave that appears from nothing.
public final class SpikeDetector {
    /// How alerts are decided.
    public struct Settings: Sendable, Equatable {
        /// Bucket width in seconds.
        public var bucketSeconds: Int64 = 3_600
        /// Weight of the newest bucket in the running mean and variance.
        public var smoothing = 0.1
        /// One-sided Poisson tail probability below which a count is a spike.
        public var tail = 1e-5
        /// A spike also stands this many (smoothed) standard deviations above the mean.
        public var zScore = 4.0
        /// A spike is also at least this many times the mean: daily rhythms and slow drifts are not spikes.
        public var minimumRatio = 2.0
        /// Fewer events than this in a bucket never alert.
        public var minimumCount = 5
        /// Buckets a series needs before its baseline is trusted.
        public var warmup = 4
        /// Events in one bucket that make a young series alert.
        public var newSeriesMinimum = 30

        public init() {}
    }

    /// Per-series state.
    struct Series {
        var bucket: Int64
        var count = 0
        var mean = 0.0
        var variance = 0.0
        var seen = 0
        var threshold = 0
        var alerted = false
        /// Seen since the stream began, so not a new series when young.
        var watchedFromStart = false
    }

    public let settings: Settings
    private var series: [String: Series] = [:]
    /// The first bucket of the stream: series already there in its first `warmup` buckets were
    /// not "new", the detector had just started watching.
    private var streamStart: Int64?

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// How many series are tracked.
    public var seriesCount: Int { series.count }

    /// Counts one event of `key` at `time` (Unix seconds); returns an alert the moment the
    /// bucket's count becomes a spike.
    public func add(_ key: String, at time: Int64) -> SpikeAlert? {
        let bucket = Self.floorDivide(time, settings.bucketSeconds)
        let start = streamStart ?? bucket
        streamStart = start
        var state = series[key] ?? Series(bucket: bucket, watchedFromStart: bucket < start + Int64(settings.warmup))
        // Late events count in the current bucket rather than rewrite the past.
        if bucket > state.bucket { close(&state, upTo: bucket) }
        if state.threshold == 0 { state.threshold = threshold(for: state) }
        state.count += 1
        var alert: SpikeAlert?
        if !state.alerted && state.count >= state.threshold {
            state.alerted = true
            alert = SpikeAlert(key: key, bucketStart: state.bucket * settings.bucketSeconds, count: state.count,
                               baseline: (state.mean * 100).rounded() / 100, at: time)
        }
        series[key] = state
        return alert
    }

    /// Folds the finished buckets of a series (and the empty ones after them) into its baseline.
    private func close(_ state: inout Series, upTo bucket: Int64) {
        var gap = bucket - state.bucket
        var value = Double(state.count)
        // A bucket that alerted is folded in at its threshold, so one burst does not blind the series for long.
        if state.alerted { value = min(value, Double(max(state.threshold, 1))) }
        while gap > 0 {
            if state.seen == 0 {
                state.mean = value
            } else {
                let difference = value - state.mean
                state.mean += settings.smoothing * difference
                state.variance = (1 - settings.smoothing) * (state.variance + settings.smoothing * difference * difference)
            }
            state.seen += 1
            value = 0
            gap -= 1
            if gap > 64 {
                // A long silence: the rest decays in one step.
                let decay = pow(1 - settings.smoothing, Double(gap))
                state.mean *= decay
                state.variance *= decay
                state.seen += Int(gap)
                gap = 0
            }
        }
        state.bucket = bucket
        state.count = 0
        state.alerted = false
        state.threshold = 0
    }

    /// The count at which the current bucket of a series is a spike.
    func threshold(for state: Series) -> Int {
        if state.seen < settings.warmup {
            if state.watchedFromStart { return .max }
            return max(settings.newSeriesMinimum, Self.poissonQuantile(max(state.mean, 1), tail: settings.tail))
        }
        let mean = max(state.mean, 0.2)
        let poisson = Self.poissonQuantile(mean, tail: settings.tail)
        let robust = Int((state.mean + settings.zScore * state.variance.squareRoot()).rounded(.up))
        let ratio = Int((state.mean * settings.minimumRatio).rounded(.up))
        return max(settings.minimumCount, poisson, robust, ratio)
    }

    /// The smallest k with P(X ≥ k) < tail for X ~ Poisson(mean).
    static func poissonQuantile(_ mean: Double, tail: Double) -> Int {
        // P(X ≥ k) = 1 - Σ_{i<k} e^-λ λ^i / i!, summed in log space for large means.
        var term = exp(-mean)
        var cumulative = term
        var k = 1
        if term == 0 {
            // Very large means: a normal approximation is exact enough.
            return Int((mean + 4.75 * mean.squareRoot() + 1).rounded(.up))
        }
        while 1 - cumulative >= tail && k < 100_000 {
            term *= mean / Double(k)
            cumulative += term
            k += 1
        }
        return k
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}

/// A count far above its baseline: which series, which bucket, how many against how many expected.
public struct SpikeAlert: Sendable, Equatable {
    /// The series: `cluster:12`, `label:scam`, `domain:example.top`, `phone:+84…`, `keyword:…`.
    public var key: String
    /// Start of the bucket (Unix seconds).
    public var bucketStart: Int64
    /// Events in the bucket when the alert was raised.
    public var count: Int
    /// The series' smoothed count per bucket before it.
    public var baseline: Double
    /// When the alert was raised (the event's time).
    public var at: Int64
}
