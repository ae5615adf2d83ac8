import Foundation
import Hummingbird
import KiemStore

/// `/login` and `/logout`: a person logs in with e-mail and password (rate limited per client)
/// for an 8-hour session kept in an HttpOnly, SameSite=Lax cookie; logging out ends the session
/// in the store, not only in the browser.
struct LoginPages {
    let services: KiemServices
    let renderer: PageRenderer

    func register(on router: Router<KiemRequestContext>) {
        router.get("/login") { request, context in
            renderer.page("login", title: WebStrings.text("title_login", context.web.language), context: context,
                          data: ["next": Self.safeNext(request.uri.queryParameters["next"].map(String.init))])
        }
        router.post("/login") { request, context in
            let form = context.web.form
            let next = Self.safeNext(form["next"])
            if let wait = services.loginLimit.take(context.clientKey) {
                throw APIError(.tooManyRequests, "rate_limited",
                               WebStrings.text("rate_limited", context.web.language).replacingOccurrences(of: "{seconds}", with: "\(wait)"), retryAfter: wait)
            }
            guard let (secret, token, _) = try await services.store.createSession(email: form["email"] ?? "", password: form["password"] ?? "") else {
                return renderer.page("login", title: WebStrings.text("title_login", context.web.language), context: context,
                                     data: ["next": next, "email": form["email"] ?? "", "problems": [WebStrings.text("login_wrong", context.web.language)]],
                                     status: .unauthorized)
            }
            var response = PageRenderer.redirect(next)
            let seconds = Int(max(60, ((token.expiresAt ?? 0) - token.createdAt) / 1000))
            response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: secret, maxAge: seconds, path: "/",
                                      secure: WebMiddleware.isSecure(request), httpOnly: true, sameSite: .lax))
            return response
        }
        router.post("/logout") { request, context in
            if let principal = context.principal {
                try await services.store.revokeToken(id: principal.tokenID, actor: principal.name)
                services.tokenCache.clear()
            }
            var response = PageRenderer.redirect("/")
            response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                                      secure: WebMiddleware.isSecure(request), httpOnly: true, sameSite: .lax))
            return response
        }
    }

    /// Where to go after logging in: a path on this site only (never another site).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), !next.contains("\n"), !next.contains("\r") else { return "/queue" }
        return next
    }
}
