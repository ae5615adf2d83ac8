import Foundation
import Hummingbird
import HummingbirdTesting
import KiemServer
import KiemStore
import KiemTestSupport
import Testing

@Suite("The review queue over the API")
struct CaseAPITests {
    @Test("ingested items needing review appear in the queue; an analyst decides, anyone with a token appeals; wrong moves get 409", arguments: TestDatabases.kinds)
    func queue(kind: String) async throws {
        let fixture = try await ServerFixture.make(kind)
        try await fixture.run { client in
            let body = #"{"items": [{"source": "sms", "external_id": "q1", "text": "Nhà cái uy tín, nạp lần đầu tặng 100%, cá độ bóng đá"}]}"#
            let ingested = try await client.execute(uri: "/v1/items", method: .post, headers: fixture.headers(.analyst), body: buffer(body)).object()
            let caseID = try #require((ingested["items"] as? [[String: Any]])?.first?["case_id"] as? Int)
            let queue = try await client.execute(uri: "/v1/cases?status=new", method: .get, headers: fixture.headers(.viewer)).object()
            #expect(queue["total"] as? Int == 1)
            #expect((queue["cases"] as? [[String: Any]])?.first?["label"] as? String == "gambling")
            #expect(try await client.execute(uri: "/v1/cases?status=bogus", method: .get, headers: fixture.headers(.viewer)).status == .badRequest)

            let decide = #"{"label": "gambling", "action": "warn", "rationale": "Quảng cáo cá độ", "evidence": ["https://example.vn/a"]}"#
            #expect(try await client.execute(uri: "/v1/cases/\(caseID)/decide", method: .post, headers: fixture.headers(.viewer), body: buffer(decide)).status == .forbidden)
            let decided = try await client.execute(uri: "/v1/cases/\(caseID)/decide", method: .post, headers: fixture.headers(.analyst), body: buffer(decide))
            #expect(decided.status == .created)
            #expect(try decided.object()["decided_by"] as? String == "token:analyst")
            let again = try await client.execute(uri: "/v1/cases/\(caseID)/decide", method: .post, headers: fixture.headers(.analyst), body: buffer(decide))
            #expect(again.status == .conflict)
            let badLabel = try await client.execute(uri: "/v1/cases/\(caseID)/appeal", method: .post, headers: fixture.headers(.viewer), body: buffer(#"{"reason": "Không phải cá độ"}"#))
            #expect(badLabel.status == .ok)
            #expect(try badLabel.object()["status"] as? String == "appealed")
            let detail = try await client.execute(uri: "/v1/cases/\(caseID)", method: .get, headers: fixture.headers(.viewer)).object()
            #expect((detail["decisions"] as? [[String: Any]])?.count == 1)
            #expect((detail["history"] as? [[String: Any]])?.map { $0["action"] as? String } == ["open", "decide", "appeal"])
            #expect(try await client.execute(uri: "/v1/cases/99999", method: .get, headers: fixture.headers(.viewer)).status == .notFound)
            let block = #"{"label": "gambling", "action": "block", "rationale": "x"}"#
            let refused = try await client.execute(uri: "/v1/cases/\(caseID)/decide", method: .post, headers: fixture.headers(.analyst), body: buffer(block))
            #expect(refused.status == .badRequest)
            #expect(String(buffer: refused.body).contains("only scam, phishing and malware"))
        }
    }
}
