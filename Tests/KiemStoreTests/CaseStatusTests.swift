import KiemStore
import KiemTestSupport
import Testing

@Suite("The case workflow")
struct CaseStatusTests {
    @Test("every state allows exactly the moves of the workflow")
    func transitions() {
        let expected: [CaseStatus: [CaseStatus.Event: CaseStatus]] = [
            .new: [.assign: .inReview, .decide: .decided],
            .inReview: [.assign: .inReview, .decide: .decided],
            .decided: [.appeal: .appealed, .close: .closed],
            .appealed: [.assign: .appealed, .decide: .decided],
            .closed: [:],
        ]
        for status in CaseStatus.allCases {
            for event in [CaseStatus.Event.assign, .decide, .appeal, .close] {
                #expect(status.after(event) == expected[status]?[event], "\(status) + \(event)")
            }
        }
    }
}

@Suite("Cases in the store")
struct CaseStoreTests {
    @Test("a case is assigned, decided (the item takes the label), appealed and decided again; bad moves are refused", arguments: TestDatabases.kinds)
    func workflow(kind: String) async throws {
        let store = try await TestDatabases.fresh(kind)
        let outcome = try await store.ingest([(ItemInput(source: "sms", externalID: "c1", text: "Nhà cái uy tín, nạp lần đầu tặng 100%"),
                                               VerdictRecord(top: "gambling", action: "review", json: "{}", modelVersion: "m", rulesVersion: "r"))], actor: "test")
        let caseID = try #require(outcome[0].caseID)
        let analyst = try await store.addUser(email: "an@example.vn", name: "An", role: .analyst, password: "long enough password", actor: "test")
        let queue = try await store.cases(CaseQuery())
        #expect(queue.total == 1)
        #expect(queue.cases.first?.text.hasPrefix("Nhà cái") == true)
        let assigned = try await store.assign(caseID: caseID, to: analyst.id, actor: "test")
        #expect(assigned.status == .inReview)
        await #expect(throws: StoreError.self) { _ = try await store.assign(caseID: caseID, to: 999, actor: "test") }
        await #expect(throws: StoreError.invalid("only scam, phishing and malware can be blocked")) {
            _ = try await store.decide(Decision(caseID: caseID, label: "gambling", action: "block", rationale: "x", evidence: [], decidedBy: "an"))
        }
        await #expect(throws: StoreError.self) {
            _ = try await store.decide(Decision(caseID: caseID, label: "misinformation", action: "warn", rationale: "x", evidence: [], decidedBy: "an"))
        }
        let decision = try await store.decide(Decision(caseID: caseID, label: "gambling", action: "warn", rationale: "Quảng cáo nhà cái cá độ",
                                                       evidence: ["https://example.vn/nha-cai"], decidedBy: "an"))
        #expect(decision.id > 0)
        #expect(try await store.item(id: outcome[0].id)?.action == "warn")
        #expect(try await store.cases(CaseQuery()).total == 0)
        await #expect(throws: StoreError.self) {
            _ = try await store.decide(Decision(caseID: caseID, label: "clean", action: "allow", rationale: "again", evidence: [], decidedBy: "an"))
        }
        #expect(try await store.move(caseID: caseID, .appeal, reason: "Đây là quảng cáo xổ số hợp pháp", actor: "public").status == .appealed)
        _ = try await store.decide(Decision(caseID: caseID, label: "clean", action: "allow", rationale: "Appeal upheld", evidence: [], decidedBy: "an"))
        #expect(try await store.decisions(caseID: caseID).map(\.label) == ["gambling", "clean"])
        #expect(try await store.move(caseID: caseID, .close, reason: "done", actor: "an").status == .closed)
        await #expect(throws: StoreError.self) { _ = try await store.move(caseID: caseID, .appeal, reason: "again", actor: "public") }
        #expect(try await store.auditLog(entity: "case", entityID: String(caseID)).map(\.action) == ["close", "decide", "appeal", "decide", "assign", "open"])
        await #expect(throws: StoreError.notFound("case 424242")) { _ = try await store.assign(caseID: 424242, to: nil, actor: "test") }
        try await store.close()
    }
}
