import Foundation
import Synchronization

/// A token bucket per client: `burst` requests at once, refilled at `perMinute` a minute.
/// Old buckets are dropped so memory stays bounded whatever the number of clients.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    public let perMinute: Double
    public let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])
    private let maxClients: Int

    public init(perMinute: Int, burst: Int, maxClients: Int = 100_000) {
        self.perMinute = Double(perMinute)
        self.burst = Double(burst)
        self.maxClients = maxClients
    }

    /// Takes `cost` tokens for `client`; nil when allowed, else the seconds to wait.
    public func take(_ client: String, cost: Double = 1, now: Double = Date().timeIntervalSince1970) -> Int? {
        let rate = perMinute / 60
        return buckets.withLock { buckets in
            if buckets.count >= maxClients {
                // Full buckets carry no information: drop them (and, if that is not enough, all).
                buckets = buckets.filter { $0.value.tokens + (now - $0.value.updated) * rate < burst }
                if buckets.count >= maxClients { buckets.removeAll(keepingCapacity: true) }
            }
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= cost {
                bucket.tokens -= cost
                buckets[client] = bucket
                return nil
            }
            buckets[client] = bucket
            return max(1, Int(((cost - bucket.tokens) / rate).rounded(.up)))
        }
    }
}
