import Hummingbird
import KiemStore

/// The tipline over the API: `POST /v1/reports` (public, rate limited per client) answers a
/// receipt and what the text looks like; `GET /v1/reports/{receipt}` follows it;
/// `GET /v1/reports` lists them for staff.
struct ReportRoutes {
    let services: KiemServices

    struct Body: Decodable {
        var text: String
        var url: String?
        var contact: String?
        /// The citizen agrees to be contacted about the report; without it no contact is kept.
        var consent: Bool?
    }

    func register(on router: Router<KiemRequestContext>) {
        router.post("/v1/reports") { request, context in
            if context.principal == nil, let wait = services.reportLimit.take(context.clientKey) {
                throw APIError(.tooManyRequests, "rate_limited", "too many reports from here; try again in \(wait) s", retryAfter: wait)
            }
            let body = try BodyDecoder.decode(Body.self, from: try await request.body.collect(upTo: 64 << 10).readableBytesView)
            let text = body.text.trimmed
            guard !text.isEmpty || !(body.url ?? "").isEmpty else { throw APIError.badRequest("give the message (`text`) or the link (`url`) you are reporting") }
            guard text.utf8.count <= 20_000 else { throw APIError.badRequest("`text` is longer than 20000 bytes") }
            if let url = body.url, url.utf8.count > 2048 { throw APIError.badRequest("`url` is longer than 2048 bytes") }
            let contact = body.consent == true ? body.contact?.trimmed.prefix(200).description : nil
            let report = try await services.submitReport(text: text, url: body.url, contact: contact, logger: context.logger)
            return JSONText.response(#"{"receipt":"\#(report.receipt)","status":"received","top":\#(JSONText.string(report.top)),"contact_kept":\#(contact != nil)}"#, status: .created)
        }

        router.get("/v1/reports/{receipt}") { _, context in
            guard let receipt = context.parameters.get("receipt"), receipt.count <= 20 else { throw APIError.badRequest("not a receipt number") }
            guard let report = try await services.store.report(receipt: receipt) else { throw APIError.notFound("no report \(receipt)") }
            return JSONText.response(#"{"receipt":"\#(report.receipt)","status":"\#(report.status)","top":\#(JSONText.string(report.top)),"received_at":"\#(JSONText.time(report.createdAt))"}"#)
        }

        router.get("/v1/reports") { request, context in
            _ = try context.require(.analyst)
            let after = request.uri.queryParameters["cursor"].flatMap { Int64($0) }
            let page = try await services.store.reports(limit: request.uri.queryParameters["limit"].flatMap { Int($0) } ?? 50, after: after)
            let items = page.reports.map { report in
                #"{"id":\#(report.id),"receipt":"\#(report.receipt)","item_id":\#(report.itemID),"status":"\#(report.status)","top":\#(JSONText.string(report.top)),"#
                    + #""text":\#(JSONText.string(report.text)),"received_at":"\#(JSONText.time(report.createdAt))"}"#
            }
            return JSONText.response(#"{"reports":[\#(items.joined(separator: ","))],"next":\#(page.next.map { "\"\($0)\"" } ?? "null")}"#)
        }
    }
}
