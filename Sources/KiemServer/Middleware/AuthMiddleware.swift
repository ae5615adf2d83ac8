import Hummingbird
import KiemStore

/// Reads `Authorization: Bearer kiem_...` and sets the caller; a wrong or revoked token is
/// refused at once (401) rather than treated as anonymous.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = KiemRequestContext
    let store: Store
    let cache: TokenCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.lowercased().hasPrefix("bearer "), let token = try await cache.token(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), store: store) else {
            throw APIError(.unauthorized, "unauthorized", "the API token is not valid or was revoked")
        }
        var context = context
        // A person acts under their e-mail, a machine under its token's name.
        let name = token.userID != nil ? String(token.name.dropFirst("session:".count)) : "token:\(token.name)"
        context.principal = Principal(name: name, role: token.role, tokenID: token.id)
        return try await next(request, context)
    }
}

extension KiemRequestContext {
    /// The caller, who must have at least `role`.
    func require(_ role: Role) throws -> Principal {
        guard let principal else { throw APIError.unauthorized }
        guard principal.role >= role else { throw APIError.forbidden(role.rawValue) }
        return principal
    }
}
