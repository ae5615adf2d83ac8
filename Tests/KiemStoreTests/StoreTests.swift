import Foundation
import KiemStore
import KiemTestSupport
import SQLKit
import Testing

@Suite("The store on SQLite and PostgreSQL")
struct StoreTests {
    func verdict(_ top: String, _ action: String) -> VerdictRecord {
        VerdictRecord(top: top, action: action, json: #"{"action":"\#(action)","top":"\#(top)","labels":{},"signals":[],"matches":[]}"#,
                      modelVersion: "test-model", rulesVersion: "test-rules")
    }

    @Test("ingesting is idempotent on source and external id, and opens a case only where the policy says review or warn", arguments: TestDatabases.kinds)
    func ingest(kind: String) async throws {
        let store = try await TestDatabases.fresh(kind)
        let batch = [
            (ItemInput(source: "sms", externalID: "a1", text: "Vietcombank: tài khoản bị khóa, xác minh tại vcb-xacminh.top", author: "0912345678"), verdict("phishing", "warn")),
            (ItemInput(source: "sms", externalID: "a2", text: "Mai em qua lấy đồ nhé"), verdict("clean", "allow")),
            (ItemInput(source: "zalo", externalID: "a1", text: "Nhà cái uy tín, nạp lần đầu tặng 100%"), verdict("gambling", "review")),
        ]
        let first = try await store.ingest(batch, actor: "test")
        #expect(first.map(\.created) == [true, true, true])
        #expect(first.map { $0.caseID != nil } == [true, false, true])
        let again = try await store.ingest(batch, actor: "test")
        #expect(again.map(\.created) == [false, false, false])
        #expect(again.map(\.id) == first.map(\.id))
        #expect(again.map(\.caseID) == first.map(\.caseID))
        let item = try #require(try await store.item(id: first[0].id))
        #expect(item.text.hasPrefix("Vietcombank"))
        #expect(item.top == "phishing")
        #expect(item.caseStatus == "new")
        #expect(item.verdictJSON?.contains("\"warn\"") == true)
        // The author is kept only as a keyed hash.
        #expect(item.authorHash?.count == 64)
        #expect(item.authorHash != "0912345678")
        #expect(try await store.auditLog(entity: "item").count == 3)
        #expect(try await store.auditLog(entity: "case").count == 2)
        try await store.close()
    }

    @Test("search finds Vietnamese with or without accents; filters, totals and cursors page through", arguments: TestDatabases.kinds)
    func search(kind: String) async throws {
        let store = try await TestDatabases.fresh(kind)
        var batch: [(item: ItemInput, verdict: VerdictRecord)] = []
        for index in 0..<25 {
            batch.append((ItemInput(source: index % 2 == 0 ? "sms" : "facebook", externalID: "s\(index)", text: "Cảnh báo lừa đảo số \(index): Đừng chuyển tiền", receivedAt: 1_790_000_000_000 + Int64(index) * 60_000), verdict("scam", "review")))
        }
        batch.append((ItemInput(source: "sms", externalID: "other", text: "Hôm nay trời đẹp quá", receivedAt: 1_790_000_000_000), verdict("clean", "allow")))
        _ = try await store.ingest(batch, actor: "test")
        for query in ["lừa đảo", "lua dao", "LỪA ĐẢO", "lua", "dung chuyen tien"] {
            #expect(try await store.items(ItemQuery(text: query)).total == 25, "\(query)")
        }
        #expect(try await store.items(ItemQuery(text: "trời đẹp")).total == 1)
        #expect(try await store.items(ItemQuery(text: "\"; DROP TABLE items; --")).total == 0)
        #expect(try await store.items(ItemQuery(source: "sms", label: "scam")).total == 13)
        #expect(try await store.items(ItemQuery(since: 1_790_000_000_000 + 20 * 60_000)).total == 5)
        var seen: [Int64] = []
        var cursor: Int64?
        repeat {
            let page = try await store.items(ItemQuery(text: "lua dao", limit: 10, after: cursor))
            #expect(page.total == 25)
            seen += page.items.map(\.id)
            cursor = page.next
        } while cursor != nil
        #expect(seen.count == 25)
        #expect(seen == seen.sorted(by: >))
        try await store.close()
    }

