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
        // Many rows per statement: a round trip per row would cost more than the work. The item
        // rows are written before taking the database, which one writer holds at a time.
        let chunks = stride(from: 0, to: batch.count, by: Self.rowsPerStatement).map { start in
            let range = start..<min(start + Self.rowsPerStatement, batch.count)
            let (statement, searches) = itemStatement(batch[range], at: now)
            return (range: range, items: statement, searches: searches)
        }
        let dialect = backend.dialect
        return try await backend.bulkTransaction { database, runner in
            var outcomes: [IngestOutcome] = []
            outcomes.reserveCapacity(batch.count)
            for chunk in chunks {
                outcomes += try await Self.insertItems(batch[chunk.range], statement: chunk.items, searches: chunk.searches,
                                                       in: database, runner: runner, dialect: dialect, actor: actor, at: now)
            }
            return outcomes
        }
    }

    static let rowsPerStatement = 100

    /// The `INSERT` of some items, and the search text of each (both views folded for search).
    func itemStatement(_ items: ArraySlice<(item: ItemInput, verdict: VerdictRecord?)>, at now: Int64) -> (statement: BulkStatement, searches: [String]) {
        var statement = BulkStatement("INSERT INTO items (source, external_id, text, url, received_at, author_hash, metadata, search_text, top, action, created_at) VALUES ",
                                      tail: " ON CONFLICT (source, external_id) DO NOTHING RETURNING id, source, external_id")
        var searches: [String] = []
        for (item, verdict) in items {
            let search = SearchText.fold(item.text)
            searches.append(search)
            statement.rows.append([.text(item.source), .text(item.externalID), .text(item.text), BulkStatement.text(item.url),
                                   .integer(item.receivedAt ?? now), BulkStatement.text(item.author.map(authorHash)), .text(item.metadataJSON),
                                   .text(search), .text(verdict?.top ?? "pending"), .text(verdict?.action ?? "pending"), .integer(now)])
        }
        return (statement, searches)
    }

    /// Stores up to `rowsPerStatement` items (their `INSERT` written beforehand) with a few
    /// multi-row statements inside a transaction.
    static func insertItems(_ chunk: ArraySlice<(item: ItemInput, verdict: VerdictRecord?)>, statement: BulkStatement, searches: [String],
                            in database: any SQLDatabase, runner: any BulkRunner, dialect: StoreDialect,
                            actor: String, at now: Int64) async throws -> [IngestOutcome] {
        struct Key: Hashable { var source: String; var externalID: String }
        var inserted: [Key: Int64] = [:]
        for row in try await runner.run(statement) {
            inserted[Key(source: try row.text("source"), externalID: try row.text("external_id"))] = try row.integer("id")
        }
        // Items stored before: their ids and cases.
        var existing: [Key: (id: Int64, caseID: Int64?)] = [:]
        let missing = Set(chunk.map { Key(source: $0.item.source, externalID: $0.item.externalID) }).filter { inserted[$0] == nil }
        if !missing.isEmpty {
            let conditions: [SQLQueryString] = missing.map { "(items.source = \(bind: $0.source) AND items.external_id = \(bind: $0.externalID))" }
            for row in try await database.raw("SELECT items.id AS id, items.source AS source, items.external_id AS external_id, cases.id AS case_id FROM items LEFT JOIN cases ON cases.item_id = items.id WHERE "
                                              + conditions.joined(separator: " OR ")).all() {
                existing[Key(source: try row.decode(column: "source", as: String.self), externalID: try row.decode(column: "external_id", as: String.self))] =
                    (try row.decode(column: "id", as: Int64.self), try row.decode(column: "case_id", as: Int64?.self))
            }
        }
        var outcomes: [IngestOutcome] = []
        var fresh: [(index: Int, id: Int64, search: String)] = []
        var claimed = Set<Key>()
        for (offset, index) in chunk.indices.enumerated() {
            let key = Key(source: chunk[index].item.source, externalID: chunk[index].item.externalID)
            if let id = inserted[key], claimed.insert(key).inserted {
                fresh.append((index, id, searches[offset]))
                outcomes.append(IngestOutcome(id: id, created: true, caseID: nil))
            } else if let id = inserted[key] {
                outcomes.append(IngestOutcome(id: id, created: false, caseID: nil))  // the same item twice in one batch
            } else if let found = existing[key] {
                outcomes.append(IngestOutcome(id: found.id, created: false, caseID: found.caseID))
            } else {
                throw StoreError.conflict("item \(key.source)/\(key.externalID) vanished while being stored")
            }
        }
        guard !fresh.isEmpty else { return outcomes }
        if dialect == .sqlite {
            var search = BulkStatement("INSERT INTO item_search (rowid, body) VALUES ")
            search.rows = fresh.map { [.integer($0.id), .text($0.search)] }
            _ = try await runner.run(search)
        }
        let written = BulkStatement.Value.text(actor)
        let at = BulkStatement.Value.integer(now)
        var audits = BulkStatement("INSERT INTO audit_log (actor, action, entity, entity_id, before, after, at) VALUES ")
        audits.rows = fresh.map { entry in
            let item = chunk[entry.index].item
            return [written, .sql("'create'"), .sql("'item'"), .text(String(entry.id)), .null,
                    .text(#"{"source":\#(json(item.source)),"external_id":\#(json(item.externalID))}"#), at]
        }
        _ = try await runner.run(audits)
        let checked = fresh.filter { chunk[$0.index].verdict != nil }
        if !checked.isEmpty {
            var verdicts = BulkStatement("INSERT INTO verdicts (item_id, top, action, body, model_version, rules_version, created_at) VALUES ")
            verdicts.rows = checked.map { entry in
                let verdict = chunk[entry.index].verdict!
                return [.integer(entry.id), .text(verdict.top), .text(verdict.action), .text(verdict.json), .text(verdict.modelVersion), .text(verdict.rulesVersion), at]
            }
            _ = try await runner.run(verdicts)
        }
        let reviewed = checked.filter { chunk[$0.index].verdict!.opensCase }
        if !reviewed.isEmpty {
            var cases = BulkStatement("INSERT INTO cases (item_id, status, label, priority, due_at, created_at, updated_at) VALUES ",
                                      tail: " ON CONFLICT (item_id) DO NOTHING RETURNING id, item_id, label")
            cases.rows = reviewed.map { entry in
                let verdict = chunk[entry.index].verdict!
                let warn = verdict.action == "warn"
                return [.integer(entry.id), .sql("'new'"), .text(verdict.top), .integer(warn ? 2 : 1), .integer(now + (warn ? 24 : 72) * 3_600_000), at, at]
            }
            var caseAudits = BulkStatement("INSERT INTO audit_log (actor, action, entity, entity_id, before, after, at) VALUES ")
            var caseOf: [Int64: Int64] = [:]
            for row in try await runner.run(cases) {
                let caseID = try row.integer("id")
                let itemID = try row.integer("item_id")
                caseOf[itemID] = caseID
                caseAudits.rows.append([written, .sql("'open'"), .sql("'case'"), .text(String(caseID)), .null,
                                        .text(#"{"item_id":\#(itemID),"status":"new","label":\#(json(try row.text("label")))}"#), at])
            }
            if !caseAudits.rows.isEmpty { _ = try await runner.run(caseAudits) }
            for index in outcomes.indices where outcomes[index].created { outcomes[index].caseID = caseOf[outcomes[index].id] }
        }
        let queued = fresh.filter { chunk[$0.index].verdict == nil }
        if !queued.isEmpty {
            var jobs = BulkStatement("INSERT INTO jobs (kind, payload, status, run_after, created_at) VALUES ")
            jobs.rows = queued.map { [.sql("'check_item'"), .text(String($0.id)), .sql("'queued'"), at, at] }
            _ = try await runner.run(jobs)
        }
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
