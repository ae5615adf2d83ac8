/// Which paths are web pages (HTML, cookies, CSRF-checked forms) rather than the JSON API,
/// the OpenAPI document, health checks, metrics or static files.
enum WebPaths {
    static func isPage(_ path: String) -> Bool {
        !(path == "/v1" || path.hasPrefix("/v1/") || path.hasPrefix("/static/") || path == "/openapi.json"
            || path == "/healthz" || path == "/readyz" || path == "/metrics")
    }
}
