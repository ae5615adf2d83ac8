import SQLKit
import SQLiteKit

/// One multi-row statement, written once for both back ends: the SQL before the rows, each row's
/// values, and the SQL after them (`ON CONFLICT ...`, `RETURNING ...`).
///
/// Ingest writes a thousand items a request, some thirty values each. Through SQLKit every value
/// is serialized and then encoded by reflection, which took a third of the time the database
/// lock was held; a ``BulkRunner`` for SQLite binds the values to SQLiteNIO directly instead.
public struct BulkStatement: Sendable {
    /// A value in a row: bound as a parameter, or (`sql`) written as it is, for constants.
    public enum Value: Sendable {
        case text(String)
        case integer(Int64)
        case null
        case sql(String)
    }

    public var head: String
    public var rows: [[Value]] = []
    public var tail = ""

    public init(_ head: String, tail: String = "") {
        self.head = head
        self.tail = tail
    }

    /// An optional text, bound as NULL when absent.
    public static func text(_ value: String?) -> Value { value.map(Value.text) ?? .null }
}

/// A result row of a ``BulkStatement``, read by column name whichever back end ran it.
public protocol BulkRow {
    func integer(_ column: String) throws -> Int64
    func optionalInteger(_ column: String) throws -> Int64?
    func text(_ column: String) throws -> String
}

/// Runs ``BulkStatement``s inside a transaction.
public protocol BulkRunner: Sendable {
    func run(_ statement: BulkStatement) async throws -> [any BulkRow]
}

/// Runs bulk statements through SQLKit (PostgreSQL).
struct SQLKitBulkRunner: BulkRunner {
    let database: any SQLDatabase

    func run(_ statement: BulkStatement) async throws -> [any BulkRow] {
        var query = SQLQueryString(statement.head)
        for (index, row) in statement.rows.enumerated() {
            query.appendLiteral(index == 0 ? "(" : ", (")
            for (column, value) in row.enumerated() {
                if column > 0 { query.appendLiteral(", ") }
                switch value {
                case .text(let text): query.appendInterpolation(bind: text)
                case .integer(let number): query.appendInterpolation(bind: number)
                case .null: query.appendLiteral("NULL")
                case .sql(let sql): query.appendInterpolation(unsafeRaw: sql)
                }
            }
            query.appendLiteral(")")
        }
        query.appendInterpolation(unsafeRaw: statement.tail)
        return try await database.raw(query).all().map(Row.init)
    }

    private struct Row: BulkRow {
        let row: any SQLRow
        init(_ row: any SQLRow) { self.row = row }
        func integer(_ column: String) throws -> Int64 { try row.decode(column: column, as: Int64.self) }
        func optionalInteger(_ column: String) throws -> Int64? { try row.decode(column: column, as: Int64?.self) }
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
    }
}

/// Runs bulk statements on a SQLite connection, binding the values directly.
struct SQLiteBulkRunner: BulkRunner {
    let connection: SQLiteConnection

    func run(_ statement: BulkStatement) async throws -> [any BulkRow] {
        var sql = statement.head
        var binds: [SQLiteData] = []
        binds.reserveCapacity(statement.rows.count * (statement.rows.first?.count ?? 0))
        for (index, row) in statement.rows.enumerated() {
            sql += index == 0 ? "(" : ", ("
            for (column, value) in row.enumerated() {
                if column > 0 { sql += ", " }
                switch value {
                case .text(let text): sql += "?"; binds.append(.text(text))
                case .integer(let number): sql += "?"; binds.append(.integer(SQLiteInt64(number)))
                case .null: sql += "NULL"
                case .sql(let raw): sql += raw
                }
            }
            sql += ")"
        }
        sql += statement.tail
        return try await connection.query(sql, binds).map(Row.init)
    }

    private struct Row: BulkRow {
        let row: SQLiteRow
        init(_ row: SQLiteRow) { self.row = row }

        func integer(_ column: String) throws -> Int64 {
            guard let value = try optionalInteger(column) else { throw StoreError.invalid("no integer in column `\(column)`") }
            return value
        }

        func optionalInteger(_ column: String) throws -> Int64? {
            guard let data = row.column(column) else { throw StoreError.invalid("no column `\(column)`") }
            if data.isNull { return nil }
            guard let value = data.integer else { throw StoreError.invalid("column `\(column)` is not an integer") }
            return Int64(value)
        }

        func text(_ column: String) throws -> String {
            guard let value = row.column(column)?.string else { throw StoreError.invalid("no text in column `\(column)`") }
            return value
        }
    }
}
