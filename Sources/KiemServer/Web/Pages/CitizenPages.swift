import Foundation
import Hummingbird
import KiemStore

/// What citizens do without an account: `/check` (paste a message or link, get the verdict in
/// plain language, with a button to report it), `/report` (the tipline, with a receipt to
/// follow the report) and `/appeal` (contest a decision, a listed value or a publication).
/// Checks, reports and appeals are rate limited per client like the API's.
struct CitizenPages {
    let services: KiemServices
    let renderer: PageRenderer

    /// The longest message the checker and the tipline take.
    static let maxText = 20_000

    func register(on router: Router<KiemRequestContext>) {
        router.get("/check") { request, context in
            let text = request.uri.queryParameters["text"].map(String.init) ?? ""
            return try check(text, context: context)
        }
        router.post("/check") { _, context in
            try check(context.web.form["text"] ?? "", context: context)
        }

        router.get("/report") { request, context in
            renderer.page("report", title: title("report", context), context: context, data: [
                "text": request.uri.queryParameters["text"].map(String.init) ?? "", "link": request.uri.queryParameters["link"].map(String.init) ?? "",
            ])
        }
        router.post("/report") { _, context in
            let form = context.web.form
            let text = form.trimmed("text") ?? ""
            let link = form.trimmed("link")
            var problems: [String] = []
            if text.isEmpty && link == nil { problems.append(WebStrings.text("report_empty", context.web.language)) }
            if text.utf8.count > Self.maxText { problems.append(WebStrings.text("text_too_long", context.web.language)) }
            if let link, link.utf8.count > 2048 { problems.append(WebStrings.text("link_too_long", context.web.language)) }
            guard problems.isEmpty else {
                return renderer.page("report", title: title("report", context), context: context,
                                     data: ["text": text, "link": link ?? "", "contact": form["contact"] ?? "", "problems": problems], status: .badRequest)
            }
            try limit(services.reportLimit, context)
            let consent = form["consent"] == "yes"
            let contact = consent ? form.trimmed("contact").map { String($0.prefix(200)) } : nil
            let report = try await services.submitReport(text: text, url: link, contact: contact, logger: context.logger)
            return renderer.page("report_done", title: title("report", context), context: context, data: [
                "receipt": report.receipt, "contact_kept": contact != nil, "top_name": WebFormat.label(report.top, context.web.language),
            ], status: .created)
        }
        router.get("/report/status") { request, context in
            let receipt = request.uri.queryParameters["receipt"].map { String($0).trimmed } ?? ""
            var data: [String: Any] = ["receipt": receipt]
            if !receipt.isEmpty {
                if receipt.count <= 20, let report = try await services.store.report(receipt: receipt) {
                    data["found"] = ["receipt": report.receipt, "status": WebStrings.text("report_status_" + report.status, context.web.language),
                                     "received": WebFormat.time(report.createdAt), "top_name": WebFormat.label(report.top, context.web.language)]
                } else {
                    data["missing"] = true
                }
            }
            return renderer.page("report_status", title: title("report", context), context: context, data: data)
        }

        router.get("/appeal") { request, context in
            let target = request.uri.queryParameters["target"].map(String.init) ?? "decision"
            var data: [String: Any] = ["reference": request.uri.queryParameters["reference"].map(String.init) ?? ""]
            data["target_" + (Appeal.Target(rawValue: target)?.rawValue ?? "decision")] = true
            if let receipt = request.uri.queryParameters["receipt"].map(String.init), receipt.count <= 20,
               let appeal = try await services.store.appeal(receipt: receipt) {
                data["followed"] = ["receipt": appeal.receipt, "status": WebStrings.text("appeal_status_" + appeal.status.rawValue, context.web.language),
                                    "resolution": appeal.resolution ?? ""]
            }
            return renderer.page("appeal", title: title("appeal", context), context: context, data: data)
        }
        router.post("/appeal") { _, context in
            let form = context.web.form
            let language = context.web.language
            let target = Appeal.Target(rawValue: form["target"] ?? "") ?? .decision
            var data: [String: Any] = ["reference": form["reference"] ?? "", "reason": form["reason"] ?? "", "contact": form["contact"] ?? ""]
            data["target_" + target.rawValue] = true
            try limit(services.reportLimit, context)
            do {
                let appeal = try await services.store.fileAppeal(target, reference: form["reference"] ?? "", reason: form["reason"] ?? "",
                                                                 contact: form["consent"] == "yes" ? form["contact"] : nil)
                return renderer.page("appeal_done", title: title("appeal", context), context: context,
                                     data: ["receipt": appeal.receipt, "case_id": appeal.caseID as Any], status: .created)
            } catch let error as StoreError {
                let message: String = switch error {
                case .notFound: WebStrings.text("appeal_not_found", language)
                case .conflict(let detail): WebStrings.text("appeal_conflict", language) + " (" + detail + ")"
                case .invalid(let detail): detail
                default: throw error
                }
                data["problems"] = [message]
                return renderer.page("appeal", title: title("appeal", context), context: context, data: data, status: .unprocessableContent)
            }
        }
    }

    /// The checker's answer page (or its empty form).
    private func check(_ text: String, context: KiemRequestContext) throws -> Response {
        let language = context.web.language
        let text = text.trimmed
        var data: [String: Any] = ["text": text]
        guard !text.isEmpty else { return renderer.page("check", title: title("check", context), context: context, data: data) }
        guard text.utf8.count <= Self.maxText else {
            data["problems"] = [WebStrings.text("text_too_long", language)]
            return renderer.page("check", title: title("check", context), context: context, data: data, status: .badRequest)
        }
        try limit(services.checkLimit, context)
        let verdict = services.engines.withSession { $0.check(text, explain: true) }
        data["verdict"] = VerdictView.data(verdict, engine: services.engine, language)
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "text", value: String(text.prefix(2000)))]
        data["report_query"] = query.percentEncodedQuery ?? ""
        return renderer.page("check", title: title("check", context), context: context, data: data)
    }

    private func title(_ page: String, _ context: KiemRequestContext) -> String {
        WebStrings.text("title_" + page, context.web.language)
    }

    /// Anonymous readers share the API's per-client limits; staff are not limited.
    private func limit(_ limiter: RateLimiter, _ context: KiemRequestContext) throws {
        guard context.principal == nil else { return }
        if let wait = limiter.take(context.clientKey) {
            throw APIError(.tooManyRequests, "rate_limited", WebStrings.text("rate_limited", context.web.language).replacingOccurrences(of: "{seconds}", with: "\(wait)"),
                           retryAfter: wait)
        }
    }
}
