import Foundation
import Hummingbird
import KiemDetect

/// `/compliance`: the Decree 91 check as a page. An advertiser or operator pastes sending records
/// (JSONL), optionally a Do-Not-Call list and registered brandnames, and gets the violations and
/// the per-sender report. Nothing submitted is stored; anonymous use is rate limited.
struct CompliancePage {
    let services: KiemServices

    struct Form: Decodable {
        var records: String
        var dnc: String?
        var brandnames: String?
    }

    /// Inline styles only; no script, nothing from another site.
    static let policy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func register(on router: Router<KiemRequestContext>) {
        router.get("/compliance") { _, context in
            Self.page(ComplianceReport.html([], spamSources: [], errors: 0, before: Self.form(records: "", dnc: "", brandnames: "", csrf: context.web.csrf)))
        }

        router.post("/compliance") { request, context in
            if context.principal == nil, let wait = services.checkLimit.take(context.clientKey, cost: 5) {
                throw APIError(.tooManyRequests, "rate_limited", "too many checks from here; try again in \(wait) s", retryAfter: wait)
            }
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let form: Form
            do {
                form = try URLEncodedFormDecoder().decode(Form.self, from: String(decoding: body.readableBytesView, as: UTF8.self))
            } catch {
                throw APIError.badRequest("the form could not be read: send `records` (JSONL)")
            }
            var records: [SendingRecord] = []
            var errors: [(line: Int, message: String)] = []
            for (index, line) in form.records.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let bytes = Array(line.utf8)
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                switch bytes.withUnsafeBufferPointer(SendingRecord.parse) {
                case .success(let record): records.append(record)
                case .failure(let error): errors.append((index + 1, error.message))
                }
            }
            let doNotCall = form.dnc.flatMap { $0.isEmpty ? nil : DoNotCallList.parse($0).list } ?? services.doNotCall
            let brandnames = form.brandnames.flatMap { $0.isEmpty ? nil : BrandnameRegistry.parse($0).registry } ?? services.brandnames
            let checker = ComplianceChecker(config: services.compliance, doNotCall: doNotCall, brandnames: brandnames, engine: services.engine)
            let outcome = ComplianceBatch.check(records, with: checker)
            var after = "<h2>Vi phạm / Violations (\(outcome.violations.count))</h2>\n"
            if outcome.violations.isEmpty {
                after += "<p>Không tìm thấy vi phạm nào. No violation found.</p>\n"
            } else {
                after += "<table><thead><tr><th scope=\"col\">record</th><th scope=\"col\">rule</th><th scope=\"col\">article</th><th scope=\"col\">detail</th></tr></thead><tbody>\n"
                for violation in outcome.violations.prefix(2000) {
                    let id = String(decoding: violation.recordIdJSON, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    after += "<tr><td>\(ComplianceReport.escape(id))</td><td>\(violation.rule.rawValue)</td><td>\(ComplianceReport.escape(violation.article))</td>"
                        + "<td style=\"text-align:left\">\(ComplianceReport.escape(violation.detail))</td></tr>\n"
                }
                after += "</tbody></table>\n"
                if outcome.violations.count > 2000 { after += "<p>… \(outcome.violations.count - 2000) more: use POST /v1/compliance or kiem compliance for the whole list.</p>\n" }
            }
            if !errors.isEmpty {
                after += "<h2>Dòng không đọc được / Unreadable lines</h2>\n<ul>\n"
                for error in errors.prefix(200) { after += "<li>line \(error.line): \(ComplianceReport.escape(error.message))</li>\n" }
                after += "</ul>\n"
            }
            let before = Self.form(records: form.records.count <= 200_000 ? form.records : "", dnc: form.dnc ?? "", brandnames: form.brandnames ?? "", csrf: context.web.csrf)
            return Self.page(ComplianceReport.html(outcome.summary.ranked(), spamSources: outcome.spamSources, errors: errors.count, before: before, after: after))
        }
    }

    static func page(_ html: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: policy],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func form(records: String, dnc: String, brandnames: String, csrf: String) -> String {
        """
        <form method="post" action="/compliance">
        <input type="hidden" name="csrf" value="\(ComplianceReport.escape(csrf))">
        <p><label for="records">Bản ghi gửi tin (JSONL, mỗi dòng một bản ghi) / Sending records, one JSON object per line:
        <code>{"id", "channel": "sms"|"email"|"call", "sender", "recipient", "sent_at", "text", "subject"?, "consent"?, "advertising"?}</code></label><br>
        <textarea id="records" name="records" rows="10" cols="100" required>\(ComplianceReport.escape(records))</textarea></p>
        <p><label for="dnc">Danh sách không quảng cáo (DNC), mỗi dòng một số / Do-Not-Call list, one number per line (optional)</label><br>
        <textarea id="dnc" name="dnc" rows="3" cols="60">\(ComplianceReport.escape(dnc))</textarea></p>
        <p><label for="brandnames">Tên định danh đã đăng ký / Registered brandnames: NAME or NAME,sms|call per line (optional)</label><br>
        <textarea id="brandnames" name="brandnames" rows="3" cols="60">\(ComplianceReport.escape(brandnames))</textarea></p>
        <p><button type="submit">Kiểm tra / Check</button> Không lưu dữ liệu gửi lên. Nothing you send is stored.</p>
        </form>
        """
    }
}
