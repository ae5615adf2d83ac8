import Foundation
import SQLKit

extension Store {
    /// Writes a new draft. A fact-check names the claim it checks.
    public func createPublication(_ kind: Publication.Kind, _ draft: PublicationDraft, author: String) async throws -> Publication {
        guard let title = draft.title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty, title.count <= 300 else {
            throw StoreError.invalid("a title of 1 to 300 characters is needed")
        }
        let body = draft.body ?? ""
        let sources = try Self.checkedSources(draft.sources ?? [])
        if kind == .warning && (draft.claim != nil || draft.rating != nil) { throw StoreError.invalid("a warning has no claim or rating") }
        let dialect = backend.dialect
        let id = try await backend.transaction { database in
            let now = Clock.now()
            let slug = try await Self.uniqueSlug(for: title, in: database)
            var claimID: Int64?
            if let claim = draft.claim?.trimmingCharacters(in: .whitespacesAndNewlines), !claim.isEmpty {
                claimID = try await database.raw("""
                    INSERT INTO claims (text, verdict, created_at, updated_at) VALUES (\(bind: claim), \(bind: (draft.rating ?? .unproven).rawValue), \(bind: now), \(bind: now)) RETURNING id
                    """).first(decodingColumn: "id", as: Int64.self)
            }
            guard let id = try await database.raw("""
                INSERT INTO fact_checks (kind, slug, claim_id, rating, title, body, sources, status, author, search_text, created_at, updated_at)
                VALUES (\(bind: kind.rawValue), \(bind: slug), \(bind: claimID), \(bind: draft.rating?.rawValue), \(bind: title), \(bind: body), \(bind: Self.encode(sources)),
                        'draft', \(bind: author), \(bind: SearchText.fold(title + " " + (draft.claim ?? "") + " " + body)), \(bind: now), \(bind: now))
                RETURNING id
                """).first(decodingColumn: "id", as: Int64.self) else { throw StoreError.conflict("the draft was not stored") }
            if dialect == .sqlite {
                try await database.raw("INSERT INTO fact_check_search (rowid, body) VALUES (\(bind: id), \(bind: SearchText.fold(title + " " + (draft.claim ?? "") + " " + body)))").run()
            }
            try await Self.audit(database, actor: author, action: "create", entity: kind.rawValue, id: String(id), before: nil,
                                 after: #"{"title":\#(Self.json(title)),"status":"draft"}"#, at: now)
            return id
        }
        guard let created = try await publication(id: id) else { throw StoreError.notFound("publication \(id)") }
        return created
    }

    /// Edits a publication. A published one can be changed only with a correction note, which
    /// readers see; a retracted one cannot be changed.
    public func updatePublication(id: Int64, _ draft: PublicationDraft, actor: String) async throws -> Publication {
        let sources = try draft.sources.map(Self.checkedSources)
        let dialect = backend.dialect
        guard let current = try await publication(id: id) else { throw StoreError.notFound("publication \(id)") }
        guard current.status != .retracted else { throw StoreError.conflict("a retracted publication cannot be changed") }
        if current.kind == .warning && (draft.claim != nil || draft.rating != nil) { throw StoreError.invalid("a warning has no claim or rating") }
        var corrections = current.corrections
        if current.status == .published {
            guard let note = draft.correction?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty else {
                throw StoreError.invalid("a published text can be changed only with a correction note for readers")
            }
            corrections.append(Publication.Correction(at: Clock.now(), note: note))
        }
        let title = draft.title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? current.title
        guard !title.isEmpty, title.count <= 300 else { throw StoreError.invalid("a title of 1 to 300 characters is needed") }
        let body = draft.body ?? current.body
        let rating = draft.rating ?? current.rating
        let newSources = sources ?? current.sources
        let correctionsJSON = String(decoding: try JSONEncoder().encode(corrections), as: UTF8.self)
        try await backend.transaction { database in
            let now = Clock.now()
            if let claim = draft.claim, let claimID = current.claimID {
                try await database.raw("UPDATE claims SET text = \(bind: claim), updated_at = \(bind: now) WHERE id = \(bind: claimID)").run()
            }
            if let rating, let claimID = current.claimID {
                try await database.raw("UPDATE claims SET verdict = \(bind: rating.rawValue), updated_at = \(bind: now) WHERE id = \(bind: claimID)").run()
            }
            let search = SearchText.fold(title + " " + (draft.claim ?? current.claim ?? "") + " " + body)
            try await database.raw("""
                UPDATE fact_checks SET title = \(bind: title), body = \(bind: body), rating = \(bind: rating?.rawValue), sources = \(bind: Self.encode(newSources)),
                    corrections = \(bind: correctionsJSON), search_text = \(bind: search), updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """).run()
            if dialect == .sqlite {
                try await database.raw("DELETE FROM fact_check_search WHERE rowid = \(bind: id)").run()
                try await database.raw("INSERT INTO fact_check_search (rowid, body) VALUES (\(bind: id), \(bind: search))").run()
            }
            try await Self.audit(database, actor: actor, action: current.status == .published ? "correct" : "edit", entity: current.kind.rawValue, id: String(id),
                                 before: #"{"title":\#(Self.json(current.title)),"body":\#(Self.json(current.body)),"rating":\#(current.rating.map { "\"\($0.rawValue)\"" } ?? "null")}"#,
                                 after: #"{"title":\#(Self.json(title)),"body":\#(Self.json(body)),"rating":\#(rating.map { "\"\($0.rawValue)\"" } ?? "null"),"correction":\#(draft.correction.map(Self.json) ?? "null")}"#,
                                 at: now)
        }
        guard let updated = try await publication(id: id) else { throw StoreError.notFound("publication \(id)") }
        return updated
    }

    /// Publishes a draft: it needs at least one source, and a fact-check a claim and a rating.
    public func publish(id: Int64, actor: String) async throws -> Publication {
        guard let current = try await publication(id: id) else { throw StoreError.notFound("publication \(id)") }
        guard current.status == .draft else { throw StoreError.conflict("only a draft can be published (this one is \(current.status.rawValue))") }
        guard !current.sources.isEmpty else { throw StoreError.invalid("publishing needs at least one source") }
        guard !current.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw StoreError.invalid("publishing needs a body") }
        if current.kind == .factCheck {
            guard current.claimID != nil, current.rating != nil else { throw StoreError.invalid("a fact-check needs its claim and a rating to be published") }
        }
        try await backend.transaction { database in
            let now = Clock.now()
            try await database.raw("UPDATE fact_checks SET status = 'published', published_at = \(bind: now), updated_at = \(bind: now) WHERE id = \(bind: id)").run()
            if let claimID = current.claimID {
                // The published fact-check is where the known claim points readers.
                try await database.raw("UPDATE claims SET url = \(bind: "/fact-checks/" + current.slug), updated_at = \(bind: now) WHERE id = \(bind: claimID)").run()
            }
            try await Self.audit(database, actor: actor, action: "publish", entity: current.kind.rawValue, id: String(id),
                                 before: #"{"status":"draft"}"#, after: #"{"status":"published"}"#, at: now)
        }
        guard let published = try await publication(id: id) else { throw StoreError.notFound("publication \(id)") }
        return published
    }

    /// Retracts a published text; the reason is shown where it was.
    public func retract(id: Int64, reason: String, actor: String) async throws -> Publication {
        guard let current = try await publication(id: id) else { throw StoreError.notFound("publication \(id)") }
        guard current.status == .published else { throw StoreError.conflict("only a published text can be retracted") }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw StoreError.invalid("a retraction needs a reason") }
        var corrections = current.corrections
        corrections.append(Publication.Correction(at: Clock.now(), note: "Retracted: " + reason))
        let correctionsJSON = String(decoding: try JSONEncoder().encode(corrections), as: UTF8.self)
        try await backend.transaction { database in
            let now = Clock.now()
            try await database.raw("UPDATE fact_checks SET status = 'retracted', corrections = \(bind: correctionsJSON), updated_at = \(bind: now) WHERE id = \(bind: id)").run()
            try await Self.audit(database, actor: actor, action: "retract", entity: current.kind.rawValue, id: String(id),
                                 before: #"{"status":"published"}"#, after: #"{"status":"retracted","reason":\#(Self.json(reason))}"#, at: now)
        }
        guard let retracted = try await publication(id: id) else { throw StoreError.notFound("publication \(id)") }
        return retracted
    }

    /// One publication by id.
    public func publication(id: Int64) async throws -> Publication? {
        try await backend.read { database in
            try await database.raw(SQLQueryString(Self.publicationSelect) + " WHERE fact_checks.id = \(bind: id)").first().map(Self.decodePublication)
        }
    }

    /// One publication by slug.
    public func publication(slug: String) async throws -> Publication? {
        try await backend.read { database in
            try await database.raw(SQLQueryString(Self.publicationSelect) + " WHERE fact_checks.slug = \(bind: slug)").first().map(Self.decodePublication)
        }
    }

    /// Publications of a kind, newest first, optionally only some statuses and matching words.
    public func publications(_ kind: Publication.Kind, status: [Publication.Status] = [.published], query: String? = nil,
                             limit: Int = 20, after: Int64? = nil) async throws -> (publications: [Publication], total: Int, next: Int64?) {
        let dialect = backend.dialect
        return try await backend.read { database in
            var conditions: [SQLQueryString] = ["fact_checks.kind = \(bind: kind.rawValue)"]
            if !status.isEmpty { conditions.append("fact_checks.status IN (\(binds: status.map(\.rawValue)))") }
            if let query {
                let words = SearchText.words(query)
                if words.isEmpty { conditions.append("1 = 0") }
                else if dialect == .sqlite { conditions.append("fact_checks.id IN (SELECT rowid FROM fact_check_search WHERE fact_check_search MATCH \(bind: SearchText.fts5(words)))") }
                else { conditions.append("to_tsvector('simple', fact_checks.search_text) @@ plainto_tsquery('simple', \(bind: words.joined(separator: " ")))") }
            }
            let total = try await database.raw("SELECT COUNT(*) AS total FROM fact_checks WHERE " + conditions.joined(separator: " AND "))
                .first(decodingColumn: "total", as: Int.self) ?? 0
            var page = conditions
            if let after { page.append("fact_checks.id < \(bind: after)") }
            let limit = max(1, min(limit, 200))
            let rows = try await database.raw(SQLQueryString(Self.publicationSelect) + " WHERE " + page.joined(separator: " AND ")
                                              + " ORDER BY fact_checks.id DESC LIMIT \(literal: limit + 1)").all()
            let found = try rows.prefix(limit).map(Self.decodePublication)
            return (found, total, rows.count > limit ? found.last?.id : nil)
        }
    }

    static let publicationSelect = """
        SELECT fact_checks.id, fact_checks.kind, fact_checks.slug, fact_checks.claim_id, claims.text AS claim, fact_checks.rating, fact_checks.title,
               fact_checks.body, fact_checks.sources, fact_checks.corrections, fact_checks.status, fact_checks.author, fact_checks.created_at,
               fact_checks.updated_at, fact_checks.published_at
        FROM fact_checks LEFT JOIN claims ON claims.id = fact_checks.claim_id
        """

    static func decodePublication(_ row: any SQLRow) throws -> Publication {
        let decoder = JSONDecoder()
        return Publication(
            id: try row.decode(column: "id", as: Int64.self), kind: Publication.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .factCheck,
            slug: try row.decode(column: "slug", as: String.self), claimID: try row.decode(column: "claim_id", as: Int64?.self),
            claim: try row.decode(column: "claim", as: String?.self), rating: try row.decode(column: "rating", as: String?.self).flatMap(Publication.Rating.init(rawValue:)),
            title: try row.decode(column: "title", as: String.self), body: try row.decode(column: "body", as: String.self),
            sources: (try? decoder.decode([String].self, from: Data(try row.decode(column: "sources", as: String.self).utf8))) ?? [],
            corrections: (try? decoder.decode([Publication.Correction].self, from: Data(try row.decode(column: "corrections", as: String.self).utf8))) ?? [],
            status: Publication.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft, author: try row.decode(column: "author", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self),
            publishedAt: try row.decode(column: "published_at", as: Int64?.self)
        )
    }

    /// Sources are links a reader can follow.
    static func checkedSources(_ sources: [String]) throws -> [String] {
        let trimmed = sources.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for source in trimmed {
            guard let url = URL(string: source), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw StoreError.invalid("a source must be an http or https link: \(source)")
            }
        }
        return trimmed
    }

    static func encode(_ strings: [String]) -> String {
        "[" + strings.map(json).joined(separator: ",") + "]"
    }

    /// A readable, unique address: the title without accents, words joined by hyphens.
    static func uniqueSlug(for title: String, in database: any SQLDatabase) async throws -> String {
        let words = SearchText.words(title).prefix(10)
        let base = words.isEmpty ? "bai-viet" : words.joined(separator: "-")
        var slug = String(base.prefix(80))
        var attempt = 1
        while try await database.raw("SELECT id FROM fact_checks WHERE slug = \(bind: slug)").first() != nil {
            attempt += 1
            slug = String(base.prefix(80)) + "-\(attempt)"
        }
        return slug
    }
}
