import Hummingbird
import KiemStore

/// People and machines: log-in sessions (`POST/DELETE /v1/sessions`), users and tokens (admin),
/// and `GET /v1/audit`, the append-only audit log.
struct AccessRoutes {
    let services: KiemServices

    struct TokenBody: Decodable {
        var name: String
        var role: String
    }

    struct UserBody: Decodable {
        var email: String
        var name: String
        var role: String
        var password: String
    }

    struct LoginBody: Decodable {
        var email: String
        var password: String
    }

    struct UserUpdate: Decodable {
        var role: String?
        var disabled: Bool?
    }

    func register(on router: Router<KiemRequestContext>) {
        router.post("/v1/sessions") { request, context in
            if let wait = services.loginLimit.take(context.clientKey) {
                throw APIError(.tooManyRequests, "rate_limited", "too many log-in attempts; try again in \(wait) s", retryAfter: wait)
            }
            let body = try BodyDecoder.decode(LoginBody.self, from: try await request.body.collect(upTo: 64 << 10).readableBytesView)
            guard let (secret, token, user) = try await services.store.createSession(email: body.email, password: body.password) else {
                throw APIError(.unauthorized, "unauthorized", "wrong e-mail or password")
            }
            return JSONText.response(#"{"token":"\#(secret)","expires_at":"\#(JSONText.time(token.expiresAt ?? 0))","user":\#(Self.json(user))}"#, status: .created)
        }
        router.delete("/v1/sessions") { _, context in
            guard let principal = context.principal else { throw APIError.unauthorized }
            try await services.store.revokeToken(id: principal.tokenID, actor: principal.name)
            services.tokenCache.clear()
            return Response(status: .noContent)
        }
        router.get("/v1/users") { _, context in
            _ = try context.require(.admin)
            return JSONText.response(#"{"users":[\#(try await services.store.users().map(Self.json).joined(separator: ","))]}"#)
        }
        router.patch("/v1/users/{id}") { request, context in
            let principal = try context.require(.admin)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.badRequest("the user id must be a number") }
            let body = try BodyDecoder.decode(UserUpdate.self, from: try await request.body.collect(upTo: 64 << 10).readableBytesView)
            let role = try body.role.map { try Role(rawValue: $0).orThrow(APIError.badRequest("`role` must be admin, editor, analyst or viewer")) }
            let user = try await CaseRoutes.mapped { try await services.store.updateUser(id: id, role: role, disabled: body.disabled, actor: principal.name) }
            services.tokenCache.clear()
            return JSONText.response(Self.json(user))
        }
        router.get("/v1/tokens") { _, context in
            _ = try context.require(.admin)
            let tokens = try await services.store.tokens().map { token in
                #"{"id":\#(token.id),"name":\#(JSONText.string(token.name)),"role":"\#(token.role.rawValue)","created_at":"\#(JSONText.time(token.createdAt))","revoked_at":\#(token.revokedAt.map { "\"\(JSONText.time($0))\"" } ?? "null")}"#
            }
            return JSONText.response(#"{"tokens":[\#(tokens.joined(separator: ","))]}"#)
        }
        router.post("/v1/tokens") { request, context in
            let principal = try context.require(.admin)
            let body = try BodyDecoder.decode(TokenBody.self, from: try await request.body.collect(upTo: 64 << 10).readableBytesView)
            guard let role = Role(rawValue: body.role) else { throw APIError.badRequest("`role` must be admin, editor, analyst or viewer") }
            guard !body.name.isEmpty, body.name.count <= 100 else { throw APIError.badRequest("`name` must be 1 to 100 characters") }
            let (secret, token) = try await services.store.createToken(name: body.name, role: role, actor: principal.name)
            return JSONText.response(#"{"id":\#(token.id),"name":\#(JSONText.string(token.name)),"role":"\#(token.role.rawValue)","token":"\#(secret)"}"#, status: .created)
        }
        router.delete("/v1/tokens/{id}") { _, context in
            let principal = try context.require(.admin)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.badRequest("the token id must be a number") }
            do { try await services.store.revokeToken(id: id, actor: principal.name) } catch StoreError.notFound {
                throw APIError.notFound("no live token \(id)")
            }
            services.tokenCache.clear()
            return Response(status: .noContent)
        }
        router.post("/v1/users") { request, context in
            let principal = try context.require(.admin)
            let body = try BodyDecoder.decode(UserBody.self, from: try await request.body.collect(upTo: 64 << 10).readableBytesView)
            guard let role = Role(rawValue: body.role) else { throw APIError.badRequest("`role` must be admin, editor, analyst or viewer") }
            do {
                let user = try await services.store.addUser(email: body.email, name: body.name, role: role, password: body.password, actor: principal.name)
                return JSONText.response(Self.json(user), status: .created)
            } catch let error as StoreError {
                if case .conflict(let message) = error { throw APIError(.conflict, "conflict", message) }
                if case .invalid(let message) = error { throw APIError.badRequest(message) }
                throw error
            }
        }
        router.get("/v1/audit") { request, context in
            _ = try context.require(.admin)
            let parameters = request.uri.queryParameters
            let limit = parameters["limit"].flatMap { Int($0) } ?? 100
            let before = parameters["cursor"].flatMap { Int64($0) }
            let entries = try await services.store.auditLog(entity: parameters["entity"].map(String.init), entityID: parameters["entity_id"].map(String.init),
                                                              limit: limit, before: before)
            let items = entries.map { entry in
                #"{"id":\#(entry.id),"actor":\#(JSONText.string(entry.actor)),"action":\#(JSONText.string(entry.action)),"entity":\#(JSONText.string(entry.entity)),"#
                    + #""entity_id":\#(JSONText.string(entry.entityID)),"before":\#(entry.before ?? "null"),"after":\#(entry.after ?? "null"),"at":"\#(JSONText.time(entry.at))"}"#
            }
            let next = entries.count == max(1, min(limit, 1000)) ? entries.last.map { "\"\($0.id)\"" } ?? "null" : "null"
            return JSONText.response(#"{"entries":[\#(items.joined(separator: ","))],"next":\#(next)}"#)
        }
    }

    static func json(_ user: User) -> String {
        #"{"id":\#(user.id),"email":\#(JSONText.string(user.email)),"name":\#(JSONText.string(user.name)),"role":"\#(user.role.rawValue)","disabled":\#(user.disabled)}"#
    }
}
