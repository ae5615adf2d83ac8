import Foundation
import Hummingbird
import HummingbirdTesting
import KiemDefaults
import KiemDetect
import KiemServer
import KiemStore
import KiemTestSupport
import Testing

/// A Kiem server on a fresh database (SQLite or PostgreSQL), run live on a free port for each
/// test, with tokens for every role.
struct ServerFixture {
    let services: KiemServices
    let tokens: [Role: String]

    /// A server on a fresh database of `kind` ("sqlite" or "postgres", see `TestDatabases`).
    static func make(_ kind: String = "sqlite", checkLimit: RateLimiter = RateLimiter(perMinute: 60, burst: 30),
                     reportLimit: RateLimiter = RateLimiter(perMinute: 6, burst: 5),
                     loginLimit: RateLimiter = RateLimiter(perMinute: 10, burst: 10),
                     campaigns: CampaignMonitor = CampaignMonitor()) async throws -> ServerFixture {
        let store = try await TestDatabases.fresh(kind)
        let engine = Engine(model: try ShippedDefaults.model(), rules: try ShippedDefaults.rules(), policy: try ShippedDefaults.policy())
        var services = KiemServices(store: store, engine: engine, modelVersion: "test-model", rulesVersion: "test-rules",
                                    brandnames: BrandnameRegistry.parse("SHOPEE\n").registry, checkLimit: checkLimit, reportLimit: reportLimit, campaigns: campaigns)
        services.loginLimit = loginLimit
        var tokens: [Role: String] = [:]
        for role in Role.allCases { tokens[role] = try await store.createToken(name: role.rawValue, role: role, actor: "test").secret }
        return ServerFixture(services: services, tokens: tokens)
    }

    /// Runs `body` against the live server, then closes the store.
    func run(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = KiemServer.application(services, settings: .init(host: "127.0.0.1", port: 0))
        do {
            try await app.test(.live, body)
        } catch {
            try? await services.store.close()
            throw error
        }
        try await services.store.close()
    }

    func headers(_ role: Role?) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let role, let token = tokens[role] { fields[.authorization] = "Bearer \(token)" }
        return fields
    }
}

extension TestResponse {
    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(String(buffer: body))")
    }

    /// The `error.code` of an error body.
    func errorCode() throws -> String? {
        (try object()["error"] as? [String: Any])?["code"] as? String
    }
}

func buffer(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
