import Foundation
import KiemStore

/// The databases store tests run on: a fresh SQLite file always, and a fresh PostgreSQL
/// database when `KIEM_TEST_POSTGRES_URL` names a server (CI starts one; with `CI=true` a
/// missing server is a failure, not a skip).
public enum TestDatabases {
    public static var postgresURL: String? { ProcessInfo.processInfo.environment["KIEM_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    public static var kinds: [String] {
        if postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" { return ["sqlite", "postgres"] }
        return ["sqlite"]
    }

    /// A new, empty store of the given kind; the caller closes it.
    public static func fresh(_ kind: String) async throws -> Store {
        try await Store.open(try await freshLocation(kind))
    }

    /// Where a new, empty database of the given kind is: a SQLite path or a PostgreSQL URL, for
    /// tests that open it more than once (as several servers would).
    public static func freshLocation(_ kind: String) async throws -> String {
        kind == "sqlite" ? sqlitePath() : try await postgresDatabase()
    }

    public static func sqlitePath() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiem-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("kiem.sqlite").path
    }

    /// The URL of a new database on the test server.
    public static func postgresDatabase() async throws -> String {
        guard let url = postgresURL else {
            // With CI=true the PostgreSQL cases run and fail here rather than being skipped.
            throw StoreError.unreachable("CI=true but KIEM_TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL")
        }
        let name = "kiem_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try await PostgresBackend(url: url)
        try await admin.read { database in try await database.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        try await admin.close()
        guard let slash = url.lastIndex(of: "/") else { throw StoreError.invalidLocation(url) }
        return String(url[..<slash]) + "/" + name
    }
}
