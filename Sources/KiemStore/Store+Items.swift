import Crypto
import Foundation
import SQLKit

extension Store {
    /// Stores items with their verdicts, idempotent on (source, external id), in one durable
    /// transaction: when this returns, every item is on disk. Opens a case for each new item the
    /// policy sends to review; writes the audit log.
    ///
    /// An item given without a verdict is stored as `pending` and queued for `kiem worker`.
    public func ingest(_ batch: [(item: ItemInput, verdict: VerdictRecord?)], actor: String) async throws -> [IngestOutcome] {
        let now = Clock.now()
        // Many rows per statement: a round trip per row would cost more than the work. Every row
        // is written before taking the database, which one writer holds at a time; inside, only
        // the ids the database gives are filled in.
        let chunks = stride(from: 0, to: batch.count, by: Self.rowsPerStatement).map { start in
            prepareItems(batch[start..<min(start + Self.rowsPerStatement, batch.count)], actor: actor, at: now)
        }
        let dialect = backend.dialect
        return try await backend.bulkTransaction { database, runner in
            var outcomes: [IngestOutcome] = []
            outcomes.reserveCapacity(batch.count)
            for chunk in chunks {
                outcomes += try await Self.insertItems(chunk, in: database, runner: runner, dialect: dialect)
            }
            return outcomes
        }
    }

    /// A whole API batch (at most 1,000 items) goes in one statement per table: each statement is a
    /// hop to the database's thread and a parse, which cost about as much as the rows themselves at
    /// 100 rows a statement. (11,000 parameters stay far below both back ends' limits.)
    static let rowsPerStatement = 1000

    /// Up to `rowsPerStatement` items, with every row of every statement that stores them written
    /// but for the ids the database gives.
    struct PreparedItems: Sendable {
        struct Key: Hashable, Sendable {
            var source: String
            var externalID: String
        }

        /// One item's rows, less the item id that starts each of them.
        struct Rows: Sendable {
            var key: Key
            var search: BulkStatement.Value
            var audit: [BulkStatement.Value]
            var verdict: [BulkStatement.Value]?
            var opensCase: [BulkStatement.Value]?
        }

        var items: BulkStatement
        var rows: [Rows]
        var actor: BulkStatement.Value
        var now: Int64
    }

