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
        guard let secret = Self.bearerSecret(header), let token = try await cache.token(secret, store: store) else {
            throw APIError(.unauthorized, "unauthorized", "the API token is not valid or was revoked")
        }
        return try await next(request, Self.signedIn(context, token))
    }

    /// The secret of an `Authorization: Bearer <secret>` header (scheme in any case, blanks around
    /// the secret ignored), read from the UTF-8 bytes: Foundation's trimming cost more per request
    /// than the token lookup.
    static func bearerSecret(_ header: String) -> String? {
        let bytes = header.utf8
        guard bytes.count > 7 else { return nil }
        var index = bytes.startIndex
        for expected in "bearer".utf8 {
            guard bytes[index] | 0x20 == expected else { return nil }
            index = bytes.index(after: index)
        }
        guard bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") else { return nil }
        var start = index
        var end = bytes.endIndex
        while start < end && (bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t")) { start = bytes.index(after: start) }
        while end > start {
            let before = bytes.index(before: end)
            guard bytes[before] == UInt8(ascii: " ") || bytes[before] == UInt8(ascii: "\t") else { break }
            end = before
        }
        guard start < end else { return nil }
        return String(header[start..<end])
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
