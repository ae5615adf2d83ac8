import Logging
import SQLKit
import SQLiteKit

/// The embedded default: one SQLite file in WAL mode with `synchronous = FULL`, so a commit is
/// on disk before it is acknowledged.
///
/// One connection, owned here and closed once, serves every request in turn: SQLite writes one
/// transaction at a time anyway, and a single owner keeps the connection's life simple.
public final class SQLiteBackend: StoreBackend {
    public let dialect = StoreDialect.sqlite
    public let path: String
    private let connection: SQLiteConnection
    private let lock = SerialLock()
    private let closed = ClosedFlag()

    /// Opens (creating it if needed) the database file at `path`.
    public init(path: String, logger: Logger = Logger(label: "kiem.store")) async throws {
        self.path = path
        connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let database = connection.sql()
        do {
            for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000"] {
                try await database.raw(SQLQueryString(pragma)).run()
            }
        } catch {
            try? await connection.close()
            throw error
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await bulkTransaction { database, _ in try await body(database) }
    }

    public func bulkTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase, any BulkRunner) async throws -> T) async throws -> T {
        try await lock.run {
            try closed.check()
            let database = connection.sql()
            try await database.raw("BEGIN IMMEDIATE").run()
            do {
                let value = try await body(database, SQLiteBulkRunner(connection: connection))
                try await database.raw("COMMIT").run()
                return value
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await lock.run {
            try closed.check()
            return try await body(connection.sql())
        }
    }

    public func close() async throws {
        try await lock.run {
            guard closed.close() else { return }
            try await connection.close()
        }
    }

    /// A backend dropped without `close()` (a failed test, an error path) still closes its
    /// connection, once, instead of tripping sqlite-nio's deinit assertion.
    deinit {
        guard closed.close() else { return }
        let connection = connection
        Task { try? await connection.close() }
    }
}

/// Whether a backend was closed; closing twice is a no-op, using after close an error.
final class ClosedFlag: @unchecked Sendable {
    private var isClosed = false

    /// Marks closed; false when it already was.
    func close() -> Bool {
        if isClosed { return false }
        isClosed = true
        return true
    }

    func check() throws {
        if isClosed { throw StoreError.closed }
    }
}
