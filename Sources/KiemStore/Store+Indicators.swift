import Foundation
import KiemDetect
import SQLKit

extension Store {
    /// The labels an indicator may carry: harms that a value can be evidence of.
    public static let indicatorLabels: Set<String> = ["scam", "phishing", "malware", "spam", "gambling", "sexual"]

    /// Lists values (new ones are created, listed ones updated: label, source, confidence,
    /// expiry and last seen), in one transaction, with one audit entry for the whole import.
    public func importIndicators(_ inputs: [IndicatorInput], actor: String) async throws -> ImportOutcome {
        var rows: [(kind: IndicatorList.Kind, value: String, input: IndicatorInput)] = []
        var rejected = 0
        for input in inputs {
            guard Self.indicatorLabels.contains(input.label) else { throw StoreError.invalid("label must be one of \(Self.indicatorLabels.sorted().joined(separator: ", "))") }
            guard (0...1).contains(input.confidence) else { throw StoreError.invalid("confidence must be between 0 and 1") }
            guard let (kind, value) = IndicatorList.classify(input.value), value.utf8.count <= 2048 else { rejected += 1; continue }
            rows.append((kind, value, input))
        }
        let accepted = rows
        let refused = rejected
        return try await backend.transaction { database in
            let now = Clock.now()
            var created = 0
            var updated = 0
            for row in accepted {
                let existing = try await database.raw("SELECT id FROM indicators WHERE type = \(bind: row.kind.rawValue) AND value = \(bind: row.value)").first()
                if existing == nil {
                    try await database.raw("""
                        INSERT INTO indicators (type, value, label, source, confidence, first_seen, last_seen, expires_at, note)
                        VALUES (\(bind: row.kind.rawValue), \(bind: row.value), \(bind: row.input.label), \(bind: row.input.source), \(bind: row.input.confidence),
                                \(bind: now), \(bind: now), \(bind: row.input.expiresAt), \(bind: row.input.note))
                        """).run()
                    created += 1
                } else {
                    try await database.raw("""
                        UPDATE indicators SET label = \(bind: row.input.label), source = \(bind: row.input.source), confidence = \(bind: row.input.confidence),
                            last_seen = \(bind: now), expires_at = \(bind: row.input.expiresAt), note = \(bind: row.input.note)
                        WHERE type = \(bind: row.kind.rawValue) AND value = \(bind: row.value)
                        """).run()
                    updated += 1
                }
            }
            if created + updated > 0 {
                try await Self.audit(database, actor: actor, action: accepted.count == 1 ? "list" : "import", entity: "indicator",
                                     id: accepted.count == 1 ? "\(accepted[0].kind.rawValue):\(accepted[0].value)" : "bulk", before: nil,
                                     after: #"{"created":\#(created),"updated":\#(updated),"rejected":\#(refused)}"#, at: now)
            }
            return ImportOutcome(created: created, updated: updated, rejected: refused)
        }
    }

    /// Listed values, newest first; `live` leaves out expired ones.
    public func indicators(type: IndicatorList.Kind? = nil, label: String? = nil, containing: String? = nil, live: Bool = false,
                           limit: Int = 100, after: Int64? = nil) async throws -> (indicators: [Indicator], total: Int, next: Int64?) {
        let limit = max(1, min(limit, 100_000))
        return try await backend.read { database in
            var conditions: [SQLQueryString] = []
            if let type { conditions.append("type = \(bind: type.rawValue)") }
            if let label { conditions.append("label = \(bind: label)") }
            if let containing {
                let escaped = containing.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                conditions.append("value LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'")
            }
            if live { conditions.append("(expires_at IS NULL OR expires_at > \(bind: Clock.now()))") }
            let filter: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let total = try await database.raw("SELECT COUNT(*) AS total FROM indicators" + filter).first(decodingColumn: "total", as: Int.self) ?? 0
            var page = conditions
            if let after { page.append("id < \(bind: after)") }
            let pageFilter: SQLQueryString = page.isEmpty ? "" : " WHERE " + page.joined(separator: " AND ")
            let rows = try await database.raw("SELECT id, type, value, label, source, confidence, first_seen, last_seen, expires_at, note FROM indicators"
                                              + pageFilter + " ORDER BY id DESC LIMIT \(literal: limit + 1)").all()
            let found = try rows.prefix(limit).map(Self.decodeIndicator)
            return (found, total, rows.count > limit ? found.last?.id : nil)
        }
    }

    /// One listed value.
    public func indicator(id: Int64) async throws -> Indicator? {
        try await backend.read { database in
            try await database.raw("SELECT id, type, value, label, source, confidence, first_seen, last_seen, expires_at, note FROM indicators WHERE id = \(bind: id)")
                .first().map(Self.decodeIndicator)
        }
    }

    /// Unlists a value.
    public func deleteIndicator(id: Int64, actor: String) async throws {
        try await backend.transaction { database in
            guard let row = try await database.raw("DELETE FROM indicators WHERE id = \(bind: id) RETURNING type, value, label").first() else {
                throw StoreError.notFound("indicator \(id)")
            }
            let value = try row.decode(column: "value", as: String.self)
            let type = try row.decode(column: "type", as: String.self)
            try await Self.audit(database, actor: actor, action: "delete", entity: "indicator", id: "\(type):\(value)",
                                 before: #"{"label":\#(Self.json(try row.decode(column: "label", as: String.self)))}"#, after: nil, at: Clock.now())
        }
    }

    /// A value that changes whenever what an engine is built from changes in the store: a value
    /// listed, changed, unlisted or expired, thresholds set, a rule pack installed or reset. Each
    /// of these but expiry is in the audit log (entities `indicator` and `policy`), so a server
    /// compares this to know when another process changed them.
    public func engineRevision() async throws -> String {
        let now = Clock.now()
        return try await backend.read { database in
            guard let row = try await database.raw("""
                SELECT (SELECT MAX(id) FROM audit_log WHERE entity IN ('indicator', 'policy')) AS changed,
                       (SELECT COUNT(*) FROM indicators WHERE expires_at IS NOT NULL AND expires_at <= \(bind: now)) AS expired
                """).first() else { return "" }
            let changed = try row.decode(column: "changed", as: Int64?.self) ?? 0
            let expired = try row.decode(column: "expired", as: Int64.self)
            return "\(changed)/\(expired)"
        }
    }

    /// The live (not expired) values, as the engine matches them.
    public func liveIndicatorList() async throws -> IndicatorList {
        var list = IndicatorList()
        var after: Int64?
        repeat {
            let page = try await indicators(live: true, limit: 50_000, after: after)
            for indicator in page.indicators { list.add(indicator.type == .bankAccount ? "account:" + indicator.value : indicator.value, label: indicator.label) }
            after = page.next
        } while after != nil
        return list
    }

    static func decodeIndicator(_ row: any SQLRow) throws -> Indicator {
        Indicator(
            id: try row.decode(column: "id", as: Int64.self), type: IndicatorList.Kind(rawValue: try row.decode(column: "type", as: String.self)) ?? .domain,
            value: try row.decode(column: "value", as: String.self), label: try row.decode(column: "label", as: String.self),
            source: try row.decode(column: "source", as: String.self), confidence: try row.decode(column: "confidence", as: Double.self),
            firstSeen: try row.decode(column: "first_seen", as: Int64.self), lastSeen: try row.decode(column: "last_seen", as: Int64.self),
            expiresAt: try row.decode(column: "expires_at", as: Int64?.self), note: try row.decode(column: "note", as: String.self)
        )
    }
}
