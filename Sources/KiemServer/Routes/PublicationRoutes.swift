import Hummingbird
import KiemStore

/// Fact-checks (`/v1/fact-checks`) and scam warnings (`/v1/warnings`): anyone reads what is
/// published; editors write drafts, publish them (with at least one source), correct them in
/// the open and retract them.
struct PublicationRoutes {
    let services: KiemServices
    let kind: Publication.Kind

    var path: String { kind == .factCheck ? "/v1/fact-checks" : "/v1/warnings" }

    struct Body: Decodable {
        var title: String?
        var body: String?
        var claim: String?
        var rating: String?
        var sources: [String]?
        var correction: String?
    }

    struct ReasonBody: Decodable { var reason: String }

    func register(on router: Router<KiemRequestContext>) {
        router.get(RouterPath(path)) { request, context in
            let parameters = request.uri.queryParameters
            var statuses: [Publication.Status] = [.published]
            if let wanted = parameters["status"] {
                _ = try context.require(.editor)
                let names = wanted.split(separator: ",").map(String.init)
                statuses = names.compactMap(Publication.Status.init(rawValue:))
                guard statuses.count == names.count else { throw APIError.badRequest("`status` must be draft, published or retracted (comma-separated)") }
            }
            let after = try parameters["cursor"].map { try Int64($0).orThrow(APIError.badRequest("`cursor` is not one this API gave")) }
            let limit = parameters["limit"].flatMap { Int($0) } ?? 20
            let page = try await services.store.publications(kind, status: statuses, query: parameters["query"].map(String.init), limit: limit, after: after)
            let key = kind == .factCheck ? "fact_checks" : "warnings"
            return JSONText.response(#"{"\#(key)":[\#(page.publications.map(Self.json).joined(separator: ","))],"total":\#(page.total),"next":\#(page.next.map { "\"\($0)\"" } ?? "null")}"#)
        }

        router.get(RouterPath(path + "/{ref}")) { _, context in
            let found = try await find(context)
            if found.status == .draft { _ = try context.require(.editor) }
            return JSONText.response(Self.json(found))
        }

        router.post(RouterPath(path)) { request, context in
            let principal = try context.require(.editor)
            let body = try BodyDecoder.decode(Body.self, from: try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let created = try await CaseRoutes.mapped { try await services.store.createPublication(kind, try Self.draft(body), author: principal.name) }
            return JSONText.response(Self.json(created), status: .created)
        }

        router.patch(RouterPath(path + "/{ref}")) { request, context in
            let principal = try context.require(.editor)
            let body = try BodyDecoder.decode(Body.self, from: try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let current = try await find(context)
            let updated = try await CaseRoutes.mapped { try await services.store.updatePublication(id: current.id, try Self.draft(body), actor: principal.name) }
            if updated.status == .published { try await services.engines.refreshClaims(from: services.store) }
            return JSONText.response(Self.json(updated))
        }

        router.post(RouterPath(path + "/{ref}/publish")) { _, context in
            let principal = try context.require(.editor)
            let current = try await find(context)
            let published = try await CaseRoutes.mapped { try await services.store.publish(id: current.id, actor: principal.name) }
            // The claim of a published fact-check is matched from the next check on.
            try await services.engines.refreshClaims(from: services.store)
            return JSONText.response(Self.json(published))
        }

        router.post(RouterPath(path + "/{ref}/retract")) { request, context in
            let principal = try context.require(.editor)
            let body = try BodyDecoder.decode(ReasonBody.self, from: try await request.body.collect(upTo: 64 << 10).readableBytesView)
            let current = try await find(context)
            let retracted = try await CaseRoutes.mapped { try await services.store.retract(id: current.id, reason: body.reason, actor: principal.name) }
            try await services.engines.refreshClaims(from: services.store)
            return JSONText.response(Self.json(retracted))
        }
    }

    /// The publication named in the path, by id or slug.
    private func find(_ context: KiemRequestContext) async throws -> Publication {
        guard let ref = context.parameters.get("ref") else { throw APIError.badRequest("missing id or slug") }
        let found = if let id = Int64(ref) { try await services.store.publication(id: id) } else { try await services.store.publication(slug: ref) }
        guard let found, found.kind == kind else { throw APIError.notFound("no \(kind == .factCheck ? "fact-check" : "warning") \(ref)") }
        return found
    }

    static func draft(_ body: Body) throws -> PublicationDraft {
        let rating = try body.rating.map { try Publication.Rating(rawValue: $0).orThrow(APIError.badRequest("`rating` must be false, misleading, true or unproven")) }
        return PublicationDraft(title: body.title, body: body.body, claim: body.claim, rating: rating, sources: body.sources, correction: body.correction)
    }

    static func json(_ item: Publication) -> String {
        var out = #"{"id":\#(item.id),"kind":"\#(item.kind.rawValue)","slug":\#(JSONText.string(item.slug)),"title":\#(JSONText.string(item.title)),"#
        out += #""body":\#(JSONText.string(item.body)),"claim":\#(item.claim.map(JSONText.string) ?? "null"),"#
        out += #""rating":\#(item.rating.map { #"{"value":"\#($0.rawValue)","name":\#(JSONText.string($0.vietnamese))}"# } ?? "null"),"#
        out += #""sources":[\#(item.sources.map(JSONText.string).joined(separator: ","))],"#
        out += #""corrections":[\#(item.corrections.map { #"{"at":"\#(JSONText.time($0.at))","note":\#(JSONText.string($0.note))}"# }.joined(separator: ","))],"#
        out += #""status":"\#(item.status.rawValue)","author":\#(JSONText.string(item.author)),"created_at":"\#(JSONText.time(item.createdAt))","#
        out += #""updated_at":"\#(JSONText.time(item.updatedAt))","published_at":\#(item.publishedAt.map { "\"\(JSONText.time($0))\"" } ?? "null")}"#
        return out
    }
}
