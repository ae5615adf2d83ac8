import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KiemServer
import KiemStore
import KiemTestSupport
import Testing

@Suite("Staff pages over HTTP")
struct StaffPageTests {
    @Test("an editor corrects a published fact-check only with a note, which readers then see; a retraction says why; drafts without a source cannot be published")
    func corrections() async throws {
        let fixture = try await ServerFixture.make()
        let store = fixture.services.store
        try await fixture.run { client in
            let editor = try await WebSession.logIn(.editor, store: store)
            let created = try await client.execute(uri: "/editor/new", method: .post, headers: editor.formHeaders, body: WebSession.form([
                ("kind", "fact_check"), ("title", "Ảnh lũ quét là ảnh cũ"), ("claim", "Ảnh lũ quét chụp tuần này"), ("rating", "misleading"),
                ("body", "Ảnh chụp năm 2020."), ("sources", ""), ("do", "save"),
            ]))
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let id = try #require(Int64(location.dropFirst("/editor/".count).prefix { $0.isNumber }))
            let noSource = try await client.execute(uri: "/editor/\(id)", method: .post, headers: editor.formHeaders, body: WebSession.form([("do", "publish")]))
            #expect(noSource.status == .unprocessableContent)
            #expect(noSource.text.contains("publishing needs at least one source"))
            #expect(try await store.publication(id: id)?.status == .draft)

            let fields: [(String, String)] = [("title", "Ảnh lũ quét là ảnh cũ"), ("claim", "Ảnh lũ quét chụp tuần này"), ("rating", "misleading"),
                                              ("body", "Ảnh chụp năm 2020."), ("sources", "https://example.vn/anh-goc")]
            #expect(try await client.execute(uri: "/editor/\(id)", method: .post, headers: editor.formHeaders, body: WebSession.form(fields + [("do", "save")])).status == .seeOther)
            #expect(try await client.execute(uri: "/editor/\(id)", method: .post, headers: editor.formHeaders, body: WebSession.form([("do", "publish")])).status == .seeOther)
            let published = try #require(try await store.publication(id: id))
            #expect(published.status == .published)

            let changed = fields.map { $0.0 == "body" ? ($0.0, "Ảnh chụp năm 2020 ở Yên Bái.") : $0 }
            let silent = try await client.execute(uri: "/editor/\(id)", method: .post, headers: editor.formHeaders, body: WebSession.form(changed + [("do", "save")]))
            #expect(silent.status == .unprocessableContent)
            #expect(try await store.publication(id: id)?.body == "Ảnh chụp năm 2020.")
            let corrected = try await client.execute(uri: "/editor/\(id)", method: .post, headers: editor.formHeaders,
                                                     body: WebSession.form(changed + [("correction", "Thêm nơi chụp ảnh"), ("do", "save")]))
            #expect(corrected.status == .seeOther)
            let page = try await client.execute(uri: "/fact-checks/\(published.slug)", method: .get).text
            #expect(page.contains("Ảnh chụp năm 2020 ở Yên Bái."))
            #expect(page.contains("Thêm nơi chụp ảnh"))
            #expect(page.contains("Gây hiểu nhầm"))

            #expect(try await client.execute(uri: "/editor/\(id)", method: .post, headers: editor.formHeaders,
                                             body: WebSession.form([("do", "retract"), ("reason", "Nguồn ảnh gốc sai")])).status == .seeOther)
            let retracted = try await client.execute(uri: "/fact-checks/\(published.slug)", method: .get).text
            #expect(retracted.contains("Nguồn ảnh gốc sai"))
            #expect(!retracted.contains("application/ld+json"), "a retracted fact-check carries no ClaimReview")
            let actions = try await store.auditLog(entity: "fact_check", entityID: String(id)).map(\.action)
            #expect(Set(actions).isSuperset(of: ["create", "publish", "retract"]))
        }
    }

    @Test("a case page lists the near-identical open cases and the domains and numbers at least half of them carry")
    func caseGroup() async throws {
        let fixture = try await ServerFixture.make()
        let store = fixture.services.store
        try await fixture.run { client in
            let campaign = { (amount: String, link: String) in
                "Nhà cái uy tín số 1 Việt Nam, nạp lần đầu tặng \(amount), hoàn trả mỗi ngày, cá độ bóng đá trực tuyến, vào ngay \(link) hoặc gọi 0912345678 để nhận quà"
            }
            let texts = [campaign("100%", "nhacai88.win"), campaign("150%", "nhacai88.win"), campaign("200%", "nhacai99.win"),
                         "Lịch họp lớp chuyển sang thứ bảy, mọi người nhớ mang theo ảnh cũ nhé"]
            var batch: [(item: ItemInput, verdict: VerdictRecord?)] = []
            for (index, text) in texts.enumerated() {
                let verdict = fixture.services.engines.withSession { $0.check(text) }
                batch.append((ItemInput(source: "sms", externalID: "g\(index)", text: text), VerdictRecord(verdict, modelVersion: "m", rulesVersion: "r")))
            }
            _ = try await store.ingest(batch, actor: "test")
            let cases = try await store.cases(CaseQuery()).cases
            #expect(cases.count == 3, "\(cases.map(\.text))")
            let first = try #require(cases.first { $0.text == texts[0] })
            let viewer = try await WebSession.logIn(.viewer, store: store)
            let html = try await client.execute(uri: "/cases/\(first.id)", method: .get, headers: viewer.headers).text
            let facts = try #require(html.components(separatedBy: #"id="group-facts">"#).dropFirst().first?.components(separatedBy: "</p>").first)
            // The number is in all three messages, the first domain in two, the other in one.
            #expect(facts.contains("chung: +84912345678, nhacai88.win"), "\(facts)")
            #expect(!facts.contains("nhacai99.win"))
            #expect(html.contains("Các tin gần giống nhau (3)"))
        }
    }

    @Test("the dashboard draws volumes by label, top domains and numbers, queue health, decisions and appeals from the store")
    func dashboard() async throws {
        let fixture = try await ServerFixture.make()
        let store = fixture.services.store
        try await fixture.run { client in
            let texts = ["Nhà cái uy tín, cá độ bóng đá tại https://www.nhacai88.win/dang-ky, gọi 0912 345 678",
                         "Nhà cái uy tín, cá độ bóng đá tại nhacai88.win, gọi 0912345678",
                         "Mai em qua lấy đồ nhé"]
            var batch: [(item: ItemInput, verdict: VerdictRecord?)] = []
            for (index, text) in texts.enumerated() {
                let verdict = fixture.services.engines.withSession { $0.check(text) }
                batch.append((ItemInput(source: "sms", externalID: "d\(index)", text: text), VerdictRecord(verdict, modelVersion: "m", rulesVersion: "r")))
            }
            _ = try await store.ingest(batch, actor: "test")
            let viewer = try await WebSession.logIn(.viewer, store: store)
            let response = try await client.execute(uri: "/dashboard", method: .get, headers: viewer.headers)
            #expect(response.status == .ok)
            let html = response.text
            // Volumes, decisions, appeals, domains and phone numbers; no bank account was seen.
            #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 5)
            #expect(html.contains("Tài khoản ngân hàng xuất hiện nhiều nhất</h2><p>Chưa có gì.</p>"))
            #expect(html.contains(#"class="fill-gambling""#))
            #expect(html.contains(">nhacai88.win</text>"))
            // A link counts once, under its domain: two messages, not three, and no `www.` twin.
            let bar = try #require(html.components(separatedBy: ">nhacai88.win</text>").dropFirst().first)
            #expect(bar.components(separatedBy: "</text>").first?.hasSuffix(">2") == true, "\(bar.prefix(200))")
            #expect(!html.contains("www.nhacai88.win"))
            #expect(html.contains(">+84912345678</text>"))
            #expect(html.contains(#"<span class="number" id="pending">2</span>"#))
        }
    }
}
