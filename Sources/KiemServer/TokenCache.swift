import Foundation
import KiemStore
import Synchronization

/// Remembers recent token lookups for a few seconds, so a busy client does not cost a database
/// query per request. Changes made through this server (revoking, logging out, changing a user)
/// clear it at once; other servers see them within `seconds`.
public final class TokenCache: Sendable {
    private struct Entry {
        var token: APIToken?
        var until: Double
    }

    public let seconds: Double
    private let entries = Mutex<[String: Entry]>([:])

    public init(seconds: Double = 10) {
        self.seconds = seconds
    }

    /// The token for `secret`, from the cache or the store.
    func token(_ secret: String, store: Store) async throws -> APIToken? {
        let now = Date().timeIntervalSince1970
        if let hit = entries.withLock({ $0[secret] }), hit.until > now, hit.token.map({ ($0.expiresAt ?? .max) > Int64(now * 1000) }) ?? true {
            return hit.token
        }
        let token = try await store.token(secret: secret)
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll(keepingCapacity: true) }
            entries[secret] = Entry(token: token, until: now + seconds)
        }
        return token
    }

    /// Forgets everything (after a change to tokens or users).
    public func clear() {
        entries.withLock { $0.removeAll() }
    }
}
