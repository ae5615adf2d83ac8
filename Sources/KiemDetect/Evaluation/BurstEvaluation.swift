import Foundation

/// Spike detection measured on a generated stream: many series of Poisson counts with a daily
/// rhythm and mild extra noise, and bursts planted in some of them. A burst is found when an
/// alert of its series falls in its first or second bucket; any other alert is false.
public struct BurstEvaluation: Sendable {
    public var series: Int
    public var buckets: Int
    public var bursts: Int
    public var found: Int
    /// Buckets from a burst's start to its alert (0 = the same bucket), per found burst.
    public var delays: [Int]
    public var falseAlerts: Int
    public var events: Int

    /// False alerts per 1,000 series-buckets.
    public var falseAlertRate: Double { Double(falseAlerts) * 1_000 / Double(max(series * buckets, 1)) }

    /// Generates the stream and runs a detector over it, events in time order.
    public static func run(series: Int = 2_000, buckets: Int = 168, bursts: Int = 100, settings: SpikeDetector.Settings = .init(),
                           seed: UInt64 = 7) -> BurstEvaluation {
        var random = SplitMix(seed: seed)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        func poisson(_ mean: Double) -> Int {
            if mean > 60 { return max(0, Int((mean + mean.squareRoot() * normal()).rounded())) }
            let limit = exp(-mean)
            var k = 0
            var product = uniform()
            while product > limit { k += 1; product *= uniform() }
            return k
        }
        func normal() -> Double { (-2 * log(max(uniform(), 1e-300))).squareRoot() * cos(2 * .pi * uniform()) }
        // Base rates from 0.2 to 50 per bucket (log-uniform), each series with its own phase.
        let rates = (0..<series).map { _ in exp(log(0.2) + uniform() * (log(50) - log(0.2))) }
        let phases = (0..<series).map { _ in uniform() * 24 }
        var planted: [Int: (start: Int, length: Int, extra: Double)] = [:]
        while planted.count < min(bursts, series) {
            let index = Int(random.next() % UInt64(series))
            if planted[index] != nil { continue }
            let start = 24 + Int(random.next() % UInt64(max(buckets - 30, 1)))
            // A burst: several times the series' usual count, and at least 15 more events.
            planted[index] = (start, 1 + Int(random.next() % 3), max(15, rates[index] * (3 + uniform() * 5)))
        }
        let detector = SpikeDetector(settings: settings)
        let width = settings.bucketSeconds
        var alertBuckets: [Int: [Int]] = [:]
        var events = 0
        var bucketEvents: [(time: Int64, series: Int)] = []
        for bucket in 0..<buckets {
            bucketEvents.removeAll(keepingCapacity: true)
            for index in 0..<series {
                let rhythm = 1 + 0.3 * sin(2 * .pi * (Double(bucket) + phases[index]) / 24)
                // Extra-Poisson noise: the day's rate wanders by ±15%.
                let mean = rates[index] * rhythm * (0.85 + 0.3 * uniform())
                var count = poisson(mean)
                // A planted burst adds exactly its extra events on top of the usual traffic.
                if let burst = planted[index], bucket >= burst.start && bucket < burst.start + burst.length { count += Int(burst.extra.rounded()) }
                for _ in 0..<count {
                    bucketEvents.append((Int64(bucket) * width + Int64(uniform() * Double(width)), index))
                }
            }
            bucketEvents.sort { $0.time < $1.time }
            events += bucketEvents.count
            for event in bucketEvents {
                if let alert = detector.add("series:\(event.series)", at: event.time) {
                    alertBuckets[event.series, default: []].append(Int(alert.bucketStart / width))
                }
            }
        }
        var found = 0
        var delays: [Int] = []
        var falseAlerts = 0
        for (index, alerts) in alertBuckets {
            let burst = planted[index]
            for bucket in alerts {
                if let burst, bucket >= burst.start && bucket < burst.start + burst.length + 1 { continue }
                falseAlerts += 1
            }
        }
        for (index, burst) in planted {
            if let first = alertBuckets[index]?.first(where: { $0 >= burst.start && $0 <= burst.start + 1 }) {
                found += 1
                delays.append(first - burst.start)
            }
        }
        return BurstEvaluation(series: series, buckets: buckets, bursts: planted.count, found: found, delays: delays,
                               falseAlerts: falseAlerts, events: events)
    }
}