    /// Writes the rows that store `items` (see ``PreparedItems``).
    func prepareItems(_ items: ArraySlice<(item: ItemInput, verdict: VerdictRecord?)>, actor: String, at now: Int64) -> PreparedItems {
        var statement = BulkStatement("INSERT INTO items (source, external_id, text, url, received_at, author_hash, metadata, search_text, top, action, created_at) VALUES ",
                                      tail: " ON CONFLICT (source, external_id) DO NOTHING RETURNING id, source, external_id")
        statement.rows.reserveCapacity(items.count)
        var rows: [PreparedItems.Rows] = []
        rows.reserveCapacity(items.count)
        let at = BulkStatement.Value.integer(now)
        let written = BulkStatement.Value.text(actor)
        for (item, verdict) in items {
            let search = BulkStatement.Value.text(SearchText.fold(item.text))
            statement.rows.append([.text(item.source), .text(item.externalID), .text(item.text), BulkStatement.text(item.url),
                                   .integer(item.receivedAt ?? now), BulkStatement.text(item.author.map(authorHash)), .text(item.metadataJSON),
                                   search, .text(verdict?.top ?? "pending"), .text(verdict?.action ?? "pending"), at])
            var caseRow: [BulkStatement.Value]?
            if let verdict, verdict.opensCase {
                let warn = verdict.action == "warn"
                caseRow = [.sql("'new'"), .text(verdict.top), .integer(warn ? 2 : 1), .integer(now + (warn ? 24 : 72) * 3_600_000), at, at]
            }
            rows.append(PreparedItems.Rows(
                key: PreparedItems.Key(source: item.source, externalID: item.externalID), search: search,
                audit: [.null, .text(#"{"source":\#(Self.json(item.source)),"external_id":\#(Self.json(item.externalID))}"#), at],
                verdict: verdict.map { [.text($0.top), .text($0.action), .text($0.json), .text($0.modelVersion), .text($0.rulesVersion), at] },
                opensCase: caseRow))
        }
        return PreparedItems(items: statement, rows: rows, actor: written, now: now)
    }

    /// Stores prepared items with a few multi-row statements inside a transaction.
    static func insertItems(_ chunk: PreparedItems, in database: any SQLDatabase, runner: any BulkRunner,
                            dialect: StoreDialect) async throws -> [IngestOutcome] {
        typealias Key = PreparedItems.Key
        var inserted: [Key: Int64] = [:]
        for row in try await runner.run(chunk.items) {
            inserted[Key(source: try row.text("source"), externalID: try row.text("external_id"))] = try row.integer("id")
        }
        // Items stored before: their ids and cases.
        var existing: [Key: (id: Int64, caseID: Int64?)] = [:]
        if inserted.count < chunk.rows.count {
            // One row-value list rather than an OR per key: the planner's work on a thousand ORs
            // grows faster than the list.
            let missing = Set(chunk.rows.map(\.key)).filter { inserted[$0] == nil }
            let keys: [SQLQueryString] = missing.map { "(\(bind: $0.source), \(bind: $0.externalID))" }
            for row in try await database.raw("SELECT items.id AS id, items.source AS source, items.external_id AS external_id, cases.id AS case_id FROM items LEFT JOIN cases ON cases.item_id = items.id WHERE (items.source, items.external_id) IN (VALUES "
                                              + keys.joined(separator: ", ") + ")").all() {
                existing[Key(source: try row.decode(column: "source", as: String.self), externalID: try row.decode(column: "external_id", as: String.self))] =
                    (try row.decode(column: "id", as: Int64.self), try row.decode(column: "case_id", as: Int64?.self))
            }
        }
        var outcomes: [IngestOutcome] = []
        outcomes.reserveCapacity(chunk.rows.count)
        var fresh: [(row: Int, id: Int64)] = []
        var claimed = Set<Int64>()
        for (index, rows) in chunk.rows.enumerated() {
            if let id = inserted[rows.key] {
                // The same item twice in one batch is created once.
                let first = claimed.insert(id).inserted
                if first { fresh.append((index, id)) }
                outcomes.append(IngestOutcome(id: id, created: first, caseID: nil))
            } else if let found = existing[rows.key] {
                outcomes.append(IngestOutcome(id: found.id, created: false, caseID: found.caseID))
            } else {
                throw StoreError.conflict("item \(rows.key.source)/\(rows.key.externalID) vanished while being stored")
            }
        }
        guard !fresh.isEmpty else { return outcomes }
        if dialect == .sqlite {
            var search = BulkStatement("INSERT INTO item_search (rowid, body) VALUES ")
            search.rows = fresh.map { [.integer($0.id), chunk.rows[$0.row].search] }
            _ = try await runner.run(search)
        }
        var audits = BulkStatement("INSERT INTO audit_log (actor, action, entity, entity_id, before, after, at) VALUES ")
        audits.rows = fresh.map { [chunk.actor, .sql("'create'"), .sql("'item'"), .text(String($0.id))] + chunk.rows[$0.row].audit }
        _ = try await runner.run(audits)
        var verdicts = BulkStatement("INSERT INTO verdicts (item_id, top, action, body, model_version, rules_version, created_at) VALUES ")
        var cases = BulkStatement("INSERT INTO cases (item_id, status, label, priority, due_at, created_at, updated_at) VALUES ",
                                  tail: " ON CONFLICT (item_id) DO NOTHING RETURNING id, item_id, label")
        var jobs = BulkStatement("INSERT INTO jobs (kind, payload, status, run_after, created_at) VALUES ")
        let at = BulkStatement.Value.integer(chunk.now)
        for entry in fresh {
            let rows = chunk.rows[entry.row]
            if let verdict = rows.verdict {
                verdicts.rows.append([.integer(entry.id)] + verdict)
                if let opensCase = rows.opensCase { cases.rows.append([.integer(entry.id)] + opensCase) }
            } else {
                jobs.rows.append([.sql("'check_item'"), .text(String(entry.id)), .sql("'queued'"), at, at])
            }
        }
        if !verdicts.rows.isEmpty { _ = try await runner.run(verdicts) }
        if !cases.rows.isEmpty {
            var caseAudits = BulkStatement("INSERT INTO audit_log (actor, action, entity, entity_id, before, after, at) VALUES ")
            var caseOf: [Int64: Int64] = [:]
            for row in try await runner.run(cases) {
                let caseID = try row.integer("id")
                let itemID = try row.integer("item_id")
                caseOf[itemID] = caseID
                caseAudits.rows.append([chunk.actor, .sql("'open'"), .sql("'case'"), .text(String(caseID)), .null,
                                        .text(#"{"item_id":\#(itemID),"status":"new","label":\#(json(try row.text("label")))}"#), at])
            }
            if !caseAudits.rows.isEmpty { _ = try await runner.run(caseAudits) }
            for index in outcomes.indices where outcomes[index].created { outcomes[index].caseID = caseOf[outcomes[index].id] }
        }
        if !jobs.rows.isEmpty { _ = try await runner.run(jobs) }
        return outcomes
    }

    /// Stores a verdict for an item, sets the item's label and action, and opens a case when the
    /// policy sends it to people; returns the case.
    static func record(_ verdict: VerdictRecord, itemID id: Int64, in database: any SQLDatabase, actor: String, at now: Int64) async throws -> Int64? {
        try await database.raw("""
            INSERT INTO verdicts (item_id, top, action, body, model_version, rules_version, created_at)
            VALUES (\(bind: id), \(bind: verdict.top), \(bind: verdict.action), \(bind: verdict.json), \(bind: verdict.modelVersion), \(bind: verdict.rulesVersion), \(bind: now))
            """).run()
        try await database.raw("UPDATE items SET top = \(bind: verdict.top), action = \(bind: verdict.action) WHERE id = \(bind: id)").run()
        guard verdict.opensCase else { return nil }
        let priority = verdict.action == "warn" ? 2 : 1
        let due = now + (verdict.action == "warn" ? 24 : 72) * 3_600_000
        let caseID = try await database.raw("""
            INSERT INTO cases (item_id, status, label, priority, due_at, created_at, updated_at)
            VALUES (\(bind: id), 'new', \(bind: verdict.top), \(bind: priority), \(bind: due), \(bind: now), \(bind: now))
            ON CONFLICT (item_id) DO NOTHING
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        if let caseID {
            try await audit(database, actor: actor, action: "open", entity: "case", id: String(caseID), before: nil,
                            after: #"{"item_id":\#(id),"status":"new","label":\#(json(verdict.top))}"#, at: now)
        }
        return caseID
    }

    /// One item with its latest verdict and case.
    public func item(id: Int64) async throws -> StoredItem? {
        try await backend.read { database in
            try await database.raw(SQLQueryString(Self.itemSelect) + " WHERE items.id = \(bind: id)").first().map(Self.decodeItem)
        }
    }

    /// Items that match `query`, newest first, one page at a time.
    public func items(_ query: ItemQuery) async throws -> ItemPage {
        let dialect = backend.dialect
        let limit = max(1, min(query.limit, 500))
        return try await backend.read { database in
            var conditions: [SQLQueryString] = []
            if let source = query.source { conditions.append("items.source = \(bind: source)") }
            if let label = query.label { conditions.append("items.top = \(bind: label)") }
            if let since = query.since { conditions.append("items.received_at >= \(bind: since)") }
            if let text = query.text {
                let words = SearchText.words(text)
                if words.isEmpty {
                    conditions.append("1 = 0")
                } else if dialect == .sqlite {
                    conditions.append("items.id IN (SELECT rowid FROM item_search WHERE item_search MATCH \(bind: SearchText.fts5(words)))")
                } else {
                    conditions.append("to_tsvector('simple', items.search_text) @@ plainto_tsquery('simple', \(bind: words.joined(separator: " ")))")
                }
            }
            func whereClause(_ extra: [SQLQueryString]) -> SQLQueryString {
                let all = conditions + extra
                guard !all.isEmpty else { return "" }
                return " WHERE " + all.joined(separator: " AND ")
            }
            let total = try await database.raw("SELECT COUNT(*) AS total FROM items" + whereClause([])).first(decodingColumn: "total", as: Int.self) ?? 0
            var page: [SQLQueryString] = []
            if let after = query.after { page.append("items.id < \(bind: after)") }
            let rows = try await database.raw(SQLQueryString(Self.itemSelect) + whereClause(page) + " ORDER BY items.id DESC LIMIT \(literal: limit + 1)").all()
            var items = try rows.prefix(limit).map(Self.decodeItem)
            let next = rows.count > limit ? items.last?.id : nil
            if items.count > limit { items.removeLast(items.count - limit) }
            return ItemPage(items: items, total: total, next: next)
        }
    }

    static let itemSelect = """
        SELECT items.id, items.source, items.external_id, items.text, items.url, items.received_at, items.author_hash, items.metadata,
               items.top, items.action, items.created_at, cases.id AS case_id, cases.status AS case_status,
               (SELECT body FROM verdicts WHERE verdicts.item_id = items.id ORDER BY verdicts.id DESC LIMIT 1) AS verdict
        FROM items LEFT JOIN cases ON cases.item_id = items.id
        """

    static func decodeItem(_ row: any SQLRow) throws -> StoredItem {
        StoredItem(
            id: try row.decode(column: "id", as: Int64.self), source: try row.decode(column: "source", as: String.self),
            externalID: try row.decode(column: "external_id", as: String.self), text: try row.decode(column: "text", as: String.self),
            url: try row.decode(column: "url", as: String?.self), receivedAt: try row.decode(column: "received_at", as: Int64.self),
            authorHash: try row.decode(column: "author_hash", as: String?.self), metadataJSON: try row.decode(column: "metadata", as: String.self),
            top: try row.decode(column: "top", as: String.self), action: try row.decode(column: "action", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self), verdictJSON: try row.decode(column: "verdict", as: String?.self),
            caseID: try row.decode(column: "case_id", as: Int64?.self), caseStatus: try row.decode(column: "case_status", as: String?.self)
        )
    }

    /// The keyed hash that stands for an author: HMAC-SHA256 with this store's secret key.
    func authorHash(_ author: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(author.utf8), using: authorKey).map { String(format: "%02x", $0) }.joined()
    }

    /// A JSON string literal.
    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
