import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KiemDetect
import KiemServer
import KiemStore
import KiemTestSupport
import Synchronization
import Testing

@Suite("Spike alerts over the API")
struct AlertAPITests {
    /// What a webhook receiver got.
    final class Received: Sendable {
        let bodies = Mutex<[String]>([])
    }

    @Test("a burst of one scam sent to many is clustered on ingest, raises alerts once (stored, listed by GET /v1/alerts, posted to the webhook); ingesting it again counts nothing", arguments: TestDatabases.kinds)
    func burst(kind: String) async throws {
        let received = Received()
        let receiver = Router()
        receiver.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            received.bodies.withLock { $0.append(String(buffer: body)) }
            return .noContent
        }
        let hooks = Application(router: receiver, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await hooks.test(.live) { hookClient in
            let port = try #require(hookClient.port)
            let hook = try #require(URL(string: "http://127.0.0.1:\(port)/hook"))
            let fixture = try await ServerFixture.make(kind, campaigns: CampaignMonitor(webhooks: [hook]))
            try await fixture.run { client in
                // Ordinary traffic for some hours first: the monitor trusts no series it has watched
                // for fewer than four buckets, unless it is new and large.
                let background = (3...7).map { hour in
                    #"{"source": "sms", "external_id": "n\#(hour)", "received_at": "2026-12-02T0\#(hour):10:00+07:00", "text": "Mai em qua lay do nhe, nho de o cong"}"#
                }
                #expect(try await client.execute(uri: "/v1/items", method: .post, headers: fixture.headers(.analyst),
                                                 body: buffer(#"{"items": [\#(background.joined(separator: ","))]}"#)).status == .created)
                // 40 variants of one bank scam within the same hour, from different numbers.
                let items = (0..<40).map { index in
                    #"{"source": "sms", "external_id": "b\#(index)", "received_at": "2026-12-02T09:\#(String(format: "%02d", index)):00+07:00", "text": "Vietcombank thong bao tai khoan cua quy khach bi tam khoa, xac minh ngay tai vcb-xacminh.top hoac goi 0889 123 \#(String(format: "%03d", index))"}"#
                }
                let body = #"{"items": [\#(items.joined(separator: ","))]}"#
                let first = try await client.execute(uri: "/v1/items", method: .post, headers: fixture.headers(.analyst), body: buffer(body))
                #expect(first.status == .created)
                let listed = try await client.execute(uri: "/v1/alerts", method: .get, headers: fixture.headers(.viewer)).object()
                let alerts = try #require(listed["alerts"] as? [[String: Any]])
                let series = Set(alerts.compactMap { $0["series"] as? String })
                #expect(series.contains { $0.hasPrefix("cluster:") }, "\(series)")
                #expect(series.contains("domain:vcb-xacminh.top"), "\(series)")
                let cluster = try #require(alerts.first { ($0["series"] as? String)?.hasPrefix("cluster:") == true })
                #expect((cluster["sample"] as? String)?.hasPrefix("Vietcombank thong bao") == true)
                #expect((cluster["count"] as? Int ?? 0) >= 30)
                #expect(cluster["bucket_start"] as? String == "2026-12-02T02:00:00.000Z" || (cluster["bucket_start"] as? String)?.hasPrefix("2026-12-02T02:00:00") == true)

                // The same items again change nothing.
                _ = try await client.execute(uri: "/v1/items", method: .post, headers: fixture.headers(.analyst), body: buffer(body))
                let again = try await client.execute(uri: "/v1/alerts", method: .get, headers: fixture.headers(.viewer)).object()
                #expect((again["alerts"] as? [[String: Any]])?.count == alerts.count)
                #expect(try await client.execute(uri: "/v1/alerts", method: .get).status == .unauthorized)
                #expect(try await client.execute(uri: "/v1/alerts?since=yesterday", method: .get, headers: fixture.headers(.viewer)).status == .badRequest)
                let later = try await client.execute(uri: "/v1/alerts?since=2030-01-01T00:00:00Z", method: .get, headers: fixture.headers(.viewer)).object()
                #expect((later["alerts"] as? [Any])?.isEmpty == true)

                // Every new alert reached the webhook (posted in the background).
                let deadline = Date().addingTimeInterval(10)
                while received.bodies.withLock({ $0.count }) < alerts.count && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
                let posted = received.bodies.withLock { $0 }
                #expect(posted.count == alerts.count)
                let viewer = try await WebSession.logIn(.viewer, store: fixture.services.store)
                let dashboard = try await client.execute(uri: "/dashboard", method: .get, headers: viewer.headers).text
                #expect(dashboard.contains("vcb-xacminh.top") && dashboard.contains("Chiến dịch"))
                let decoded = posted.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                #expect(Set(decoded.compactMap { $0["series"] as? String }) == series)
            }
        }
    }

    @Test("a restarted server remembers the last hours from the store: a burst right after the restart still alerts")
    func warmStart() async throws {
        let store = try await TestDatabases.fresh("sqlite")
        do {
            let session = try BrowserTests.engineSession()
            let hour: Int64 = 3_600_000
            let start: Int64 = 1_796_180_000_000
            let history = (0..<6).map { index in (text: "Mai em qua lay do nhe, nho de o cong", verdict: session.check("Mai em qua lay do nhe"), receivedAt: start + Int64(index) * hour, reading: MessageReading?.none) }
            let burst = (0..<35).map { index -> (text: String, verdict: KiemDetect.Verdict, receivedAt: Int64, reading: MessageReading?) in
                let text = "Tai khoan cua ban bi khoa, xac minh ngay tai mbbank-khoa.online ma \(index)"
                let (verdict, reading) = session.checkAndRead(text)
                return (text, verdict, start + 6 * hour + Int64(index) * 1000, reading)
            }
            let cold = CampaignMonitor()
            #expect(try await cold.observe(burst.map { ($0.text, $0.verdict, $0.receivedAt, nil) }, store: store).isEmpty,
                    "a monitor that just started trusts nothing it sees in its first buckets")
            let warmed = CampaignMonitor()
            warmed.warm(history)
            // What the engine read on the way to each verdict is counted as it is, without reading the text again.
            let alerts = try await warmed.observe(burst.map { ($0.text, $0.verdict, $0.receivedAt + 1, $0.reading) }, store: store)
            #expect(alerts.contains { $0.series == "domain:mbbank-khoa.online" })
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }
}
