import Hummingbird
import KiemStore

/// The review queue over the API: `GET /v1/cases`, `GET /v1/cases/{id}`, and
/// `POST /v1/cases/{id}/assign|decide|appeal|close`.
struct CaseRoutes {
    let services: KiemServices

    struct AssignBody: Decodable { var assignee: Int64? }
    struct DecideBody: Decodable {
        var label: String
        var action: String
        var rationale: String
        var evidence: [String]?
    }
    struct ReasonBody: Decodable { var reason: String }

    func register(on router: Router<KiemRequestContext>) {
        router.get("/v1/cases") { request, context in
            _ = try context.require(.viewer)
            let parameters = request.uri.queryParameters
            var query = CaseQuery()
            if let status = parameters["status"] {
                let names = status.split(separator: ",").map(String.init)
                let parsed = names.compactMap(CaseStatus.init(rawValue:))
                guard parsed.count == names.count else { throw APIError.badRequest("`status` must be new, in_review, decided, appealed or closed (comma-separated)") }
                query.status = parsed
            }
            query.label = parameters["label"].map(String.init)
            query.source = parameters["source"].map(String.init)
            if let assignee = parameters["assignee"] {
                guard let id = Int64(assignee) else { throw APIError.badRequest("`assignee` must be a user id") }
                query.assignee = id
            }
            if let limit = parameters["limit"] {
                guard let value = Int(limit), (1...500).contains(value) else { throw APIError.badRequest("`limit` must be a number from 1 to 500") }
                query.limit = value
            }
            if let cursor = parameters["cursor"] {
                guard let value = Int64(cursor) else { throw APIError.badRequest("`cursor` is not one this API gave") }
                query.after = value
            }
            let page = try await services.store.cases(query)
            return JSONText.response(#"{"cases":[\#(page.cases.map(Self.json).joined(separator: ","))],"total":\#(page.total),"next":\#(page.next.map { "\"\($0)\"" } ?? "null")}"#)
        }

        router.get("/v1/cases/{id}") { _, context in
            _ = try context.require(.viewer)
            let id = try Self.caseID(context)
            guard let found = try await services.store.reviewCase(id: id) else { throw APIError.notFound("no case \(id)") }
            let decisions = try await services.store.decisions(caseID: id)
            let history = try await services.store.auditLog(entity: "case", entityID: String(id), limit: 200)
            var out = String(Self.json(found).dropLast())
            out += #","decisions":[\#(decisions.map(Self.json).joined(separator: ","))]"#
            out += #","history":[\#(history.reversed().map { #"{"action":\#(JSONText.string($0.action)),"actor":\#(JSONText.string($0.actor)),"at":"\#(JSONText.time($0.at))","after":\#($0.after ?? "null")}"# }.joined(separator: ","))]}"#
            return JSONText.response(out)
        }

        router.post("/v1/cases/{id}/assign") { request, context in
            let principal = try context.require(.analyst)
            let body = try BodyDecoder.decode(AssignBody.self, from: try await request.body.collect(upTo: 64 << 10).readableBytesView)
            let updated = try await Self.mapped { try await services.store.assign(caseID: try Self.caseID(context), to: body.assignee, actor: principal.name) }
            return JSONText.response(Self.json(updated))
        }

        router.post("/v1/cases/{id}/decide") { request, context in
            let principal = try context.require(.analyst)
            let body = try BodyDecoder.decode(DecideBody.self, from: try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let evidence = body.evidence ?? []
            guard evidence.allSatisfy({ $0.hasPrefix("https://") || $0.hasPrefix("http://") }) else { throw APIError.badRequest("`evidence` must be a list of links") }
            let decision = try await Self.mapped {
                try await services.store.decide(Decision(caseID: try Self.caseID(context), label: body.label, action: body.action, rationale: body.rationale,
                                                         evidence: evidence, decidedBy: principal.name))
            }
            return JSONText.response(Self.json(decision), status: .created)
        }

        for (path, event, role) in [("appeal", CaseStatus.Event.appeal, Role.viewer), ("close", .close, .analyst)] {
            router.post("/v1/cases/{id}/\(path)") { request, context in
                let principal = try context.require(role)
                let body = try BodyDecoder.decode(ReasonBody.self, from: try await request.body.collect(upTo: 64 << 10).readableBytesView)
                guard !body.reason.trimmed.isEmpty else { throw APIError.badRequest("`reason` is empty") }
                let updated = try await Self.mapped { try await services.store.move(caseID: try Self.caseID(context), event, reason: body.reason, actor: principal.name) }
                return JSONText.response(Self.json(updated))
            }
        }
    }

    static func caseID(_ context: KiemRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.badRequest("the case id must be a number") }
        return id
    }

    /// Store errors as API errors: not found 404, a move the workflow does not allow 409, bad values 400.
    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as StoreError {
            switch error {
            case .notFound(let what): throw APIError.notFound("\(what) not found")
            case .conflict(let message): throw APIError(.conflict, "conflict", message)
            case .invalid(let message): throw APIError.badRequest(message)
            default: throw error
            }
        }
    }

    static func json(_ item: ReviewCase) -> String {
        var out = #"{"id":\#(item.id),"item_id":\#(item.itemID),"status":"\#(item.status.rawValue)","label":\#(JSONText.string(item.label)),"#
        out += #""assignee":\#(item.assignee.map(String.init) ?? "null"),"priority":\#(item.priority),"#
        out += #""due_at":\#(item.dueAt.map { "\"\(JSONText.time($0))\"" } ?? "null"),"created_at":"\#(JSONText.time(item.createdAt))","updated_at":"\#(JSONText.time(item.updatedAt))","#
        out += #""source":\#(JSONText.string(item.source)),"text":\#(JSONText.string(item.text))}"#
        return out
    }

    static func json(_ decision: Decision) -> String {
        #"{"id":\#(decision.id),"case_id":\#(decision.caseID),"label":\#(JSONText.string(decision.label)),"action":\#(JSONText.string(decision.action)),"#
            + #""rationale":\#(JSONText.string(decision.rationale)),"evidence":[\#(decision.evidence.map(JSONText.string).joined(separator: ","))],"#
            + #""decided_by":\#(JSONText.string(decision.decidedBy)),"decided_at":"\#(JSONText.time(decision.decidedAt))"}"#
    }
}
