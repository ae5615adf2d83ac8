import Foundation
import KiemStore
import KiemTestSupport
import Testing

@Suite("Appeals and dashboard figures on SQLite and PostgreSQL")
struct AppealTests {
    func verdict(_ top: String, _ action: String) -> VerdictRecord {
        VerdictRecord(top: top, action: action, json: #"{"action":"\#(action)","top":"\#(top)","labels":{},"signals":[],"matches":[]}"#,
                      modelVersion: "test-model", rulesVersion: "test-rules")
    }

    @Test("anyone contests a decision (by case number or report receipt), a listed value or a publication; what does not exist or is not decided is refused; staff resolve once", arguments: TestDatabases.kinds)
    func appeals(kind: String) async throws {
        let store = try await TestDatabases.fresh(kind)
        do {
            let ingested = try await store.ingest([(ItemInput(source: "comment", externalID: "c1", text: "Nhà cái uy tín, cá độ bóng đá"), verdict("gambling", "review"))], actor: "test")
            let caseID = try #require(ingested.first?.caseID)
            // Not decided yet: nothing to contest.
            await #expect(throws: StoreError.self) { try await store.fileAppeal(.decision, reference: String(caseID), reason: "sai", contact: nil) }
            _ = try await store.decide(Decision(caseID: caseID, label: "gambling", action: "warn", rationale: "cá độ", evidence: [], decidedBy: "lan"))
            let appeal = try await store.fileAppeal(.decision, reference: "#\(caseID)", reason: "Bình luận thể thao, không quảng cáo", contact: " lan@example.vn ")
            #expect(appeal.receipt.hasPrefix("AP-") && appeal.receipt.count == 13)
            #expect(appeal.caseID == caseID && appeal.status == .open)
            #expect(try await store.reviewCase(id: caseID)?.status == .appealed)
            #expect(try await store.auditLog(entity: "case", entityID: String(caseID)).first?.action == "appeal")

            // A tipline report's receipt names its decision too.
            let report = try await store.submitReport(text: "Vay tiền nhanh không thế chấp 0912345678", url: nil, contact: nil, verdict: verdict("spam", "review"))
            let reportCase = try #require(try await store.item(id: report.itemID)?.caseID)
            _ = try await store.decide(Decision(caseID: reportCase, label: "spam", action: "warn", rationale: "quảng cáo vay", evidence: [], decidedBy: "lan"))
            let byReceipt = try await store.fileAppeal(.decision, reference: report.receipt.lowercased(), reason: "Tôi là người gửi, có đăng ký", contact: nil)
            #expect(byReceipt.caseID == reportCase)

            _ = try await store.importIndicators([IndicatorInput(value: "0889 123 456", label: "scam", source: "test")], actor: "test")
            let listed = try await store.fileAppeal(.indicator, reference: "+84889123456", reason: "Số của cửa hàng tôi", contact: nil)
            #expect(listed.target == .indicator)
            await #expect(throws: StoreError.self) { try await store.fileAppeal(.indicator, reference: "0900 000 000", reason: "x", contact: nil) }
            await #expect(throws: StoreError.self) { try await store.fileAppeal(.publication, reference: "khong-co-bai-nay", reason: "x", contact: nil) }
            await #expect(throws: StoreError.self) { try await store.fileAppeal(.decision, reference: String(caseID), reason: "   ", contact: nil) }

            #expect(try await store.appeals().map(\.receipt) == [listed.receipt, byReceipt.receipt, appeal.receipt])
            let resolved = try await store.resolveAppeal(id: appeal.id, overturn: true, note: "Đúng là bình luận", actor: "minh")
            #expect(resolved.status == .overturned && resolved.resolvedBy == "minh")
            await #expect(throws: StoreError.self) { try await store.resolveAppeal(id: appeal.id, overturn: false, note: "lại", actor: "minh") }
            #expect(try await store.appeal(receipt: appeal.receipt.lowercased())?.status == .overturned)
            #expect(try await store.appeals().count == 2)

            let figures = try await store.dashboard(days: 14)
            #expect(figures.appeals == ["open": 2, "overturned": 1])
            #expect(figures.human == 2)
            #expect(figures.pending == 2)  // both appealed cases are back in the queue
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }

    @Test("the dashboard counts items per day and label in Vietnam's time, automatic actions, and the queue's oldest and overdue cases", arguments: TestDatabases.kinds)
    func dashboard(kind: String) async throws {
        let store = try await TestDatabases.fresh(kind)
        do {
            // 2026-12-02 16:30 UTC is 23:30 in Vietnam; 17:30 UTC is already 3 December there.
            let evening = Int64(1_796_229_000_000)
            let night = evening + 3_600_000
            _ = try await store.ingest([
                (ItemInput(source: "sms", externalID: "1", text: "a", receivedAt: evening), verdict("scam", "block")),
                (ItemInput(source: "sms", externalID: "2", text: "b", receivedAt: evening), verdict("scam", "review")),
                (ItemInput(source: "sms", externalID: "3", text: "c", receivedAt: night), verdict("clean", "allow")),
                (ItemInput(source: "sms", externalID: "4", text: "d", receivedAt: evening - 20 * 86_400_000), verdict("spam", "allow")),
            ], actor: "test")
            let figures = try await store.dashboard(days: 14, now: night)
            let day = (evening + 7 * 3_600_000) / 86_400_000
            #expect(figures.volumes.map { "\($0.day - day):\($0.label):\($0.count)" } == ["0:scam:2", "1:clean:1"])
            #expect(figures.automatic == ["block": 1, "allow": 1])
            #expect(figures.pending == 1 && figures.overdue == 0)
            #expect(figures.oldestPending != nil)
            #expect(try await store.recentTexts(since: evening).map(\.text) == ["c", "b", "a"])
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }
}
