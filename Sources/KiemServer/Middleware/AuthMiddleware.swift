import Hummingbird
import KiemStore

/// Reads `Authorization: Bearer kiem_...` and sets the caller; a wrong or revoked token is
/// refused at once (401) rather than treated as anonymous. Web pages (not the `/v1` API, so the
/// API cannot be driven by a cross-site request) also accept the session of the `kiem_session`
/// cookie; an expired or revoked one leaves the reader anonymous.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = KiemRequestContext
    let store: Store
    let cache: TokenCache

    /// The cookie that carries a person's session on the web pages.
    static let sessionCookie = "kiem_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            guard WebPaths.isPage(request.uri.path), let secret = request.cookies[Self.sessionCookie]?.value,
                  let token = try await cache.token(secret, store: store) else { return try await next(request, context) }
            return try await next(request, Self.signedIn(context, token))
        }
        guard header.lowercased().hasPrefix("bearer "), let token = try await cache.token(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), store: store) else {
            throw APIError(.unauthorized, "unauthorized", "the API token is not valid or was revoked")
        }
        return try await next(request, Self.signedIn(context, token))
    }

    private static func signedIn(_ context: Context, _ token: APIToken) -> Context {
        var context = context
        // A person acts under their e-mail, a machine under its token's name.
        let name = token.userID != nil ? String(token.name.dropFirst("session:".count)) : "token:\(token.name)"
        context.principal = Principal(name: name, role: token.role, tokenID: token.id)
        return context
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
