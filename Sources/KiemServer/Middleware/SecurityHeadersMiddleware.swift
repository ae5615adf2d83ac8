import HTTPTypes
import Hummingbird

/// Safe defaults on every response: no sniffing, no framing, no referrer, a strict content
/// security policy for the API (the web pages set their own).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = KiemRequestContext

    private static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    private static let frameOptions = HTTPField.Name("X-Frame-Options")!
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.contentTypeOptions] = "nosniff"
        response.headers[Self.frameOptions] = "DENY"
        response.headers[Self.referrerPolicy] = "no-referrer"
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
