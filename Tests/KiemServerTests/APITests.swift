import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KiemServer
import KiemStore
import KiemTestSupport
import Testing

@Suite("The HTTP API")
struct APITests {
    @Test("health, readiness, metrics and an OpenAPI 3 document; every answer carries security headers", arguments: TestDatabases.kinds)
    func operations(kind: String) async throws {
        let fixture = try await ServerFixture.make(kind)
        try await fixture.run { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(health.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(health.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
            let spec = try await client.execute(uri: "/openapi.json", method: .get)
            let document = try spec.object()
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(Set(paths.keys).isSuperset(of: ["/v1/check", "/v1/items", "/v1/items/{id}", "/v1/compliance", "/healthz", "/readyz", "/metrics"]))
            try OpenAPIValidation.validate(String(buffer: spec.body))
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains("kiem_http_requests_total"))
            #expect(metrics.contains(#"route="/healthz""#))
            // Each answered request counts once, under its route and status.
            func healthCount() async throws -> String? {
                String(buffer: try await client.execute(uri: "/metrics", method: .get).body).split(separator: "\n")
                    .first { $0.hasPrefix("kiem_http_requests_total{") && $0.contains(#"route="/healthz""#) && $0.contains(#"status="200""#) }?
                    .split(separator: " ").last.map(String.init)
            }
            #expect(try await healthCount() == "1")
            for _ in 0..<3 { _ = try await client.execute(uri: "/healthz", method: .get) }
            #expect(try await healthCount() == "4")
        }
    }

    @Test("POST /v1/check answers one message or a batch in the contract's shape", arguments: TestDatabases.kinds)
    func check(kind: String) async throws {
        let fixture = try await ServerFixture.make(kind)
        try await fixture.run { client in
            let one = try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(nil),
                                               body: buffer(#"{"id": "m1", "text": "Vietcombank: tai khoan bi khoa, xac minh tai https://vietcombank-xacminh.top", "unknown": 1}"#))
            #expect(one.status == .ok)
            let verdict = try one.object()
            #expect(verdict["id"] as? String == "m1")
            #expect(verdict["action"] as? String == "block")
            #expect((verdict["labels"] as? [String: Double])?.count == 8)
            let batch = try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(nil),
                                                 body: buffer(#"{"items": [{"id": 1, "text": "Mai em qua lấy đồ nhé"}, {"id": 2}, {"text": "Nhà cái uy tín, nạp lần đầu tặng 100%"}]}"#))
            let items = try #require(try batch.object()["items"] as? [[String: Any]])
            #expect(items.count == 3)
            #expect(items[0]["top"] as? String == "clean")
            #expect(items[1]["error"] as? String == "missing `text`")
            #expect(items[2]["top"] as? String == "gambling")
            let tooMany = "{\"items\": [" + Array(repeating: #"{"text": "x"}"#, count: 1001).joined(separator: ",") + "]}"
            let refused = try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(.viewer), body: buffer(tooMany))
            #expect(refused.status == .badRequest)
            #expect(String(buffer: refused.body).contains("more than 1000 items"))
        }
    }

    @Test("bad requests get {error: {code, message}} with the right status, and the server goes on", arguments: TestDatabases.kinds)
    func errors(kind: String) async throws {
        let fixture = try await ServerFixture.make(kind)
        try await fixture.run { client in
            for (body, fragment) in [("{not json", "invalid JSON"), ("", "empty"), ("[1,2]", "JSON object"), (#"{"id": 1}"#, "missing `text`"),
                                     ("{\"text\": \"\u{FFFD}\"}", "")] {
                let response = try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(.viewer), body: buffer(body))
                if fragment.isEmpty { #expect(response.status == .ok); continue }
                #expect(response.status == .badRequest, "\(body)")
                #expect(try response.errorCode() == "bad_request")
                #expect(String(buffer: response.body).contains(fragment), "\(body): \(String(buffer: response.body))")
            }
            var invalidUTF8 = ByteBuffer(string: #"{"text": ""#)
            invalidUTF8.writeBytes([0xFF, 0xFE])
            invalidUTF8.writeString(#""}"#)
            let utf8 = try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(.viewer), body: invalidUTF8)
            #expect(utf8.status == .badRequest)
            let huge = try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(.viewer),
                                                body: ByteBuffer(repeating: UInt8(ascii: "a"), count: 17 << 20))
            #expect(huge.status == .contentTooLarge)
            #expect(try huge.errorCode() == "too_large")
            let missing = try await client.execute(uri: "/v1/nothing-here", method: .get)
            #expect(missing.status == .notFound)
            #expect(try missing.errorCode() == "not_found")
            // A path that exists, asked with a method it does not answer: 405 and what it answers.
            let wrongMethod = try await client.execute(uri: "/v1/check", method: .get, headers: fixture.headers(.viewer))
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "POST")
            #expect(try wrongMethod.errorCode() == "method_not_allowed")
            let item = try await client.execute(uri: "/v1/items/123", method: .put, headers: fixture.headers(.admin), body: buffer("{}"))
            #expect(item.status == .methodNotAllowed)
            #expect(item.headers[.allow] == "GET, HEAD")
            #expect(try await client.execute(uri: "/v1/items/123/nothing", method: .put, headers: fixture.headers(.admin)).status == .notFound)
            // HEAD, which the Allow header lists, is answered where GET is.
            let head = try await client.execute(uri: "/healthz", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(try await client.execute(uri: "/v1/items/123", method: .head, headers: fixture.headers(.viewer)).status == .notFound)
            let page = try await client.execute(uri: "/fact-checks", method: .delete)
            #expect(page.status == .methodNotAllowed)
            #expect(page.headers[.allow] == "GET, HEAD")
            #expect(String(buffer: page.body).contains("<html"))
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test("anonymous checks are rate limited per client with Retry-After; a token lifts the limit", arguments: TestDatabases.kinds)
    func rateLimit(kind: String) async throws {
        // One token a minute: the test holds on a machine slow enough to take seconds per request.
        let fixture = try await ServerFixture.make(kind, checkLimit: RateLimiter(perMinute: 1, burst: 3))
        try await fixture.run { client in
            let body = #"{"text": "Chào bạn"}"#
            for _ in 0..<3 { #expect(try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(nil), body: buffer(body)).status == .ok) }
            let limited = try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(nil), body: buffer(body))
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try limited.errorCode() == "rate_limited")
            for _ in 0..<10 { #expect(try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(.viewer), body: buffer(body)).status == .ok) }
            var wrong = fixture.headers(nil)
            wrong[.authorization] = "Bearer kiem_not-a-real-token"
            #expect(try await client.execute(uri: "/v1/check", method: .post, headers: wrong, body: buffer(body)).status == .unauthorized)
            // The scheme in any case and blanks around the token are accepted; another scheme or no token is not.
            let token = try #require(fixture.headers(.viewer)[.authorization]?.dropFirst("Bearer ".count))
            for header in ["bearer \(token)", "BEARER  \(token) ", "Bearer\t\(token)"] {
                wrong[.authorization] = header
                #expect(try await client.execute(uri: "/v1/check", method: .post, headers: wrong, body: buffer(body)).status == .ok, "\(header)")
            }
            for header in ["Basic \(token)", "Bearer", "Bearer   ", "Bearer\(token)"] {
                wrong[.authorization] = header
                #expect(try await client.execute(uri: "/v1/check", method: .post, headers: wrong, body: buffer(body)).status == .unauthorized, "\(header)")
            }
        }
    }
}

/// Validates an OpenAPI document with the `openapi-spec-validator` Python package, which
/// `.ci/run` installs; where it is missing the test skips the check, except in CI.
enum OpenAPIValidation {
    static func validate(_ document: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kiem-openapi-\(UUID().uuidString).json")
        try Data(document.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys\ntry:\n import openapi_spec_validator as v\nexcept ImportError:\n sys.exit(3)\nv.validate_spec(__import__('json').load(open(sys.argv[1])))\n", file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if process.terminationStatus == 3 {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("openapi-spec-validator is not installed; .ci/run must install it") }
            return
        }
        #expect(process.terminationStatus == 0, "the OpenAPI document does not validate: \(message.suffix(2000))")
    }
}