    @Test("tokens are stored hashed and stop working when revoked; passwords are bcrypt", arguments: TestDatabases.kinds)
    func access(kind: String) async throws {
        let store = try await TestDatabases.fresh(kind)
        let (secret, token) = try await store.createToken(name: "telco", role: .analyst, actor: "test")
        #expect(secret.hasPrefix("kiem_"))
        #expect(try await store.token(secret: secret)?.role == .analyst)
        #expect(try await store.token(secret: secret + "x") == nil)
        try await store.revokeToken(id: token.id, actor: "test")
        #expect(try await store.token(secret: secret) == nil)
        _ = try await store.addUser(email: "Lan@Example.vn", name: "Lan", role: .editor, password: "correct horse battery", actor: "test")
        #expect(try await store.authenticate(email: "lan@example.vn", password: "correct horse battery")?.role == .editor)
        #expect(try await store.authenticate(email: "lan@example.vn", password: "wrong password!") == nil)
        #expect(try await store.authenticate(email: "nobody@example.vn", password: "correct horse battery") == nil)
        await #expect(throws: StoreError.self) { _ = try await store.addUser(email: "lan@example.vn", name: "Lan 2", role: .viewer, password: "another long one", actor: "test") }
        await #expect(throws: StoreError.self) { _ = try await store.addUser(email: "short@example.vn", name: "S", role: .viewer, password: "short", actor: "test") }
        try await store.close()
    }
}

@Suite("SQLite file")
struct SQLiteFileTests {
    @Test("what was acknowledged is there after reopening; nothing of an author's handle is in the file; the audit log cannot be changed")
    func durable() async throws {
        let path = TestDatabases.sqlitePath()
        let store = try await Store.open(path)
        let outcome = try await store.ingest([(ItemInput(source: "sms", externalID: "x", text: "Trúng thưởng iPhone, nhận tại qua-tang.top", author: "nguoi.gui.bi.mat@example.com"),
                                              VerdictRecord(top: "scam", action: "warn", json: "{}", modelVersion: "m", rulesVersion: "r"))], actor: "test")
        try await store.close()
        let reopened = try await Store.open(path)
        #expect(try await reopened.item(id: outcome[0].id)?.externalID == "x")
        #expect(try await reopened.schemaVersion() == Store.schemaVersion)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data("nguoi.gui.bi.mat".utf8)) == nil)
        #expect(try await reopened.auditLog(entity: "item").count == 1)
        await #expect(throws: (any Error).self) {
            try await reopened.backend.transaction { database in try await database.raw("UPDATE audit_log SET actor = 'someone else'").run() }
        }
        await #expect(throws: (any Error).self) {
            try await reopened.backend.transaction { database in try await database.raw("DELETE FROM audit_log").run() }
        }
        #expect(try await reopened.auditLog().first?.actor == "test")
        try await reopened.close()
        try await reopened.close()  // closing twice is harmless
        await #expect(throws: StoreError.self) { _ = try await reopened.item(id: 1) }
    }

    @Test("a store dropped without being closed (an error path) closes itself: the process goes on and the data is there")
    func droppedUnclosed() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kiem-dropped-\(UUID().uuidString).sqlite").path
        var store: Store? = try await Store.open(path)
        _ = try await store?.ingest([(ItemInput(source: "sms", externalID: "kept", text: "Mai em qua lấy đồ nhé"), nil)], actor: "test")
        store = nil
        let reopened = try await Store.open(path)
        #expect(try await reopened.items(ItemQuery()).items.map(\.externalID) == ["kept"])
        try await reopened.close()
    }

    @Test("a path that cannot be opened is a clear error")
    func badPath() async throws {
        await #expect(throws: (any Error).self) { _ = try await Store.open("/nonexistent-folder/kiem.sqlite") }
        await #expect(throws: StoreError.self) { _ = try await Store.open("") }
    }
}
