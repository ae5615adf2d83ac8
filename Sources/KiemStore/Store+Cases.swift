import Foundation
import SQLKit

extension Store {
    /// The labels a decision may give (the eight of DESIGN.md, or clean). There is no label for
    /// opinion, and "false" comes only from a published fact-check, never from a decision.
    public static let decisionLabels: Set<String> = ["clean", "scam", "phishing", "malware", "spam", "gambling", "sexual", "violence", "harassment"]
    public static let actions: Set<String> = ["allow", "review", "warn", "block"]
    static let blockable: Set<String> = ["scam", "phishing", "malware"]

    /// The queue: open cases (by default), oldest first, one page at a time.
    public func cases(_ query: CaseQuery) async throws -> (cases: [ReviewCase], total: Int, next: Int64?) {
        let limit = max(1, min(query.limit, 500))
        return try await backend.read { database in
            var conditions: [SQLQueryString] = []
            if !query.status.isEmpty { conditions.append("cases.status IN (\(binds: query.status.map(\.rawValue)))") }
            if let label = query.label { conditions.append("cases.label = \(bind: label)") }
            if let source = query.source { conditions.append("items.source = \(bind: source)") }
            if let assignee = query.assignee { conditions.append("cases.assignee = \(bind: assignee)") }
            let filter: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let total = try await database.raw("SELECT COUNT(*) AS total FROM cases JOIN items ON items.id = cases.item_id" + filter)
                .first(decodingColumn: "total", as: Int.self) ?? 0
            var page = conditions
            if let after = query.after { page.append("cases.id > \(bind: after)") }
            let pageFilter: SQLQueryString = page.isEmpty ? "" : " WHERE " + page.joined(separator: " AND ")
            let rows = try await database.raw(SQLQueryString(Self.caseSelect) + pageFilter + " ORDER BY cases.id LIMIT \(literal: limit + 1)").all()
            let cases = try rows.prefix(limit).map(Self.decodeCase)
            return (cases, total, rows.count > limit ? cases.last?.id : nil)
        }
    }

    /// One case.
    public func reviewCase(id: Int64) async throws -> ReviewCase? {
        try await backend.read { database in
            try await database.raw(SQLQueryString(Self.caseSelect) + " WHERE cases.id = \(bind: id)").first().map(Self.decodeCase)
        }
    }

    /// The decisions on a case, oldest first.
    public func decisions(caseID: Int64) async throws -> [Decision] {
        try await backend.read { database in
            try await database.raw("SELECT id, case_id, label, action, rationale, evidence, decided_by, decided_at FROM decisions WHERE case_id = \(bind: caseID) ORDER BY id").all().map { row in
                let evidence = try row.decode(column: "evidence", as: String.self)
                return Decision(id: try row.decode(column: "id", as: Int64.self), caseID: caseID, label: try row.decode(column: "label", as: String.self),
                                action: try row.decode(column: "action", as: String.self), rationale: try row.decode(column: "rationale", as: String.self),
                                evidence: (try? JSONDecoder().decode([String].self, from: Data(evidence.utf8))) ?? [],
                                decidedBy: try row.decode(column: "decided_by", as: String.self), decidedAt: try row.decode(column: "decided_at", as: Int64.self))
            }
        }
    }

