import Logging
import PostgresKit
import SQLKit

/// PostgreSQL for scale: a pool of connections (PostgresNIO's `PostgresClient`) shared by any
/// number of `kiem serve` and `kiem worker` processes.
public final class PostgresBackend: StoreBackend {
    public let dialect = StoreDialect.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    /// Connects to `url` (`postgres://user:password@host:port/database`).
    public init(url: String, logger: Logger = Logger(label: "kiem.store")) async throws {
        let configuration: SQLPostgresConfiguration
        do { configuration = try SQLPostgresConfiguration(url: url) } catch {
            throw StoreError.invalidLocation("not a PostgreSQL URL: \(url)")
        }
        let core = configuration.coreConfiguration
        guard let host = core.host else { throw StoreError.invalidLocation("the PostgreSQL URL must name a host") }
        var clientConfiguration = PostgresClient.Configuration(
            host: host, port: core.port ?? 5432, username: core.username, password: core.password, database: core.database, tls: .disable
        )
        clientConfiguration.options.maximumConnections = 16
        // No statement runs longer than 30 s, and no transaction sits idle holding locks.
        clientConfiguration.options.additionalStartupParameters = [("statement_timeout", "30s"), ("idle_in_transaction_session_timeout", "60s")]
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
        // Fail now, not at the first request, when the server cannot be reached.
        do {
            _ = try await client.withConnection { connection in
                try await connection.sql().raw("SELECT 1").run()
            }
        } catch {
            runner.cancel()
            throw StoreError.unreachable("\(String(reflecting: error))")
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await bulkTransaction { database, _ in try await body(database) }
    }

    public func bulkTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase, any BulkRunner) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let database = connection.sql()
            try await database.raw("BEGIN").run()
            do {
                let value = try await body(database, SQLKitBulkRunner(database: database))
                try await database.raw("COMMIT").run()
                return value
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection.sql()) }
    }

    public func close() async throws {
        runner.cancel()
        await runner.value
    }
}
