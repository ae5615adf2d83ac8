import Hummingbird
import KiemDetect
import KiemStore

/// `GET /v1/alerts`: the spike alerts raised over ingested items, newest first
/// (`?since=` an ISO 8601 time, `?limit=`, `?cursor=`).
struct AlertRoutes {
    let services: KiemServices

    func register(on router: Router<KiemRequestContext>) {
        router.get("/v1/alerts") { request, context in
            _ = try context.require(.viewer)
            let parameters = request.uri.queryParameters
            var since: Int64?
            if let text = parameters["since"] {
                guard let milliseconds = Timestamp.milliseconds(String(text).utf8) else { throw APIError.badRequest("`since` must be an ISO 8601 time with an offset") }
                since = milliseconds
            }
            var limit = 100
            if let text = parameters["limit"] {
                guard let value = Int(text), (1...1000).contains(value) else { throw APIError.badRequest("`limit` must be a number from 1 to 1000") }
                limit = value
            }
            let before = try parameters["cursor"].map { try Int64($0).orThrow(APIError.badRequest("`cursor` is not one this API gave")) }
            let page = try await services.store.alerts(since: since, limit: limit, before: before)
            return JSONText.response(#"{"alerts":[\#(page.alerts.map(CampaignMonitor.json).joined(separator: ","))],"next":\#(page.next.map { "\"\($0)\"" } ?? "null")}"#)
        }
    }
}
