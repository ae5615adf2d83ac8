import Foundation
import Hummingbird
import HummingbirdTesting
import KiemServer
import KiemStore
import KiemTestSupport
import Testing

@Suite("People, sessions and tokens over the API")
struct AccessAPITests {
    @Test("a person logs in with a password; the session follows their role and ends when they log out or are disabled", arguments: TestDatabases.kinds)
    func sessions(kind: String) async throws {
        // Ten attempts, then one a minute: slow password hashing on a busy machine cannot refill the bucket mid-test.
        let fixture = try await ServerFixture.make(kind, loginLimit: RateLimiter(perMinute: 1, burst: 10))
        try await fixture.run { client in
            let added = try await client.execute(uri: "/v1/users", method: .post, headers: fixture.headers(.admin),
                                                 body: buffer(#"{"email": "Lan@Example.vn", "name": "Lan", "role": "analyst", "password": "một mật khẩu dài"}"#))
            #expect(added.status == .created)
            let userID = try #require(try added.object()["id"] as? Int)
            #expect(try await client.execute(uri: "/v1/users", method: .post, headers: fixture.headers(.admin),
                                             body: buffer(#"{"email": "lan@example.vn", "name": "Lan", "role": "analyst", "password": "một mật khẩu dài"}"#)).status == .conflict)
            #expect(try await client.execute(uri: "/v1/sessions", method: .post, body: buffer(#"{"email": "lan@example.vn", "password": "sai mật khẩu"}"#)).status == .unauthorized)
            let login = try await client.execute(uri: "/v1/sessions", method: .post, body: buffer(#"{"email": "lan@example.vn", "password": "một mật khẩu dài"}"#))
            #expect(login.status == .created)
            let token = try #require(try login.object()["token"] as? String)
            var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let ingest = #"{"items": [{"source": "sms", "external_id": "s1", "text": "Nhà cái uy tín, nạp lần đầu tặng 100%"}]}"#
            #expect(try await client.execute(uri: "/v1/items", method: .post, headers: headers, body: buffer(ingest)).status == .created)
            let audit = try await client.execute(uri: "/v1/audit?entity=item", method: .get, headers: fixture.headers(.admin)).object()
            #expect((audit["entries"] as? [[String: Any]])?.first?["actor"] as? String == "lan@example.vn")
            // Demoted: the same session can no longer ingest.
            #expect(try await client.execute(uri: "/v1/users/\(userID)", method: .patch, headers: fixture.headers(.admin), body: buffer(#"{"role": "viewer"}"#)).status == .ok)
            #expect(try await client.execute(uri: "/v1/items", method: .post, headers: headers, body: buffer(ingest)).status == .forbidden)
            #expect(try await client.execute(uri: "/v1/items", method: .get, headers: headers).status == .ok)
            #expect(try await client.execute(uri: "/v1/sessions", method: .delete, headers: headers).status == .noContent)
            #expect(try await client.execute(uri: "/v1/items", method: .get, headers: headers).status == .unauthorized)
            // Disabled: a new session is refused and an old one stops working.
            let second = try await client.execute(uri: "/v1/sessions", method: .post, body: buffer(#"{"email": "lan@example.vn", "password": "một mật khẩu dài"}"#)).object()
            headers[.authorization] = "Bearer \(try #require(second["token"] as? String))"
            _ = try await client.execute(uri: "/v1/users/\(userID)", method: .patch, headers: fixture.headers(.admin), body: buffer(#"{"disabled": true}"#))
            #expect(try await client.execute(uri: "/v1/items", method: .get, headers: headers).status == .unauthorized)
            #expect(try await client.execute(uri: "/v1/sessions", method: .post, body: buffer(#"{"email": "lan@example.vn", "password": "một mật khẩu dài"}"#)).status == .unauthorized)
            let users = try await client.execute(uri: "/v1/users", method: .get, headers: fixture.headers(.admin)).object()
            #expect((users["users"] as? [[String: Any]])?.first?["disabled"] as? Bool == true)
            let tokens = try await client.execute(uri: "/v1/tokens", method: .get, headers: fixture.headers(.admin)).object()
            #expect((tokens["tokens"] as? [[String: Any]])?.count == 4)
            #expect(!String(describing: tokens).contains("kiem_"))
            #expect(try await client.execute(uri: "/v1/users", method: .get, headers: fixture.headers(.editor)).status == .forbidden)
            var limited = HTTPResponse.Status.ok
            for _ in 0..<12 { limited = try await client.execute(uri: "/v1/sessions", method: .post, body: buffer(#"{"email": "x@example.vn", "password": "guess guess"}"#)).status }
            #expect(limited == .tooManyRequests)
        }
    }
}
