import SQLKit

extension Store {
    /// Milliseconds in a day, and Vietnam's offset from UTC, for day buckets.
    static let dayMilliseconds: Int64 = 86_400_000
    static let vietnamOffset: Int64 = 7 * 3_600_000

    /// The dashboard's figures over the last `days` days up to `now` (ms since the epoch).
    public func dashboard(days: Int = 14, now: Int64? = nil) async throws -> DashboardFigures {
        let now = now ?? Clock.now()
        let since = ((now + Self.vietnamOffset) / Self.dayMilliseconds - Int64(max(1, days) - 1)) * Self.dayMilliseconds - Self.vietnamOffset
        return try await backend.read { database in
            let volumes = try await database.raw("""
                SELECT (received_at + \(literal: Self.vietnamOffset)) / \(literal: Self.dayMilliseconds) AS day, top, COUNT(*) AS n
                FROM items WHERE received_at >= \(bind: since) GROUP BY day, top ORDER BY day, top
                """).all().map { row in
                (day: try row.decode(column: "day", as: Int64.self), label: try row.decode(column: "top", as: String.self), count: try row.decode(column: "n", as: Int.self))
            }
            let open: [String] = [CaseStatus.new.rawValue, CaseStatus.inReview.rawValue, CaseStatus.appealed.rawValue]
            let queue = try await database.raw("""
                SELECT COUNT(*) AS pending, MIN(created_at) AS oldest,
                       SUM(CASE WHEN due_at IS NOT NULL AND due_at < \(bind: now) THEN 1 ELSE 0 END) AS overdue
                FROM cases WHERE status IN (\(binds: open))
                """).first()
            var automatic: [String: Int] = [:]
            for row in try await database.raw("""
                SELECT items.action, COUNT(*) AS n FROM items LEFT JOIN cases ON cases.item_id = items.id
                WHERE items.received_at >= \(bind: since) AND cases.id IS NULL GROUP BY items.action
                """).all() {
                automatic[try row.decode(column: "action", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            let human = try await database.raw("SELECT COUNT(*) AS n FROM decisions WHERE decided_at >= \(bind: since)").first(decodingColumn: "n", as: Int.self) ?? 0
            var appeals: [String: Int] = [:]
            for row in try await database.raw("SELECT status, COUNT(*) AS n FROM appeals GROUP BY status").all() {
                appeals[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return DashboardFigures(volumes: volumes, pending: try queue?.decode(column: "pending", as: Int.self) ?? 0,
                                    oldestPending: try queue?.decode(column: "oldest", as: Int64?.self),
                                    overdue: try queue?.decode(column: "overdue", as: Int?.self) ?? 0,
                                    automatic: automatic, human: human, appeals: appeals)
        }
    }

    /// The latest `limit` items received since `since` (text and time received), newest first:
    /// for counting the domains, numbers and accounts that circulate, and for the campaign
    /// monitor's memory when a server starts.
    public func recentTexts(since: Int64, limit: Int = 2000) async throws -> [(text: String, receivedAt: Int64)] {
        try await backend.read { database in
            try await database.raw("""
                SELECT text, received_at FROM items WHERE received_at >= \(bind: since) ORDER BY received_at DESC, id DESC LIMIT \(literal: max(1, min(limit, 500_000)))
                """).all().map { (text: try $0.decode(column: "text", as: String.self), receivedAt: try $0.decode(column: "received_at", as: Int64.self)) }
        }
    }
}
