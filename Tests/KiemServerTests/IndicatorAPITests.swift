import Foundation
import Hummingbird
import HummingbirdTesting
import KiemServer
import KiemStore
import KiemTestSupport
import Testing

@Suite("Indicator lists over the API")
struct IndicatorAPITests {
    @Test("a listed value is matched by the next check; lists import as text, JSONL and CSV, and export again", arguments: TestDatabases.kinds)
    func lists(kind: String) async throws {
        let fixture = try await ServerFixture.make(kind)
        try await fixture.run { client in
            let message = #"{"text": "Nhận quà tri ân khách hàng tại https://qua-tang-tri-an.vn ngay hôm nay"}"#
            let before = try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(.viewer), body: buffer(message)).object()
            #expect(before["action"] as? String != "block")

            let created = try await client.execute(uri: "/v1/indicators", method: .post, headers: fixture.headers(.analyst),
                                                   body: buffer(#"{"value": "https://www.qua-tang-tri-an.vn/nhan-qua", "label": "scam", "note": "reported by 3 people"}"#))
            #expect(created.status == .created)
            let indicator = try created.object()
            #expect(indicator["type"] as? String == "url")
            let domain = try await client.execute(uri: "/v1/indicators", method: .post, headers: fixture.headers(.analyst),
                                                  body: buffer(#"{"value": "qua-tang-tri-an.vn", "label": "scam"}"#)).object()
            #expect(domain["type"] as? String == "domain")
            let after = try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(.viewer), body: buffer(message)).object()
            #expect(after["action"] as? String == "block")
            #expect((after["signals"] as? [[String: Any]])?.contains { $0["kind"] as? String == "indicator" && ($0["value"] as? String)?.contains("qua-tang-tri-an.vn") == true } == true)

            let plain = "# ChongLuaDao blocklist\nvietcombank-xacthuc.top\n*.mbbank-khoa.online\nnot a domain\n\nshopee-tri-an.xyz\n"
            let text = try await client.execute(uri: "/v1/indicators/import?format=text&label=phishing&source=chongluadao", method: .post,
                                                headers: fixture.headers(.analyst), body: buffer(plain)).object()
            #expect(text["created"] as? Int == 3)
            #expect(text["rejected"] as? Int == 1)
            let jsonl = #"{"value": "0912 345 678", "label": "scam", "confidence": 0.8}"# + "\n" + #"{"value": "account:0071000123456", "label": "scam"}"# + "\n{broken\n"
            let lines = try await client.execute(uri: "/v1/indicators/import?format=jsonl", method: .post, headers: fixture.headers(.analyst), body: buffer(jsonl)).object()
            #expect(lines["created"] as? Int == 2)
            #expect(lines["rejected"] as? Int == 1)
            let csv = "value,label,note\n\"vietcombank-xacthuc.top\",scam,\"moved, now scam\"\nnew-lottery.win,gambling,\n"
            let table = try await client.execute(uri: "/v1/indicators/import?format=csv", method: .post, headers: fixture.headers(.analyst), body: buffer(csv)).object()
            #expect(table["created"] as? Int == 1)
            #expect(table["updated"] as? Int == 1)

            let phones = try await client.execute(uri: "/v1/indicators?type=phone", method: .get, headers: fixture.headers(.viewer)).object()
            #expect((phones["indicators"] as? [[String: Any]])?.first?["value"] as? String == "+84912345678")
            let exported = try await client.execute(uri: "/v1/indicators/export?format=csv", method: .get, headers: fixture.headers(.viewer))
            #expect(exported.headers[.contentType]?.hasPrefix("text/csv") == true)
            let rows = String(buffer: exported.body).split(separator: "\n")
            #expect(rows.first == "type,value,label,source,confidence,first_seen,last_seen,expires_at,note")
            #expect(rows.count == 1 + 8)
            #expect(rows.contains { $0.hasPrefix("domain,vietcombank-xacthuc.top,scam,") && $0.contains("\"moved, now scam\"") })
            let jsonExport = String(buffer: try await client.execute(uri: "/v1/indicators/export?format=jsonl", method: .get, headers: fixture.headers(.viewer)).body)
            #expect(jsonExport.split(separator: "\n").count == 8)

            let id = try #require(domain["id"] as? Int)
            #expect(try await client.execute(uri: "/v1/indicators/\(id)", method: .delete, headers: fixture.headers(.viewer)).status == .forbidden)
            #expect(try await client.execute(uri: "/v1/indicators/\(id)", method: .delete, headers: fixture.headers(.analyst)).status == .noContent)
            #expect(try await client.execute(uri: "/v1/indicators/\(id)", method: .get, headers: fixture.headers(.viewer)).status == .notFound)
            let bad = try await client.execute(uri: "/v1/indicators", method: .post, headers: fixture.headers(.analyst), body: buffer(#"{"value": "example.vn", "label": "opinion"}"#))
            #expect(bad.status == .badRequest)
            let audit = try await client.execute(uri: "/v1/audit?entity=indicator", method: .get, headers: fixture.headers(.admin)).object()
            #expect((audit["entries"] as? [[String: Any]])?.count == 6)
        }
    }

    @Test("a NUL character, raw or escaped, in any body that would be stored is a 400 on both back ends, and nothing is stored", arguments: TestDatabases.kinds)
    func nulRefused(kind: String) async throws {
        let fixture = try await ServerFixture.make(kind)
        try await fixture.run { client in
            let bodies: [(uri: String, role: Role?, body: String)] = [
                ("/v1/indicators", .analyst, #"{"value": "qua-tang\u0000.vn", "label": "scam"}"#),
                ("/v1/indicators", .analyst, #"{"value": "qua-tang.vn", "label": "scam", "note": "x\u0000"}"#),
                ("/v1/indicators/import?format=text", .analyst, "qua-tang.vn\u{0}\n"),
                ("/v1/indicators/import?format=jsonl", .analyst, #"{"value": "qua-tang.vn\u0000"}"#),
                ("/v1/claims/import", .editor, #"{"id": "c1", "text": "Uống nước chanh chữa ung thư\u0000", "verdict": "false"}"#),
                ("/v1/reports", nil, #"{"text": "Trúng thưởng\u0000 iPhone tại qua-tang.top"}"#),
                ("/v1/items", .analyst, #"{"items": [{"source": "sms", "external_id": "n\u0000", "text": "x"}]}"#),
            ]
            for entry in bodies {
                let response = try await client.execute(uri: entry.uri, method: .post, headers: fixture.headers(entry.role), body: buffer(entry.body))
                #expect(response.status == .badRequest, "\(entry.uri) \(entry.body): \(response.status)")
                #expect(String(buffer: response.body).contains("NUL"), "\(entry.uri): \(String(buffer: response.body))")
            }
            // An escaped backslash before "u0000" is text, not a NUL: stored as written.
            let literal = try await client.execute(uri: "/v1/indicators", method: .post, headers: fixture.headers(.analyst),
                                                   body: buffer(#"{"value": "qua-tang-tri-an.vn", "label": "scam", "note": "C:\\u0000 is a path"}"#))
            #expect(literal.status == .created)
            let listed = try await client.execute(uri: "/v1/indicators", method: .get, headers: fixture.headers(.viewer))
            #expect(String(buffer: listed.body).contains("qua-tang-tri-an.vn"))
            #expect(!String(buffer: listed.body).contains("qua-tang.vn\""))
        }
    }
}
