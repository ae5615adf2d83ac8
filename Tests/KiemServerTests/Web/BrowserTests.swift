import Foundation
import HummingbirdTesting
import KiemDefaults
import KiemDetect
import KiemServer
import KiemStore
import KiemTestSupport
import Testing

/// The main paths of the web app, driven in a real headless Chromium: log in and decide a case
/// (with its group), write and publish a fact-check and find it on the public page and in the
/// feed, check a message and report it, file an appeal, and see injected script stay text.
@Suite("The web app in a real browser", .enabled(if: Browser.enabled, "needs Debian's chromium and chromium-driver (CI installs them)"), .serialized)
struct BrowserTests {
    static let password = "correct horse battery"

    /// Runs `body` with a live server on a fresh database and a browser, then stops both.
    func withBrowser(_ body: @Sendable @escaping (_ site: String, _ browser: Browser, _ store: Store) async throws -> Void) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.run { client in
            let site = "http://127.0.0.1:\(try #require(client.port))"
            let browser = try await Browser.start()
            do {
                try await body(site, browser, fixture.services.store)
            } catch {
                await browser.quit()
                throw error
            }
            await browser.quit()
        }
    }

    static func engineSession() throws -> Engine.Session {
        Engine(model: try ShippedDefaults.model(), rules: try ShippedDefaults.rules(), policy: try ShippedDefaults.policy()).session()
    }

    static func addUser(_ role: Role, _ store: Store) async throws -> String {
        let email = "\(role.rawValue)@kiem.test"
        _ = try await store.addUser(email: email, name: "Chị \(role.rawValue)", role: role, password: password, actor: "test")
        return email
    }

    static func logIn(_ browser: Browser, _ site: String, email: String, from path: String) async throws {
        try await browser.go(site + path)
        #expect(try await browser.url().contains("/login?next="))
        try await browser.find("#email").type(email)
        try await browser.find("#password").type(password)
        try await browser.find("form.narrow button[type=submit]").click()
        try await browser.wait { try await browser.url().hasSuffix(path) }
    }

    @Test("an analyst logs in, opens a case from the queue, sees what triggered it, and decides it with its near-identical group")
    func decideCase() async throws {
        try await withBrowser { site, browser, store in
            let analyst = try await Self.addUser(.analyst, store)
            let session = try Self.engineSession()
            var batch: [(item: ItemInput, verdict: VerdictRecord?)] = []
            for (index, amount) in ["100%", "150%", "200%"].enumerated() {
                let text = "Nhà cái uy tín, nạp lần đầu tặng \(amount), cá độ bóng đá, vào ngay nhacai\(index)uytin.win"
                batch.append((ItemInput(source: "sms", externalID: "g\(index)", text: text), VerdictRecord(session.check(text), modelVersion: "m", rulesVersion: "r")))
            }
            _ = try await store.ingest(batch, actor: "test")
            let opened = try await store.cases(CaseQuery()).cases
            #expect(opened.count == 3)

            try await Self.logIn(browser, site, email: analyst, from: "/queue")
            let rows = try await browser.findAll("table.queue tbody tr")
            #expect(rows.count == 3)
            try await browser.screenshot("queue")
            // Keyboard: j selects the first case, Enter opens it.
            try await browser.keys("j\u{E007}")
            try await browser.wait { try await browser.url().contains("/cases/") }
            #expect(try await browser.find("h1").text().contains("cờ bạc"))
            let marked = try await browser.findAll("#item-text mark")
            #expect(!marked.isEmpty, "the words that triggered the verdict are highlighted")
            let markedText = try await marked.asyncMap { try await $0.text().lowercased() }.joined(separator: " ")
            #expect(markedText.contains("nhà cái") || markedText.contains("cá độ"))
            #expect(try await browser.findAll("input[name=group]").count == 2)
            #expect(try await browser.find("#group-facts").text().contains(":"), "the campaign's first and last seen")
            try await browser.find("[data-check-all=group]").click()
            try await browser.find("#d-rationale").type("Quảng cáo cá độ, cùng một chiến dịch")
            try await browser.find("#d-evidence").type("https://example.vn/bang-chung")
            try await browser.screenshot("case")
            try await browser.find("#decide button[type=submit]").click()
            try await browser.wait { try await browser.url().contains("/queue?decided=3") }
            #expect(try await browser.find("p.notice").text().contains("3"))
            for item in opened {
                let decided = try #require(try await store.reviewCase(id: item.id))
                #expect(decided.status == .decided)
                #expect(try await store.decisions(caseID: item.id).first?.decidedBy == analyst)
            }
        }
    }

    @Test("an editor writes, previews and publishes a fact-check; readers see it with its rating and ClaimReview, and in the feed")
    func publishFactCheck() async throws {
        try await withBrowser { site, browser, store in
            let editor = try await Self.addUser(.editor, store)
            try await Self.logIn(browser, site, email: editor, from: "/editor")
            try await browser.find("a[href='/editor/new?kind=fact_check']").click()
            try await browser.wait { try await browser.url().contains("/editor/new") }
            try await browser.find("#e-title").type("Uống nước chanh không chữa được sốt xuất huyết")
            try await browser.find("#e-claim").type("Uống nước chanh mỗi ngày chữa khỏi sốt xuất huyết")
            try await browser.find("#e-rating option[value=false]").click()
            try await browser.find("#e-body").type("Không có bằng chứng nào cho thấy điều này.\n\nNgười bệnh cần đến cơ sở y tế.")
            try await browser.find("#e-sources").type("https://moh.gov.vn/sot-xuat-huyet")
            try await browser.find("button[value=preview]").click()
            try await browser.wait { (try? await browser.find("#h-preview")) != nil }
            #expect(try await browser.find(".preview h1").text() == "Uống nước chanh không chữa được sốt xuất huyết")
            try await browser.find("button[value=save]").click()
            try await browser.wait { try await browser.url().contains("saved=1") }
            try await browser.find("#publish").click()
            try await browser.wait { try await browser.url().contains("published=1") }
            let published = try #require(try await store.publications(.factCheck).publications.first)
            #expect(try await store.auditLog(entity: "fact_check", entityID: String(published.id)).map(\.action).contains("publish"))

            // A reader, logged out.
            try await browser.find("header form[action='/logout'] button").click()
            try await browser.wait { try await browser.url() == site + "/" }
            #expect(try await browser.source().contains("Uống nước chanh không chữa được sốt xuất huyết"))
            try await browser.go(site + "/fact-checks/" + published.slug)
            #expect(try await browser.find("h1").text() == "Uống nước chanh không chữa được sốt xuất huyết")
            #expect(try await browser.find(".claim .rating").text().contains("Sai"))
            let markup = try #require(try await browser.execute("return document.querySelector('script[type=\"application/ld+json\"]').textContent") as? String)
            let review = try #require(try JSONSerialization.jsonObject(with: Data(markup.utf8)) as? [String: Any])
            #expect(review["@type"] as? String == "ClaimReview")
            #expect(review["claimReviewed"] as? String == "Uống nước chanh mỗi ngày chữa khỏi sốt xuất huyết")
            try await browser.screenshot("fact-check")
            try await browser.go(site + "/feed.atom")
            #expect(try await browser.source().contains("/fact-checks/" + published.slug))
        }
    }

    @Test("a citizen checks a scam message, gets a plain answer with reasons, reports it and follows the receipt")
    func checkAndReport() async throws {
        try await withBrowser { site, browser, store in
            try await browser.go(site + "/check")
            try await browser.find("#text").type("Vietcombank thong bao: tai khoan cua quy khach bi tam khoa. Vui long xac minh tai vcb-xacminh.top de tranh bi khoa vinh vien")
            try await browser.find("form.checker button").click()
            try await browser.wait { (try? await browser.find("#h-verdict")) != nil }
            let headline = try await browser.find("#h-verdict").text()
            #expect(headline.contains("lừa đảo") || headline.contains("giả mạo"), "headline: \(headline)")
            #expect(try await browser.findAll(".reasons li").count >= 2)
            #expect(try await browser.find(".reasons").text().contains("vcb-xacminh.top"))
            try await browser.screenshot("check")
            try await browser.find("a.button[href^='/report?']").click()
            try await browser.wait { try await browser.url().contains("/report?") }
            #expect(try await browser.find("#text").property("value") as? String == "Vietcombank thong bao: tai khoan cua quy khach bi tam khoa. Vui long xac minh tai vcb-xacminh.top de tranh bi khoa vinh vien")
            try await browser.find("#contact").type("lan@example.vn")
            try await browser.find("#consent").click()
            try await browser.find("form[action='/report'] button[type=submit]").click()
            // The form's own page has an input#receipt (to follow a receipt): wait for the answer's.
            try await browser.wait { (try? await browser.find("strong#receipt")) != nil }
            let receipt = try await browser.find("strong#receipt").text()
            #expect(receipt.hasPrefix("KR-"))
            let report = try #require(try await store.report(receipt: receipt))
            #expect(report.text.contains("vcb-xacminh.top"))
            try await browser.go(site + "/report/status?receipt=" + receipt)
            #expect(try await browser.find("dl.facts").text().contains("Đã nhận"))
        }
    }

    @Test("anyone contests a decision; the case goes back to the queue and the appeal waits for staff, who overturn it")
    func appeal() async throws {
        try await withBrowser { site, browser, store in
            let analyst = try await Self.addUser(.analyst, store)
            let text = "Nhà cái uy tín, nạp lần đầu tặng 100%, cá độ bóng đá"
            _ = try await store.ingest([(ItemInput(source: "comment", externalID: "a1", text: text),
                                         VerdictRecord(try Self.engineSession().check(text), modelVersion: "m", rulesVersion: "r"))], actor: "test")
            let opened = try #require(try await store.cases(CaseQuery()).cases.first)
            _ = try await store.decide(Decision(caseID: opened.id, label: "gambling", action: "warn", rationale: "cá độ", evidence: [], decidedBy: "analyst"))

            try await browser.go(site + "/appeal")
            try await browser.find("#target-decision").click()
            try await browser.find("#reference").type(String(opened.id))
            try await browser.find("#reason").type("Đây là bình luận về bóng đá, không phải quảng cáo cá độ")
            try await browser.find("form[action='/appeal'] button[type=submit]").click()
            // The form's own page has an input#receipt (to follow a receipt): wait for the answer's.
            try await browser.wait { (try? await browser.find("strong#receipt")) != nil }
            let receipt = try await browser.find("strong#receipt").text()
            #expect(receipt.hasPrefix("AP-"))
            #expect(try await store.reviewCase(id: opened.id)?.status == .appealed)

            try await Self.logIn(browser, site, email: analyst, from: "/queue/appeals")
            #expect(try await browser.source().contains(receipt))
            try await browser.find("input[name=note]").type("Đúng là bình luận thể thao")
            try await browser.find("button[value=overturned]").click()
            try await browser.wait { try await store.appeal(receipt: receipt)?.status == .overturned }
            #expect(try await store.appeal(receipt: receipt)?.resolvedBy == analyst)
        }
    }

    @Test("script injected through an item or a checked message is shown as text and never runs")
    func injection() async throws {
        try await withBrowser { site, browser, store in
            let viewer = try await Self.addUser(.viewer, store)
            let attack = #"<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script> Nhà cái uy tín, cá độ bóng đá"#
            _ = try await store.ingest([(ItemInput(source: "sms", externalID: "x", text: attack),
                                         VerdictRecord(try Self.engineSession().check(attack), modelVersion: "m", rulesVersion: "r"))], actor: "test")
            let opened = try #require(try await store.cases(CaseQuery()).cases.first)
            try await Self.logIn(browser, site, email: viewer, from: "/cases/\(opened.id)")
            #expect(try await browser.title() != "pwned")
            #expect(try await browser.find("#item-text").text().contains("<script>document.title='pwned'</script>"))
            #expect(try await browser.findAll("#item-text img").isEmpty)
            try await browser.go(site + "/check?text=" + attack.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(try await browser.title() != "pwned")
            #expect(try await browser.find("#text").property("value") as? String == attack)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
