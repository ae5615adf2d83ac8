import Foundation
import Hummingbird
import KiemStore

/// Known claims: `GET /v1/claims` and `POST /v1/claims/import` (JSONL: `id`, `text`, `verdict`,
/// optional `url` and `variants`, as `kiem claims import` reads).
struct ClaimRoutes {
    let services: KiemServices

    func register(on router: Router<KiemRequestContext>) {
        router.get("/v1/claims") { request, context in
            _ = try context.require(.viewer)
            let page = try await services.store.claims(limit: request.uri.queryParameters["limit"].flatMap { Int($0) } ?? 100,
                                                       after: request.uri.queryParameters["cursor"].flatMap { Int64($0) })
            let items = page.claims.map { claim in
                #"{"id":\#(claim.id),"external_id":\#(claim.externalID.map(JSONText.string) ?? "null"),"text":\#(JSONText.string(claim.text)),"#
                    + #""verdict":"\#(claim.verdict.rawValue)","url":\#(claim.url.map(JSONText.string) ?? "null"),"variants":[\#(claim.variants.map(JSONText.string).joined(separator: ","))]}"#
            }
            return JSONText.response(#"{"claims":[\#(items.joined(separator: ","))],"next":\#(page.next.map { "\"\($0)\"" } ?? "null")}"#)
        }

        router.post("/v1/claims/import") { request, context in
            let principal = try context.require(.editor)
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            guard let text = String(validating: body.readableBytesView, as: UTF8.self) else { throw APIError.badRequest("the body is not UTF-8") }
            try BodyDecoder.refuseNUL(body.readableBytesView)
            let (claims, errors) = ClaimJSONL.parse(text)
            let outcome = try await services.store.importClaims(claims, actor: principal.name)
            try await services.engines.refreshClaims(from: services.store)
            let errorJSON = errors.map { #"{"line":\#($0.line),"error":\#(JSONText.string($0.message))}"# }.joined(separator: ",")
            return JSONText.response(#"{"created":\#(outcome.created),"updated":\#(outcome.updated),"errors":[\#(errorJSON)]}"#)
        }
    }
}
