import SQLKit

extension Store {
    /// Records alerts; a series alerts once per bucket (a second alert for the same bucket keeps
    /// the higher count). Returns the alerts that were new.
    @discardableResult
    public func recordAlerts(_ alerts: [StoredAlert]) async throws -> [StoredAlert] {
        guard !alerts.isEmpty else { return [] }
        return try await backend.transaction { database in
            var fresh: [StoredAlert] = []
            for alert in alerts {
                let existing = try await database.raw("SELECT id FROM alerts WHERE series = \(bind: alert.series) AND bucket_start = \(bind: alert.bucketStart)")
                    .first(decodingColumn: "id", as: Int64.self)
                if let existing {
                    try await database.raw("UPDATE alerts SET count = \(bind: alert.count) WHERE id = \(bind: existing) AND count < \(bind: alert.count)").run()
                    continue
                }
                guard let id = try await database.raw("""
                    INSERT INTO alerts (series, bucket_start, count, baseline, sample, raised_at)
                    VALUES (\(bind: alert.series), \(bind: alert.bucketStart), \(bind: alert.count), \(bind: alert.baseline), \(bind: alert.sample), \(bind: alert.raisedAt))
                    RETURNING id
                    """).first(decodingColumn: "id", as: Int64.self) else { continue }
                var stored = alert
                stored.id = id
                fresh.append(stored)
            }
            return fresh
        }
    }

    /// Alerts, newest first, raised at or after `since` (ms), one page at a time.
    public func alerts(since: Int64? = nil, limit: Int = 100, before: Int64? = nil) async throws -> (alerts: [StoredAlert], next: Int64?) {
        let limit = max(1, min(limit, 1000))
        return try await backend.read { database in
            var conditions: [SQLQueryString] = []
            if let since { conditions.append("raised_at >= \(bind: since)") }
            if let before { conditions.append("id < \(bind: before)") }
            let filter: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let rows = try await database.raw("SELECT id, series, bucket_start, count, baseline, sample, raised_at FROM alerts" + filter
                                              + " ORDER BY id DESC LIMIT \(literal: limit + 1)").all()
            let found = try rows.prefix(limit).map { row in
                StoredAlert(id: try row.decode(column: "id", as: Int64.self), series: try row.decode(column: "series", as: String.self),
                            bucketStart: try row.decode(column: "bucket_start", as: Int64.self), count: try row.decode(column: "count", as: Int.self),
                            baseline: try row.decode(column: "baseline", as: Double.self), sample: try row.decode(column: "sample", as: String?.self),
                            raisedAt: try row.decode(column: "raised_at", as: Int64.self))
            }
            return (found, rows.count > limit ? found.last?.id : nil)
        }
    }
}