    /// Assigns a case to a user (nil unassigns); a new case goes into review.
    public func assign(caseID: Int64, to user: Int64?, actor: String) async throws -> ReviewCase {
        try await backend.transaction { database in
            let current = try await Self.lockedCase(database, caseID, dialect: self.backend.dialect)
            guard let next = current.status.after(.assign) else { throw StoreError.conflict("a \(current.status.rawValue) case cannot be assigned") }
            if let user, try await database.raw("SELECT id FROM users WHERE id = \(bind: user)").first() == nil { throw StoreError.notFound("user \(user)") }
            let now = Clock.now()
            try await database.raw("UPDATE cases SET assignee = \(bind: user), status = \(bind: next.rawValue), updated_at = \(bind: now) WHERE id = \(bind: caseID)").run()
            try await Self.audit(database, actor: actor, action: "assign", entity: "case", id: String(caseID),
                                 before: #"{"status":"\#(current.status.rawValue)","assignee":\#(current.assignee.map(String.init) ?? "null")}"#,
                                 after: #"{"status":"\#(next.rawValue)","assignee":\#(user.map(String.init) ?? "null")}"#, at: now)
            var updated = current
            updated.status = next
            updated.assignee = user
            updated.updatedAt = now
            return updated
        }
    }

    /// Decides a case: records the decision, sets the item's label and action, and logs it.
    public func decide(_ decision: Decision) async throws -> Decision {
        guard Self.decisionLabels.contains(decision.label) else {
            throw StoreError.invalid("label must be one of \(Self.decisionLabels.sorted().joined(separator: ", "))")
        }
        guard Self.actions.contains(decision.action) else { throw StoreError.invalid("action must be allow, review, warn or block") }
        guard decision.action != "block" || Self.blockable.contains(decision.label) else {
            throw StoreError.invalid("only scam, phishing and malware can be blocked")
        }
        guard !decision.rationale.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw StoreError.invalid("a decision needs a rationale") }
        let evidence = String(decoding: try JSONEncoder().encode(decision.evidence), as: UTF8.self)
        return try await backend.transaction { database in
            let current = try await Self.lockedCase(database, decision.caseID, dialect: self.backend.dialect)
            guard let next = current.status.after(.decide) else { throw StoreError.conflict("a \(current.status.rawValue) case cannot be decided") }
            let now = Clock.now()
            guard let id = try await database.raw("""
                INSERT INTO decisions (case_id, label, action, rationale, evidence, decided_by, decided_at)
                VALUES (\(bind: decision.caseID), \(bind: decision.label), \(bind: decision.action), \(bind: decision.rationale), \(bind: evidence), \(bind: decision.decidedBy), \(bind: now))
                RETURNING id
                """).first(decodingColumn: "id", as: Int64.self) else { throw StoreError.conflict("the decision was not stored") }
            try await database.raw("UPDATE cases SET status = \(bind: next.rawValue), label = \(bind: decision.label), updated_at = \(bind: now) WHERE id = \(bind: decision.caseID)").run()
            try await database.raw("UPDATE items SET top = \(bind: decision.label), action = \(bind: decision.action) WHERE id = \(bind: current.itemID)").run()
            try await Self.audit(database, actor: decision.decidedBy, action: "decide", entity: "case", id: String(decision.caseID),
                                 before: #"{"status":"\#(current.status.rawValue)","label":\#(Self.json(current.label))}"#,
                                 after: #"{"status":"\#(next.rawValue)","label":\#(Self.json(decision.label)),"action":\#(Self.json(decision.action)),"rationale":\#(Self.json(decision.rationale)),"evidence":\#(evidence)}"#,
                                 at: now)
            var stored = decision
            stored.id = id
            stored.decidedAt = now
            return stored
        }
    }

    /// Appeals a decided case (anyone may contest a decision); closes a decided case.
    public func move(caseID: Int64, _ event: CaseStatus.Event, reason: String, actor: String) async throws -> ReviewCase {
        guard event == .appeal || event == .close else { throw StoreError.invalid("use assign or decide for \(event.rawValue)") }
        return try await backend.transaction { database in
            let current = try await Self.lockedCase(database, caseID, dialect: self.backend.dialect)
            guard let next = current.status.after(event) else { throw StoreError.conflict("a \(current.status.rawValue) case cannot be \(event == .appeal ? "appealed" : "closed")") }
            let now = Clock.now()
            try await database.raw("UPDATE cases SET status = \(bind: next.rawValue), updated_at = \(bind: now) WHERE id = \(bind: caseID)").run()
            try await Self.audit(database, actor: actor, action: event.rawValue, entity: "case", id: String(caseID),
                                 before: #"{"status":"\#(current.status.rawValue)"}"#, after: #"{"status":"\#(next.rawValue)","reason":\#(Self.json(reason))}"#, at: now)
            var updated = current
            updated.status = next
            updated.updatedAt = now
            return updated
        }
    }

    /// Reads a case inside a transaction, locking its row on PostgreSQL so two decisions cannot race.
    private static func lockedCase(_ database: any SQLDatabase, _ id: Int64, dialect: StoreDialect) async throws -> ReviewCase {
        let lock: SQLQueryString = dialect == .postgres ? " FOR UPDATE OF cases" : ""
        guard let row = try await database.raw(SQLQueryString(caseSelect) + " WHERE cases.id = \(bind: id)" + lock).first() else {
            throw StoreError.notFound("case \(id)")
        }
        return try decodeCase(row)
    }

    static let caseSelect = """
        SELECT cases.id, cases.item_id, cases.status, cases.label, cases.assignee, cases.priority, cases.due_at, cases.created_at, cases.updated_at,
               items.source, items.text
        FROM cases JOIN items ON items.id = cases.item_id
        """

    static func decodeCase(_ row: any SQLRow) throws -> ReviewCase {
        ReviewCase(
            id: try row.decode(column: "id", as: Int64.self), itemID: try row.decode(column: "item_id", as: Int64.self),
            status: CaseStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .new,
            label: try row.decode(column: "label", as: String.self), assignee: try row.decode(column: "assignee", as: Int64?.self),
            priority: try row.decode(column: "priority", as: Int.self), dueAt: try row.decode(column: "due_at", as: Int64?.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self),
            source: try row.decode(column: "source", as: String.self), text: try row.decode(column: "text", as: String.self)
        )
    }
}
