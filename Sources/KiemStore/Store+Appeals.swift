import Foundation
import KiemDetect
import SQLKit

extension Store {
    /// Files an appeal against something Kiem decided or published. A contested decision moves
    /// its case back to the queue (`appealed`); the contested thing must exist and be public.
    /// A contact is kept only when given.
    public func fileAppeal(_ target: Appeal.Target, reference: String, reason: String, contact: String?) async throws -> Appeal {
        let reference = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reference.isEmpty, reference.utf8.count <= 2048 else { throw StoreError.invalid("say what you contest (a case number, receipt, listed value or page)") }
        guard !reason.isEmpty else { throw StoreError.invalid("an appeal needs a reason") }
        guard reason.utf8.count <= 10_000 else { throw StoreError.invalid("the reason is longer than 10000 bytes") }
        let receipt = "AP-" + Self.receipt().dropFirst(3)
        let dialect = backend.dialect
        return try await backend.transaction { database in
            let now = Clock.now()
            var caseID: Int64?
            switch target {
            case .decision:
                let digits = reference.drop { $0 == "#" }
                let found: Int64? = if let number = Int64(digits) {
                    try await database.raw("SELECT id FROM cases WHERE id = \(bind: number)").first(decodingColumn: "id", as: Int64.self)
                } else {
                    try await database.raw("""
                        SELECT cases.id FROM reports JOIN cases ON cases.item_id = reports.item_id WHERE reports.receipt = \(bind: reference.uppercased())
                        """).first(decodingColumn: "id", as: Int64.self)
                }
                guard let found else { throw StoreError.notFound("a decision for \(reference)") }
                let lock: SQLQueryString = dialect == .postgres ? " FOR UPDATE" : ""
                let status = try await database.raw("SELECT status FROM cases WHERE id = \(bind: found)" + lock).first(decodingColumn: "status", as: String.self)
                guard status == CaseStatus.decided.rawValue else { throw StoreError.conflict("case \(found) has no decision to contest (it is \(status ?? "unknown"))") }
                try await database.raw("UPDATE cases SET status = 'appealed', updated_at = \(bind: now) WHERE id = \(bind: found)").run()
                try await Self.audit(database, actor: "public", action: "appeal", entity: "case", id: String(found),
                                     before: #"{"status":"decided"}"#, after: #"{"status":"appealed","reason":\#(Self.json(reason)),"receipt":"\#(receipt)"}"#, at: now)
                caseID = found
            case .indicator:
                guard let (kind, value) = IndicatorList.classify(reference),
                      try await database.raw("SELECT id FROM indicators WHERE type = \(bind: kind.rawValue) AND value = \(bind: value)").first() != nil else {
                    throw StoreError.notFound("a listed indicator \(reference)")
                }
            case .publication:
                let slug = reference.split(separator: "/").last.map(String.init) ?? reference
                guard try await database.raw("SELECT id FROM fact_checks WHERE slug = \(bind: slug) AND status = 'published'").first() != nil else {
                    throw StoreError.notFound("a published fact-check or warning \(reference)")
                }
            }
            let contact = contact.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
            guard let id = try await database.raw("""
                INSERT INTO appeals (receipt, target_kind, target, case_id, reason, contact, status, created_at)
                VALUES (\(bind: receipt), \(bind: target.rawValue), \(bind: reference), \(bind: caseID), \(bind: reason), \(bind: contact), 'open', \(bind: now))
                RETURNING id
                """).first(decodingColumn: "id", as: Int64.self) else { throw StoreError.conflict("the appeal was not stored") }
            try await Self.audit(database, actor: "public", action: "file", entity: "appeal", id: String(id), before: nil,
                                 after: #"{"target":"\#(target.rawValue)","reference":\#(Self.json(reference))}"#, at: now)
            return Appeal(id: id, receipt: receipt, target: target, reference: reference, caseID: caseID, reason: reason, status: .open,
                          resolution: nil, resolvedBy: nil, createdAt: now, resolvedAt: nil)
        }
    }

    /// Upholds or overturns an open appeal, with a note that says why.
    public func resolveAppeal(id: Int64, overturn: Bool, note: String, actor: String) async throws -> Appeal {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw StoreError.invalid("say why the appeal is upheld or overturned") }
        return try await backend.transaction { database in
            guard var appeal = try await database.raw(SQLQueryString(Self.appealSelect) + " WHERE id = \(bind: id)").first().map(Self.decodeAppeal) else {
                throw StoreError.notFound("appeal \(id)")
            }
            guard appeal.status == .open else { throw StoreError.conflict("appeal \(appeal.receipt) is already \(appeal.status.rawValue)") }
            let now = Clock.now()
            appeal.status = overturn ? .overturned : .upheld
            appeal.resolution = note
            appeal.resolvedBy = actor
            appeal.resolvedAt = now
            try await database.raw("""
                UPDATE appeals SET status = \(bind: appeal.status.rawValue), resolution = \(bind: note), resolved_by = \(bind: actor), resolved_at = \(bind: now) WHERE id = \(bind: id)
                """).run()
            try await Self.audit(database, actor: actor, action: appeal.status.rawValue, entity: "appeal", id: String(id),
                                 before: #"{"status":"open"}"#, after: #"{"status":"\#(appeal.status.rawValue)","note":\#(Self.json(note))}"#, at: now)
            return appeal
        }
    }

    /// Appeals with these statuses, newest first.
    public func appeals(status: [Appeal.Status] = [.open], limit: Int = 100) async throws -> [Appeal] {
        try await backend.read { database in
            let filter: SQLQueryString = status.isEmpty ? "" : " WHERE status IN (\(binds: status.map(\.rawValue)))"
            return try await database.raw(SQLQueryString(Self.appealSelect) + filter + " ORDER BY id DESC LIMIT \(literal: max(1, min(limit, 500)))").all().map(Self.decodeAppeal)
        }
    }

    /// An appeal by its receipt.
    public func appeal(receipt: String) async throws -> Appeal? {
        try await backend.read { database in
            try await database.raw(SQLQueryString(Self.appealSelect) + " WHERE receipt = \(bind: receipt.uppercased())").first().map(Self.decodeAppeal)
        }
    }

    static let appealSelect = "SELECT id, receipt, target_kind, target, case_id, reason, status, resolution, resolved_by, created_at, resolved_at FROM appeals"

    static func decodeAppeal(_ row: any SQLRow) throws -> Appeal {
        Appeal(id: try row.decode(column: "id", as: Int64.self), receipt: try row.decode(column: "receipt", as: String.self),
               target: Appeal.Target(rawValue: try row.decode(column: "target_kind", as: String.self)) ?? .decision,
               reference: try row.decode(column: "target", as: String.self), caseID: try row.decode(column: "case_id", as: Int64?.self),
               reason: try row.decode(column: "reason", as: String.self),
               status: Appeal.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
               resolution: try row.decode(column: "resolution", as: String?.self), resolvedBy: try row.decode(column: "resolved_by", as: String?.self),
               createdAt: try row.decode(column: "created_at", as: Int64.self), resolvedAt: try row.decode(column: "resolved_at", as: Int64?.self))
    }
}
