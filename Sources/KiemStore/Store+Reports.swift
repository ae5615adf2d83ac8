import Foundation
import SQLKit

extension Store {
    /// Stores a citizen's report: the text becomes an item from the `tipline` source (checked,
    /// and sent to review when the policy says so), and the citizen gets a receipt number.
    /// A contact is kept only when the citizen agreed to be contacted.
    public func submitReport(text: String, url: String?, contact: String?, verdict: VerdictRecord) async throws -> CitizenReport {
        let receipt = Self.receipt()
        let dialect = backend.dialect
        let now = Clock.now()
        let item = prepareItems([(ItemInput(source: "tipline", externalID: receipt, text: text, url: url, receivedAt: now), verdict)], actor: "public", at: now)
        return try await backend.bulkTransaction { database, runner in
            guard let outcome = try await Self.insertItems(item, in: database, runner: runner, dialect: dialect).first else {
                throw StoreError.conflict("the report was not stored")
            }
            guard let id = try await database.raw("""
                INSERT INTO reports (receipt, item_id, contact, status, created_at) VALUES (\(bind: receipt), \(bind: outcome.id), \(bind: contact), 'received', \(bind: now)) RETURNING id
                """).first(decodingColumn: "id", as: Int64.self) else { throw StoreError.conflict("the report was not stored") }
            return CitizenReport(id: id, receipt: receipt, itemID: outcome.id, status: "received", createdAt: now, top: verdict.top, text: text)
        }
    }

    /// A report by its receipt number.
    public func report(receipt: String) async throws -> CitizenReport? {
        try await backend.read { database in
            try await database.raw(SQLQueryString(Self.reportSelect) + " WHERE reports.receipt = \(bind: receipt.uppercased())").first().map(Self.decodeReport)
        }
    }

    /// Reports, newest first.
    public func reports(limit: Int = 50, after: Int64? = nil) async throws -> (reports: [CitizenReport], next: Int64?) {
        try await backend.read { database in
            let page: SQLQueryString = after.map { " WHERE reports.id < \(bind: $0)" } ?? ""
            let rows = try await database.raw(SQLQueryString(Self.reportSelect) + page + " ORDER BY reports.id DESC LIMIT \(literal: max(1, min(limit, 500)) + 1)").all()
            let found = try rows.prefix(max(1, min(limit, 500))).map(Self.decodeReport)
            return (found, rows.count > found.count ? found.last?.id : nil)
        }
    }

    static let reportSelect = """
        SELECT reports.id, reports.receipt, reports.item_id, reports.status, reports.created_at, items.top, items.text
        FROM reports JOIN items ON items.id = reports.item_id
        """

    static func decodeReport(_ row: any SQLRow) throws -> CitizenReport {
        CitizenReport(id: try row.decode(column: "id", as: Int64.self), receipt: try row.decode(column: "receipt", as: String.self),
                      itemID: try row.decode(column: "item_id", as: Int64.self), status: try row.decode(column: "status", as: String.self),
                      createdAt: try row.decode(column: "created_at", as: Int64.self), top: try row.decode(column: "top", as: String.self),
                      text: try row.decode(column: "text", as: String.self))
    }

    /// "KR-" and ten characters a person can read out without ambiguity.
    static func receipt() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return "KR-" + String((0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
