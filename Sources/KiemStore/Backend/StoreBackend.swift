import SQLKit

/// Which SQL a backend speaks, where the two differ (full-text search, the job queue).
public enum StoreDialect: Sendable {
    case sqlite
    case postgres
}

/// A database the store runs on: an embedded SQLite file or a PostgreSQL server.
///
/// Every change goes through `transaction`, which commits durably before it returns, so an
/// acknowledged write survives a crash; reads may run outside a transaction.
public protocol StoreBackend: Sendable {
    var dialect: StoreDialect { get }
    /// Runs `body` in one transaction; commits when it returns, rolls back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one transaction, with a runner for the multi-row statements of ingest that
    /// binds their values the fastest way the back end allows.
    func bulkTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase, any BulkRunner) async throws -> T) async throws -> T
    /// Runs `body` with a connection, for reads.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Closes the connections; the backend cannot be used afterwards.
    func close() async throws
}
