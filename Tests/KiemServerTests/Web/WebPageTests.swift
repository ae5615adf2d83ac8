import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import KiemServer
import KiemDefaults
import KiemStore
import KiemTestSupport
import Testing

@Suite("The web pages over HTTP")
struct WebPageTests {
    @Test("anonymous readers of staff pages are sent to /login and come back; an analyst cannot reach /admin; a viewer cannot decide")
    func access() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.run { client in
            let analyst = try await WebSession.logIn(.analyst, store: fixture.services.store)
            let viewer = try await WebSession.logIn(.viewer, store: fixture.services.store)
            let admin = try await WebSession.logIn(.admin, store: fixture.services.store)
            for path in ["/queue", "/queue/appeals", "/cases/1", "/editor", "/editor/new", "/dashboard", "/admin"] {
                let response = try await client.execute(uri: path, method: .get, headers: WebSession().headers)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location] == "/login?next=" + path.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, "\(path)")
            }
            let forbidden = try await client.execute(uri: "/admin", method: .get, headers: analyst.headers)
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.text.contains("admin"))
            #expect(forbidden.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(try await client.execute(uri: "/editor", method: .get, headers: analyst.headers).status == .forbidden)
            #expect(try await client.execute(uri: "/queue", method: .get, headers: analyst.headers).status == .ok)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: admin.headers).status == .ok)
            #expect(try await client.execute(uri: "/dashboard", method: .get, headers: viewer.headers).status == .ok)
            let decide = try await client.execute(uri: "/cases/1/decide", method: .post, headers: viewer.formHeaders,
                                                  body: WebSession.form([("label", "scam"), ("action", "warn"), ("rationale", "x")]))
            #expect(decide.status == .forbidden)
            // A session cookie never opens the JSON API (no cross-site use of the API).
            #expect(try await client.execute(uri: "/v1/cases", method: .get, headers: admin.headers).status == .unauthorized)
        }
    }

    @Test("a form without the CSRF token of its browser is refused and changes nothing")
    func csrf() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.run { client in
            let missing = try await client.execute(uri: "/report", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "text=Tin+lua+dao"))
            #expect(missing.status == .forbidden)
            let wrong = try await client.execute(uri: "/report", method: .post, headers: WebSession().formHeaders,
                                                 body: WebSession.form([("text", "Tin lừa đảo")], csrf: "another-token-another-token-another-token"))
            #expect(wrong.status == .forbidden)
            #expect(try await fixture.services.store.reports().reports.isEmpty)
            let first = try await client.execute(uri: "/", method: .get)
            let cookie = try #require(first.headers[values: .setCookie].first { $0.hasPrefix("kiem_csrf=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let good = try await client.execute(uri: "/report", method: .post, headers: WebSession().formHeaders,
                                                body: WebSession.form([("text", "Vietcombank: tai khoan bi khoa, xac minh tai vcb-xacminh.top")]))
            #expect(good.status == .created)
            #expect(try await fixture.services.store.reports().reports.count == 1)
        }
    }

    @Test("script put into an item, a report or a fact-check is shown as text everywhere; the JSON-LD cannot close its script element")
    func escaping() async throws {
        let fixture = try await ServerFixture.make()
        let store = fixture.services.store
        try await fixture.run { client in
            let attack = #"<script>alert('x')</script><img src=x onerror=alert(1)> Nhà cái uy tín, nạp lần đầu tặng 100%, cá độ bóng đá"#
            let verdict = fixture.services.engines.withSession { $0.check(attack) }
            _ = try await store.ingest([(ItemInput(source: "sms", externalID: "x1", text: attack),
                                         VerdictRecord(verdict, modelVersion: "m", rulesVersion: "r"))], actor: "test")
            let opened = try #require(try await store.cases(CaseQuery()).cases.first)
            let draft = PublicationDraft(title: "</script><script>alert(2)</script>", body: "Đoạn một <b>đậm</b>\n\nĐoạn hai", claim: "Tin </script> giả",
                                         rating: .false, sources: ["https://example.vn/\"><script>alert(3)</script>"])
            let created = try await store.createPublication(.factCheck, draft, author: "editor@kiem.test")
            let published = try await store.publish(id: created.id, actor: "editor@kiem.test")
            let analyst = try await WebSession.logIn(.analyst, store: store)
            let casePage = try await client.execute(uri: "/cases/\(opened.id)", method: .get, headers: analyst.headers).text
            #expect(!casePage.contains("<script>alert"))
            #expect(!casePage.contains("<img src=x"))
            #expect(casePage.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") || casePage.contains("&lt;script&gt;"))
            let page = try await client.execute(uri: "/fact-checks/\(published.slug)", method: .get)
            #expect(page.status == .ok)
            let html = page.text
            #expect(!html.contains("<script>alert"))
            #expect(!html.contains("<b>đậm</b>"))
            #expect(html.contains("&lt;b&gt;đậm&lt;/b&gt;"))
            // One script element opens the JSON-LD and one closes it: nothing in it ends it early.
            let jsonld = try #require(html.components(separatedBy: #"<script type="application/ld+json">"#).dropFirst().first?.components(separatedBy: "</script>").first)
            let markup = try #require(try JSONSerialization.jsonObject(with: Data(jsonld.utf8)) as? [String: Any])
            #expect(markup["@type"] as? String == "ClaimReview")
            #expect(markup["claimReviewed"] as? String == "Tin </script> giả")
            #expect(markup["url"] as? String == "http://localhost/fact-checks/\(published.slug)" || (markup["url"] as? String)?.hasSuffix("/fact-checks/\(published.slug)") == true)
            let rating = try #require(markup["reviewRating"] as? [String: Any])
            #expect(rating["alternateName"] as? String == "Sai")
            #expect(rating["ratingValue"] as? Int == 1)
            #expect((markup["itemReviewed"] as? [String: Any])?["@type"] as? String == "Claim")
            #expect(markup["datePublished"] != nil && markup["author"] != nil)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
        }
    }

    @Test("the feed lists what is published, newest first, as well-formed Atom; drafts and other pages stay out")
    func feed() async throws {
        let fixture = try await ServerFixture.make()
        let store = fixture.services.store
        try await fixture.run { client in
            let warning = try await store.createPublication(.warning, PublicationDraft(title: "Cảnh báo: giả danh điện lực & <EVN>", body: "Không chuyển khoản.", sources: ["https://evn.com.vn"]), author: "e")
            _ = try await store.publish(id: warning.id, actor: "e")
            _ = try await store.createPublication(.warning, PublicationDraft(title: "Bản nháp chưa đăng", body: "x", sources: ["https://a.vn"]), author: "e")
            let response = try await client.execute(uri: "/feed.atom", method: .get)
            #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let xml = response.text
            #expect(xml.contains("Cảnh báo: giả danh điện lực &amp; &lt;EVN&gt;"))
            #expect(!xml.contains("Bản nháp chưa đăng"))
            let parser = XMLParser(data: Data(xml.utf8))
            #expect(parser.parse(), "the feed is not well-formed XML")
            let drafts = try await client.execute(uri: "/warnings/\(try #require(try await store.publications(.warning, status: [.draft]).publications.first).slug)", method: .get)
            #expect(drafts.status == .notFound)
        }
    }

    @Test("pages are Vietnamese by default; ?lang=en switches to English and a cookie keeps it")
    func language() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.run { client in
            let vietnamese = try await client.execute(uri: "/check", method: .get)
            #expect(vietnamese.text.contains(#"<html lang="vi">"#))
            #expect(vietnamese.text.contains("Kiểm tra tin nhắn"))
            let english = try await client.execute(uri: "/check?lang=en", method: .get)
            #expect(english.text.contains(#"<html lang="en">"#))
            #expect(english.text.contains("Check a message"))
            #expect(english.headers[values: .setCookie].contains { $0.hasPrefix("kiem_lang=en") })
            let kept = try await client.execute(uri: "/", method: .get, headers: [.cookie: "kiem_lang=en"])
            #expect(kept.text.contains("Latest scam warnings"))
        }
    }

    @Test("an administrator changes a label's thresholds: the engine uses them from the next check, the audit log keeps the change, nonsense is refused")
    func thresholds() async throws {
        let fixture = try await ServerFixture.make()
        let store = fixture.services.store
        try await fixture.run { client in
            let admin = try await WebSession.logIn(.admin, store: store)
            let analyst = try await WebSession.logIn(.analyst, store: store)
            let page = try await client.execute(uri: "/admin", method: .get, headers: admin.headers).text
            #expect(page.contains(#"name="review_spam""#) && page.contains(#"name="block_scam""#) && !page.contains(#"name="block_spam""#))
            let engine = fixture.services.engine
            var fields: [(String, String)] = []
            for label in engine.labels {
                let current = engine.policy.thresholds(for: label)
                fields.append(("review_" + label, label == "spam" ? "95" : String(current.review * 100)))
                fields.append(("warn_" + label, label == "spam" ? "97,5" : String(current.warn * 100)))
                if let block = current.block { fields.append(("block_" + label, String(block * 100))) }
            }
            #expect(try await client.execute(uri: "/admin/policy", method: .post, headers: analyst.formHeaders, body: WebSession.form(fields)).status == .forbidden)
            let saved = try await client.execute(uri: "/admin/policy", method: .post, headers: admin.formHeaders, body: WebSession.form(fields))
            #expect(saved.status == .seeOther)
            #expect(fixture.services.engine.policy.thresholds(for: "spam") == .init(review: 0.95, warn: 0.975))
            #expect(try await store.policyThresholds().keys.sorted() == ["spam"])
            #expect(try await store.auditLog(entity: "policy").first?.entityID == "spam")

            var wrong = fields.filter { $0.0 != "warn_spam" }
            wrong.append(("warn_spam", "40"))
            let refused = try await client.execute(uri: "/admin/policy", method: .post, headers: admin.formHeaders, body: WebSession.form(wrong))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("review ≤ warn ≤ block"))
            #expect(fixture.services.engine.policy.thresholds(for: "spam") == .init(review: 0.95, warn: 0.975))
            // All or nothing: a wrong box leaves the right ones unsaved too.
            var blocked = fields.filter { $0.0 != "review_violence" }
            blocked.append(("review_violence", "60"))
            blocked.append(("block_gambling", "99"))
            let notBlockable = try await client.execute(uri: "/admin/policy", method: .post, headers: admin.formHeaders, body: WebSession.form(blocked))
            #expect(notBlockable.status == .unprocessableContent)
            #expect(notBlockable.text.contains("only scam, phishing and malware can be blocked"))
            #expect(fixture.services.engine.policy.thresholds(for: "gambling").block == nil)
            #expect(try await store.policyThresholds().keys.sorted() == ["spam"])
        }
    }

    @Test("an administrator installs a rule pack only when its examples pass; the engine and every verdict's rules version follow; back to the shipped pack on request")
    func rulePack() async throws {
        let fixture = try await ServerFixture.make()
        let store = fixture.services.store
        try await fixture.run { client in
            let admin = try await WebSession.logIn(.admin, store: store)
            let shipped = fixture.services.engine.rules.rules.count
            let pack = """
                version: "local-1"
                rules:
                  - name: fake_lottery_sms
                    description: Xổ số trúng thưởng giả
                    labels: {scam: 3}
                    any: ["trúng xổ số vietlott"]
                    tests:
                      match: ["Chuc mung ban trung xo so vietlott 2 ty"]
                      no_match: ["Kết quả xổ số hôm nay"]
                """
            let broken = pack.replacingOccurrences(of: "no_match: [\"Kết quả xổ số hôm nay\"]", with: "no_match: [\"Bạn trúng xổ số Vietlott\"]")
            let refused = try await client.execute(uri: "/admin/rules", method: .post, headers: admin.formHeaders, body: WebSession.form([("yaml", broken), ("do", "install")]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("fake_lottery_sms"))
            #expect(fixture.services.engine.rules.rules.count == shipped)
            let garbage = try await client.execute(uri: "/admin/rules", method: .post, headers: admin.formHeaders, body: WebSession.form([("yaml", "rules: [[["), ("do", "install")]))
            #expect(garbage.status == .unprocessableContent)

            let installed = try await client.execute(uri: "/admin/rules", method: .post, headers: admin.formHeaders, body: WebSession.form([("yaml", pack), ("do", "install")]))
            #expect(installed.status == .ok)
            #expect(fixture.services.engine.rules.rules.map(\.name) == ["fake_lottery_sms"])
            #expect(fixture.services.rulesVersion == "installed:local-1")
            let verdict = fixture.services.engines.withSession { $0.check("Chuc mung ban trung xo so vietlott 2 ty, nhan thuong tai day") }
            #expect(verdict.signals.contains { $0.kind == .rule && $0.name == "fake_lottery_sms" })
            #expect(try await store.auditLog(entity: "policy", entityID: "rules").first?.action == "install_rules")
            #expect(try await client.execute(uri: "/admin", method: .get, headers: admin.headers).text.contains("fake_lottery_sms"))

            let reset = try await client.execute(uri: "/admin/rules", method: .post, headers: admin.formHeaders, body: WebSession.form([("do", "reset")]))
            #expect(reset.status == .seeOther)
            #expect(fixture.services.engine.rules.rules.count == shipped)
            #expect(fixture.services.rulesVersion == "test-rules")
        }
    }

    @Test("every string a template or page asks for exists in Vietnamese and English")
    func strings() throws {
        let folder = try #require(PageRenderer.templateFolder)
        var used = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let regex = try Regex(#"\{\{[#^/]?t\.([a-z0-9_]+)\}\}"#)
            for match in text.matches(of: regex) { used.insert(String(match.output[1].substring ?? "")) }
        }
        #expect(used.count > 100)
        for key in used.sorted() {
            #expect(WebStrings.vietnamese[key] != nil && WebStrings.english[key] != nil, "missing string \(key)")
        }
        // Keys built from values at run time.
        for label in ["scam", "phishing", "malware", "spam", "gambling", "sexual", "violence", "harassment", "clean", "claim"] {
            #expect(WebStrings.vietnamese["looks_" + label] != nil && WebStrings.vietnamese["advice_" + label] != nil, "\(label)")
        }
        for status in CaseStatus.allCases { #expect(WebStrings.english["case_" + status.rawValue] != nil) }
        for status in Appeal.Status.allCases { #expect(WebStrings.english["appeal_status_" + status.rawValue] != nil) }
        for action in ["allow", "review", "warn", "block"] { #expect(WebStrings.english["action_" + action] != nil) }
        for rule in try ShippedDefaults.rules().rules { #expect(WebStrings.vietnamese["rule_" + rule.name] != nil, "no Vietnamese for rule \(rule.name)") }
    }
}
