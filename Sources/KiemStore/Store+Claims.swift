import Foundation
import KiemDetect
import SQLKit

extension Store {
    /// Imports known claims (idempotent on their external id): text, verdict, fact-check url and variants.
    public func importClaims(_ claims: [(externalID: String, text: String, verdict: Publication.Rating, url: String?, variants: [String])],
                             actor: String) async throws -> ImportOutcome {
        try await backend.transaction { database in
            let now = Clock.now()
            var created = 0
            var updated = 0
            for claim in claims {
                let existing = try await database.raw("SELECT id FROM claims WHERE external_id = \(bind: claim.externalID)").first(decodingColumn: "id", as: Int64.self)
                let id: Int64
                if let existing {
                    try await database.raw("""
                        UPDATE claims SET text = \(bind: claim.text), verdict = \(bind: claim.verdict.rawValue), url = \(bind: claim.url), updated_at = \(bind: now) WHERE id = \(bind: existing)
                        """).run()
                    try await database.raw("DELETE FROM claim_variants WHERE claim_id = \(bind: existing)").run()
                    id = existing
                    updated += 1
                } else {
                    guard let new = try await database.raw("""
                        INSERT INTO claims (text, verdict, url, external_id, created_at, updated_at)
                        VALUES (\(bind: claim.text), \(bind: claim.verdict.rawValue), \(bind: claim.url), \(bind: claim.externalID), \(bind: now), \(bind: now)) RETURNING id
                        """).first(decodingColumn: "id", as: Int64.self) else { throw StoreError.conflict("claim \(claim.externalID) was not stored") }
                    id = new
                    created += 1
                }
                for variant in claim.variants where !variant.isEmpty {
                    try await database.raw("INSERT INTO claim_variants (claim_id, text) VALUES (\(bind: id), \(bind: variant))").run()
                }
            }
            if created + updated > 0 {
                try await Self.audit(database, actor: actor, action: "import", entity: "claim", id: "bulk", before: nil,
                                     after: #"{"created":\#(created),"updated":\#(updated)}"#, at: now)
            }
            return ImportOutcome(created: created, updated: updated, rejected: 0)
        }
    }

    /// Known claims with their variants, newest first.
    public func claims(limit: Int = 100, after: Int64? = nil) async throws -> (claims: [Claim], next: Int64?) {
        try await backend.read { database in
            let page: SQLQueryString = after.map { " WHERE id < \(bind: $0)" } ?? ""
            let limit = max(1, min(limit, 10_000))
            let rows = try await database.raw("SELECT id, external_id, text, verdict, url FROM claims" + page + " ORDER BY id DESC LIMIT \(literal: limit + 1)").all()
            var claims = try rows.prefix(limit).map { row in
                Claim(id: try row.decode(column: "id", as: Int64.self), externalID: try row.decode(column: "external_id", as: String?.self),
                      text: try row.decode(column: "text", as: String.self),
                      verdict: Publication.Rating(rawValue: try row.decode(column: "verdict", as: String.self)) ?? .unproven,
                      url: try row.decode(column: "url", as: String?.self), variants: [])
            }
            let variants = try await Self.variants(database, of: claims.map(\.id))
            for index in claims.indices { claims[index].variants = variants[claims[index].id] ?? [] }
            return (claims, rows.count > limit ? claims.last?.id : nil)
        }
    }
}

extension Store {
    /// The claims the engine matches messages against: every imported claim, and the claim of
    /// every published fact-check (not drafts, not retracted ones), with their variants. Read in
    /// pages, so a million claims load in bounded steps.
    public func matchableClaims(pageSize: Int = 20_000) async throws -> [KnownClaim] {
        var claims: [KnownClaim] = []
        var after: Int64 = 0
        while true {
            let from = after
            let page: [(id: Int64, claim: KnownClaim)] = try await backend.read { database in
                let rows = try await database.raw("""
                    SELECT id, external_id, text, verdict, url FROM claims
                    WHERE id > \(bind: from) AND (external_id IS NOT NULL
                        OR EXISTS (SELECT 1 FROM fact_checks WHERE fact_checks.claim_id = claims.id AND fact_checks.status = 'published'))
                    ORDER BY id LIMIT \(literal: pageSize)
                    """).all()
                let page = try rows.map { row -> (id: Int64, claim: KnownClaim) in
                    let id = try row.decode(column: "id", as: Int64.self)
                    return (id, KnownClaim(key: try row.decode(column: "external_id", as: String?.self) ?? String(id),
                                           text: try row.decode(column: "text", as: String.self),
                                           verdict: try row.decode(column: "verdict", as: String.self),
                                           url: try row.decode(column: "url", as: String?.self)))
                }
                let variants = try await Self.variants(database, of: page.map(\.id))
                return page.map { entry in
                    var claim = entry.claim
                    claim.variants = variants[entry.id] ?? []
                    return (entry.id, claim)
                }
            }
            claims.append(contentsOf: page.map(\.claim))
            guard page.count == pageSize, let last = page.last?.id else { return claims }
            after = last
        }
    }

    /// The variants of some claims, by claim id, in the order they were stored (one query over the
    /// id range; claims outside `ids` in that range are skipped).
    private static func variants(_ database: any SQLDatabase, of ids: [Int64]) async throws -> [Int64: [String]] {
        guard let low = ids.min(), let high = ids.max() else { return [:] }
        let wanted = Set(ids)
        var variants: [Int64: [String]] = [:]
        for row in try await database.raw("SELECT claim_id, text FROM claim_variants WHERE claim_id BETWEEN \(bind: low) AND \(bind: high) ORDER BY id").all() {
            let claimID = try row.decode(column: "claim_id", as: Int64.self)
            if wanted.contains(claimID) { variants[claimID, default: []].append(try row.decode(column: "text", as: String.self)) }
        }
        return variants
    }

    /// A value that changes whenever a claim or a fact-check changes, to know when to reload.
    public func claimsRevision() async throws -> String {
        try await backend.read { database in
            guard let row = try await database.raw("""
                SELECT (SELECT COUNT(*) FROM claims) AS claims, (SELECT MAX(updated_at) FROM claims) AS claims_at,
                       (SELECT MAX(updated_at) FROM fact_checks) AS checks_at
                """).first() else { return "" }
            let count = try row.decode(column: "claims", as: Int64.self)
            let claimsAt = try row.decode(column: "claims_at", as: Int64?.self) ?? 0
            let checksAt = try row.decode(column: "checks_at", as: Int64?.self) ?? 0
            return "\(count)/\(claimsAt)/\(checksAt)"
        }
    }
}
