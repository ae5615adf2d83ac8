import SQLKit

extension Store {
    /// Appends to the audit log, inside the transaction that makes the change.
    static func audit(_ database: any SQLDatabase, actor: String, action: String, entity: String, id: String,
                      before: String?, after: String?, at time: Int64) async throws {
        try await database.raw("""
            INSERT INTO audit_log (actor, action, entity, entity_id, before, after, at)
            VALUES (\(bind: actor), \(bind: action), \(bind: entity), \(bind: id), \(bind: before), \(bind: after), \(bind: time))
            """).run()
    }

    /// The audit log, newest first; for one entity when `entity` (and `entityID`) are given.
    public func auditLog(entity: String? = nil, entityID: String? = nil, limit: Int = 100, before: Int64? = nil) async throws -> [AuditEntry] {
        try await backend.read { database in
            var conditions: [SQLQueryString] = []
            if let entity { conditions.append("entity = \(bind: entity)") }
            if let entityID { conditions.append("entity_id = \(bind: entityID)") }
            if let before { conditions.append("id < \(bind: before)") }
            let filter: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let rows = try await database.raw("SELECT id, actor, action, entity, entity_id, before, after, at FROM audit_log" + filter
                                              + " ORDER BY id DESC LIMIT \(literal: max(1, min(limit, 1000)))").all()
            return try rows.map { row in
                AuditEntry(id: try row.decode(column: "id", as: Int64.self), actor: try row.decode(column: "actor", as: String.self),
                           action: try row.decode(column: "action", as: String.self), entity: try row.decode(column: "entity", as: String.self),
                           entityID: try row.decode(column: "entity_id", as: String.self), before: try row.decode(column: "before", as: String?.self),
                           after: try row.decode(column: "after", as: String?.self), at: try row.decode(column: "at", as: Int64.self))
            }
        }
    }
}
