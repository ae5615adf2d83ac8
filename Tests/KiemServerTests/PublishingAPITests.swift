import Foundation
import Hummingbird
import HummingbirdTesting
import KiemServer
import KiemStore
import KiemTestSupport
import Testing

@Suite("Tipline, fact-checks, warnings and claims over the API")
struct PublishingAPITests {
    @Test("a citizen reports without a token, gets a receipt and follows it; the report lands as an item with a case; reports are rate limited", arguments: TestDatabases.kinds)
    func tipline(kind: String) async throws {
        // One report a minute after a burst of five: a slow machine cannot refill the bucket mid-test.
        let fixture = try await ServerFixture.make(kind, reportLimit: RateLimiter(perMinute: 1, burst: 5))
        try await fixture.run { client in
            let body = #"{"text": "Có người nhắn tin mạo danh Vietcombank bảo tôi xác minh tài khoản tại vietcombank-xacminh.top", "contact": "0912 000 111", "consent": false}"#
            let created = try await client.execute(uri: "/v1/reports", method: .post, headers: fixture.headers(nil), body: buffer(body))
            #expect(created.status == .created)
            let receipt = try #require(try created.object()["receipt"] as? String)
            #expect(receipt.hasPrefix("KR-"))
            #expect(try created.object()["contact_kept"] as? Bool == false)
            let followed = try await client.execute(uri: "/v1/reports/\(receipt.lowercased())", method: .get).object()
            #expect(followed["status"] as? String == "received")
            #expect(try await client.execute(uri: "/v1/reports/KR-NOSUCHTHING", method: .get).status == .notFound)
            let staff = try await client.execute(uri: "/v1/reports", method: .get, headers: fixture.headers(.analyst)).object()
            let itemID = try #require((staff["reports"] as? [[String: Any]])?.first?["item_id"] as? Int)
            let item = try await client.execute(uri: "/v1/items/\(itemID)", method: .get, headers: fixture.headers(.viewer)).object()
            #expect(item["source"] as? String == "tipline")
            #expect(try await client.execute(uri: "/v1/reports", method: .get, headers: fixture.headers(nil)).status == .unauthorized)
            #expect(try await client.execute(uri: "/v1/reports", method: .post, headers: fixture.headers(nil), body: buffer(#"{"text": ""}"#)).status == .badRequest)
            var last = created.status
            for _ in 0..<6 { last = try await client.execute(uri: "/v1/reports", method: .post, headers: fixture.headers(nil), body: buffer(#"{"text": "tin rác"}"#)).status }
            #expect(last == .tooManyRequests)
        }
    }

    @Test("an editor drafts, publishes only with a source, corrects in the open and retracts; readers see only what is published", arguments: TestDatabases.kinds)
    func factChecks(kind: String) async throws {
        let fixture = try await ServerFixture.make(kind)
        try await fixture.run { client in
            let draft = #"{"title": "Uống nước chanh mật ong không chữa khỏi ung thư", "claim": "Uống nước chanh mật ong mỗi sáng chữa khỏi ung thư", "rating": "false", "body": "Không có nghiên cứu nào cho thấy điều này."}"#
            #expect(try await client.execute(uri: "/v1/fact-checks", method: .post, headers: fixture.headers(.analyst), body: buffer(draft)).status == .forbidden)
            let created = try await client.execute(uri: "/v1/fact-checks", method: .post, headers: fixture.headers(.editor), body: buffer(draft))
            #expect(created.status == .created)
            let item = try created.object()
            let slug = try #require(item["slug"] as? String)
            #expect(slug == "uong-nuoc-chanh-mat-ong-khong-chua-khoi-ung-thu")
            #expect(try await client.execute(uri: "/v1/fact-checks/\(slug)", method: .get).status == .unauthorized)
            #expect((try await client.execute(uri: "/v1/fact-checks", method: .get).object()["total"] as? Int) == 0)
            let refused = try await client.execute(uri: "/v1/fact-checks/\(slug)/publish", method: .post, headers: fixture.headers(.editor))
            #expect(refused.status == .badRequest)
            #expect(String(buffer: refused.body).contains("at least one source"))
            #expect(try await client.execute(uri: "/v1/fact-checks/\(slug)", method: .patch, headers: fixture.headers(.editor),
                                             body: buffer(#"{"sources": ["javascript:alert(1)"]}"#)).status == .badRequest)
            _ = try await client.execute(uri: "/v1/fact-checks/\(slug)", method: .patch, headers: fixture.headers(.editor),
                                         body: buffer(#"{"sources": ["https://www.who.int/news-room/fact-sheets/detail/cancer"]}"#))
            let published = try await client.execute(uri: "/v1/fact-checks/\(slug)/publish", method: .post, headers: fixture.headers(.editor)).object()
            #expect(published["status"] as? String == "published")
            #expect((published["rating"] as? [String: Any])?["name"] as? String == "Sai")
            let public1 = try await client.execute(uri: "/v1/fact-checks?query=chanh+mat+ong", method: .get).object()
            #expect(public1["total"] as? Int == 1)
            #expect(try await client.execute(uri: "/v1/fact-checks/\(slug)", method: .get).status == .ok)
            let noNote = try await client.execute(uri: "/v1/fact-checks/\(slug)", method: .patch, headers: fixture.headers(.editor), body: buffer(#"{"body": "Sửa lặng lẽ"}"#))
            #expect(noNote.status == .badRequest)
            let corrected = try await client.execute(uri: "/v1/fact-checks/\(slug)", method: .patch, headers: fixture.headers(.editor),
                                                     body: buffer(#"{"body": "Không có nghiên cứu nào cho thấy điều này (WHO, 2024).", "correction": "Thêm nguồn WHO"}"#)).object()
            #expect((corrected["corrections"] as? [[String: Any]])?.first?["note"] as? String == "Thêm nguồn WHO")
            let retracted = try await client.execute(uri: "/v1/fact-checks/\(slug)/retract", method: .post, headers: fixture.headers(.editor),
                                                     body: buffer(#"{"reason": "Nhầm lẫn nguồn"}"#)).object()
            #expect(retracted["status"] as? String == "retracted")
            #expect((try await client.execute(uri: "/v1/fact-checks", method: .get).object()["total"] as? Int) == 0)
            let claims = try await client.execute(uri: "/v1/claims", method: .get, headers: fixture.headers(.viewer)).object()
            #expect((claims["claims"] as? [[String: Any]])?.first?["url"] as? String == "/fact-checks/\(slug)")
            let history = try await client.execute(uri: "/v1/audit?entity=fact_check", method: .get, headers: fixture.headers(.admin)).object()
            #expect((history["entries"] as? [[String: Any]])?.map { $0["action"] as? String } == ["retract", "correct", "publish", "edit", "create"])
        }
    }

    @Test("warnings have no rating; claims import from JSONL with errors per line", arguments: TestDatabases.kinds)
    func warningsAndClaims(kind: String) async throws {
        let fixture = try await ServerFixture.make(kind)
        try await fixture.run { client in
            let warning = #"{"title": "Cảnh báo: giả danh nhân viên điện lực đòi tiền điện", "body": "Điện lực không gọi điện đòi chuyển khoản.", "sources": ["https://www.evn.com.vn"]}"#
            let created = try await client.execute(uri: "/v1/warnings", method: .post, headers: fixture.headers(.editor), body: buffer(warning)).object()
            let id = try #require(created["id"] as? Int)
            #expect(try await client.execute(uri: "/v1/warnings/\(id)/publish", method: .post, headers: fixture.headers(.editor)).status == .ok)
            #expect((try await client.execute(uri: "/v1/warnings", method: .get).object()["total"] as? Int) == 1)
            #expect(try await client.execute(uri: "/v1/fact-checks/\(id)", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/v1/warnings", method: .post, headers: fixture.headers(.editor),
                                             body: buffer(#"{"title": "x", "rating": "false"}"#)).status == .badRequest)
            let lines = [
                #"{"id": "c1", "text": "Bộ Công an gọi điện yêu cầu chuyển tiền để điều tra", "verdict": "false", "url": "https://example.vn/c1", "variants": ["cong an goi dien bat chuyen tien"]}"#,
                #"{"id": "c2", "text": "5G gây ra dịch bệnh", "verdict": "false"}"#,
                #"{"id": "c3", "text": "x", "verdict": "fake"}"#,
                "not json",
            ].joined(separator: "\n")
            let imported = try await client.execute(uri: "/v1/claims/import", method: .post, headers: fixture.headers(.editor), body: buffer(lines)).object()
            #expect(imported["created"] as? Int == 2)
            #expect((imported["errors"] as? [[String: Any]])?.map { $0["line"] as? Int } == [3, 4])
            let again = try await client.execute(uri: "/v1/claims/import", method: .post, headers: fixture.headers(.editor), body: buffer(lines)).object()
            #expect(again["updated"] as? Int == 2)
            let claims = try await client.execute(uri: "/v1/claims", method: .get, headers: fixture.headers(.viewer)).object()
            #expect((claims["claims"] as? [[String: Any]])?.count == 2)
            #expect((claims["claims"] as? [[String: Any]])?.last?["variants"] as? [String] == ["cong an goi dien bat chuyen tien"])
        }
    }

    @Test("POST /v1/check matches a claim from the moment it is imported or its fact-check published, and no longer once retracted", arguments: TestDatabases.kinds)
    func claimMatching(kind: String) async throws {
        let fixture = try await ServerFixture.make(kind)
        try await fixture.run { client in
            func matches(_ text: String) async throws -> [[String: Any]] {
                let body = String(decoding: try JSONSerialization.data(withJSONObject: ["text": text]), as: UTF8.self)
                return try await client.execute(uri: "/v1/check", method: .post, headers: fixture.headers(.viewer), body: buffer(body)).object()["matches"] as? [[String: Any]] ?? []
            }
            let rumour = "MỌI NGƯỜI ƠI uong nuoc chanh mat ong moi sang chua khoi ung thu!!! share gấp"
            #expect(try await matches(rumour).isEmpty)
            let draft = #"{"title": "Nước chanh mật ong không chữa khỏi ung thư", "claim": "Uống nước chanh mật ong mỗi sáng chữa khỏi ung thư", "rating": "false", "body": "Không có nghiên cứu nào cho thấy điều này.", "sources": ["https://www.who.int"]}"#
            let created = try await client.execute(uri: "/v1/fact-checks", method: .post, headers: fixture.headers(.editor), body: buffer(draft)).object()
            let slug = try #require(created["slug"] as? String)
            #expect(try await matches(rumour).isEmpty, "a draft's claim is not matched")
            _ = try await client.execute(uri: "/v1/fact-checks/\(slug)/publish", method: .post, headers: fixture.headers(.editor))
            let found = try await matches(rumour)
            #expect(found.first?["verdict"] as? String == "false")
            #expect(found.first?["url"] as? String == "/fact-checks/\(slug)")
            #expect(try await matches("Công thức nước chanh mật ong ấm cho bữa sáng").isEmpty)
            _ = try await client.execute(uri: "/v1/fact-checks/\(slug)/retract", method: .post, headers: fixture.headers(.editor), body: buffer(#"{"reason": "Sai nguồn"}"#))
            #expect(try await matches(rumour).isEmpty, "a retracted fact-check's claim is not matched")
            let line = #"{"id": "c-police", "text": "Công an gọi điện yêu cầu chuyển tiền vào tài khoản tạm giữ để điều tra", "verdict": "false"}"#
            _ = try await client.execute(uri: "/v1/claims/import", method: .post, headers: fixture.headers(.editor), body: buffer(line))
            #expect(try await matches("cong an goi dien yeu cau chuyen tien vao tai khoan tam giu de dieu tra").first?["claim_id"] as? String == "c-police")
        }
    }
}
