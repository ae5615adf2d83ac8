import Crypto
import Foundation
import Logging
import SQLKit

/// The system of record: items, verdicts, cases and decisions, users and tokens, the audit log
/// and the job queue, on SQLite (a file, the default) or PostgreSQL (`postgres://...`).
///
/// Both backends have one schema and the same behaviour; `migrate()` brings a database to the
/// schema this build knows.
public final class Store: Sendable {
    public let backend: any StoreBackend
    /// The key of the keyed hash that stands for authors (content, not people: no handle is kept).
    let authorKey: SymmetricKey

    init(backend: any StoreBackend, authorKey: SymmetricKey) {
        self.backend = backend
        self.authorKey = authorKey
    }

    /// Opens the store at `location` (a file path, or a `postgres://` URL), bringing its schema
    /// up to date.
    public static func open(_ location: String, logger: Logger = Logger(label: "kiem.store")) async throws -> Store {
        let backend: any StoreBackend
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            backend = try await PostgresBackend(url: location, logger: logger)
        } else {
            guard !location.isEmpty else { throw StoreError.invalidLocation("give a file path or a postgres:// URL") }
            backend = try await SQLiteBackend(path: location, logger: logger)
        }
        do {
            try await migrate(backend)
            let key = try await backend.transaction { database in
                let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
                try await database.raw("INSERT INTO settings (name, value) VALUES ('author_key', \(bind: fresh)) ON CONFLICT (name) DO NOTHING").run()
                return try await database.raw("SELECT value FROM settings WHERE name = 'author_key'").first(decodingColumn: "value", as: String.self)
            }
            guard let key, let bytes = Data(base64Encoded: key) else { throw StoreError.invalid("the author key in settings is damaged") }
            return Store(backend: backend, authorKey: SymmetricKey(data: bytes))
        } catch {
            try? await backend.close()
            throw error
        }
    }

    /// The schema version this build knows.
    public static var schemaVersion: Int { Migrations.all.last?.version ?? 0 }

    /// Applies the migrations a database lacks; returns their versions. Safe to run from several
    /// processes at once on PostgreSQL (an advisory lock serializes them).
    @discardableResult
    static func migrate(_ backend: any StoreBackend) async throws -> [Int] {
        let dialect = backend.dialect
        return try await backend.transaction { database in
            if dialect == .postgres { try await database.raw("SELECT pg_advisory_xact_lock(8675309)").run() }
            try await database.raw("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)").run()
            let done = Set(try await database.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) })
            if let newest = done.max(), newest > schemaVersion { throw StoreError.schemaTooNew(found: newest, known: schemaVersion) }
            var applied: [Int] = []
            for migration in Migrations.all where !done.contains(migration.version) {
                for statement in migration.statements(for: dialect) { try await database.raw(SQLQueryString(statement)).run() }
                try await database.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Clock.now()))").run()
                applied.append(migration.version)
            }
            return applied
        }
    }

    /// The schema version of the database.
    public func schemaVersion() async throws -> Int {
        try await backend.read { database in
            try await database.raw("SELECT MAX(version) AS version FROM schema_migrations").first(decodingColumn: "version", as: Int?.self) ?? 0
        } ?? 0
    }

    /// Whether the database answers (for `/readyz`).
    public func ping() async throws {
        _ = try await backend.read { database in try await database.raw("SELECT 1 AS one").first(decodingColumn: "one", as: Int.self) }
    }

    public func close() async throws { try await backend.close() }
}

/// Milliseconds since the epoch, the store's unit of time.
enum Clock {
    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
