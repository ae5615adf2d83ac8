import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// What every web page request goes through: the reader's language (`?lang=en|vi`, kept in a
/// cookie), a CSRF token (double submit: a `kiem_csrf` cookie that every POST form must repeat
/// in its `csrf` field), the form of a POST, and errors as HTML pages. A page that needs a
/// log-in sends anonymous readers to `/login` and brings them back afterwards.
struct WebMiddleware: RouterMiddleware {
    typealias Context = KiemRequestContext
    let renderer: PageRenderer

    static let csrfCookie = "kiem_csrf"
    static let languageCookie = "kiem_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard WebPaths.isPage(request.uri.path) else { return try await next(request, context) }
        var context = context
        let asked = request.uri.queryParameters["lang"].flatMap { WebState.Language(rawValue: String($0)) }
        context.web.language = asked ?? request.cookies[Self.languageCookie].flatMap { WebState.Language(rawValue: $0.value) } ?? .vi
        let existing = request.cookies[Self.csrfCookie]?.value.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        let known = existing.flatMap { $0.count >= 32 ? $0 : nil }
        context.web.csrf = known ?? Self.randomToken()
        context.web.path = request.uri.string
        var response: Response
        do {
            var request = request
            if request.method == .post {
                let body = try await request.collectBody(upTo: context.maxUploadSize)
                guard let form = try? FormData(String(decoding: body.readableBytesView, as: UTF8.self)) else {
                    throw APIError.badRequest("the form could not be read")
                }
                guard let known, let sent = form["csrf"], Self.same(sent, known) else {
                    throw APIError(.forbidden, "csrf", "this form has expired or did not come from this site; reload the page and send it again")
                }
                context.web.form = form
            }
            response = try await next(request, context)
        } catch {
            response = errorPage(error, request: request, context: context)
        }
        if known == nil {
            response.setCookie(Cookie(name: Self.csrfCookie, value: context.web.csrf, path: "/", secure: Self.isSecure(request), httpOnly: true, sameSite: .strict))
        }
        if let asked {
            response.setCookie(Cookie(name: Self.languageCookie, value: asked.rawValue, maxAge: 365 * 86400, path: "/", secure: Self.isSecure(request), httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// An error as a page: a log-in for anonymous readers of staff pages, otherwise the status
    /// and a message in the reader's language.
    private func errorPage(_ error: Error, request: Request, context: Context) -> Response {
        let status: HTTPResponse.Status
        var message: String
        var retryAfter: Int?
        var allow: String?
        switch error {
        case let error as APIError:
            status = error.status
            message = error.message
            retryAfter = error.retryAfter
            allow = error.allow
        case let error as HTTPError:
            status = error.status
            message = error.body ?? error.status.reasonPhrase
        case is NIOTooManyBytesError:
            status = .contentTooLarge
            message = "the form is larger than \(context.maxUploadSize) bytes"
        default:
            context.logger.error("unexpected error on a page", metadata: ["error": "\(String(reflecting: error))"])
            status = .internalServerError
            message = "something went wrong on our side; it has been logged"
        }
        if status == .unauthorized && request.method == .get {
            let back = request.uri.string.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return Response(status: .seeOther, headers: [.location: "/login?next=\(back)"])
        }
        if status == .notFound { message = WebStrings.text("page_not_found", context.web.language) }
        if status == .unauthorized { message = WebStrings.text("session_ended", context.web.language) }
        var response = renderer.page("error", title: "\(status.code)", context: context, data: ["status": status.code, "message": message], status: status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        if let allow { response.headers[.allow] = allow }
        return response
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<43).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Whether the reader came over HTTPS (directly or through a proxy that says so).
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https"
    }
}
