import Foundation
import KiemTestSupport
import Testing

/// `kiem serve --demo` fills every page with realistic data: a real browser visits each main
/// page as the role that uses it and finds it filled. With `KIEM_SCREENSHOTS=folder` it also
/// saves the README's screenshots (`KIEM_SCREENSHOTS=docs/screenshots swift test --filter DemoScreenshotTests`).
@Suite("kiem serve --demo in a browser", .enabled(if: Browser.enabled, "needs Debian's chromium and chromium-driver (CI installs them)"))
struct DemoScreenshotTests {
    @Test("every main page of the demo is filled, for the public and for each staff role")
    func demoPages() async throws {
        let server = try ServerProcess()
        try await server.start(["--demo"])
        defer { server.kill() }
        let log = String(decoding: try Data(contentsOf: server.log), as: UTF8.self)
        func password(_ role: String) throws -> String {
            let line = try #require(log.split(separator: "\n").first { $0.contains("\(role)@demo.kiem.vn") })
            return String(try #require(line.split(separator: " ").last))
        }
        let browser = try await Browser.start(width: 1280, height: 1000)
        do {
            let site = server.base
            try await browser.go(site + "/")
            #expect(try await browser.findAll("article.card").count >= 5)
            try await browser.screenshot("home")
            try await browser.go(site + "/check?text=" + "Vietcombank thong bao: tai khoan cua quy khach bi tam khoa. Vui long xac minh tai vcb-xacminh.top".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(try await browser.findAll(".reasons li").count >= 2)
            try await browser.screenshot("check")
            try await browser.go(site + "/fact-checks")
            try await browser.find("article.card h3 a").click()
            try await browser.wait { try await browser.url().contains("/fact-checks/") }
            #expect(try await browser.findAll("script[type='application/ld+json']").count == 1)
            try await browser.screenshot("fact-check")

            try await logIn(browser, site, "analyst@demo.kiem.vn", try password("analyst"), path: "/queue")
            #expect(try await browser.findAll("table.queue tbody tr").count >= 50)
            try await browser.screenshot("queue")
            try await browser.find("table.queue tbody tr td a").click()
            try await browser.wait { try await browser.url().contains("/cases/") }
            #expect(try await browser.findAll("#item-text mark").count >= 1)
            try await browser.screenshot("case")
            try await browser.go(site + "/dashboard")
            #expect(try await browser.findAll("svg.chart rect").count >= 10)
            // The demo's campaign under way (one tax-refund scam to 40 numbers in the last hour) is alerted.
            #expect(try await browser.find("table.alerts").text().contains("thuedientu-gov.online"))
            try await browser.screenshot("dashboard")
            try await logOut(browser, site)

            try await logIn(browser, site, "editor@demo.kiem.vn", try password("editor"), path: "/editor")
            #expect(try await browser.findAll("table tbody tr").count >= 5)
            try await browser.find("table tbody tr td a").click()
            try await browser.wait { try await browser.url().contains("/editor/") }
            try await browser.screenshot("editor")
            try await logOut(browser, site)

            try await logIn(browser, site, "admin@demo.kiem.vn", try password("admin"), path: "/admin")
            #expect(try await browser.findAll("#h-users ~ table tbody tr").count >= 4)
            try await browser.screenshot("admin")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// Logs out and waits for the home page it leads to: going to the next page at once could
    /// cancel the log-out before it is sent, and the next log-in would find no form.
    private func logOut(_ browser: Browser, _ site: String) async throws {
        try await browser.find("header form[action='/logout'] button").click()
        try await browser.wait { try await browser.url() == site + "/" }
    }

    private func logIn(_ browser: Browser, _ site: String, _ email: String, _ password: String, path: String) async throws {
        try await browser.go(site + path)
        try await browser.find("#email").type(email)
        try await browser.find("#password").type(password)
        try await browser.find("form.narrow button[type=submit]").click()
        try await browser.wait { try await browser.url().hasSuffix(path) }
    }
}
