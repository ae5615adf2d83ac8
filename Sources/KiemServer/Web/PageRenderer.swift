import Foundation
import HTTPTypes
import Hummingbird
import KiemStore
import Mustache

/// Renders the web pages: the mustache templates shipped in `Web/Templates` (each page fills the
/// `content` block of `layout`), with the reader's strings, CSRF token and log-in, under a
/// strict Content-Security-Policy. `{{value}}` escapes HTML, so text from items, reports and
/// publications is shown as text.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// Why the templates could not be loaded (a broken installation); pages then answer 500.
    let loadError: String?

    /// Pages load styles and scripts from this site only; nothing inline runs.
    static let policy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    static let shared = load()

    /// The shipped templates' folder.
    static var templateFolder: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    /// Loads every template of the shipped `Templates` folder.
    static func load() -> PageRenderer {
        var library = MustacheLibrary()
        do {
            guard let folder = templateFolder else {
                return PageRenderer(library: library, loadError: "the page templates are missing from this installation")
            }
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            }
            return PageRenderer(library: library, loadError: nil)
        } catch {
            return PageRenderer(library: library, loadError: "a page template could not be read: \(error)")
        }
    }

    /// The page `name` as a response.
    func page(_ name: String, title: String, context: KiemRequestContext, data: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        guard loadError == nil, let html = library.render(root(title: title, context: context, data: data), withTemplate: name) else {
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: loadError ?? "no page template \(name)")))
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: Self.policy],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// What every template can use: `t` (the strings), `lang`, `csrf`, `title`, `me` (the
    /// logged-in person) and the link to the same page in the other language.
    private func root(title: String, context: KiemRequestContext, data: [String: Any]) -> [String: Any] {
        var root = data
        root["has_problems"] = !((data["problems"] as? [String]) ?? []).isEmpty
        let language = context.web.language
        root["t"] = WebStrings.table(language)
        root["lang"] = language.rawValue
        root["csrf"] = context.web.csrf
        root["title"] = title
        let other: WebState.Language = language == .vi ? .en : .vi
        root["other_lang_name"] = other == .en ? "English" : "Tiếng Việt"
        root["other_lang"] = other.rawValue
        root["other_lang_url"] = Self.withLanguage(context.web.path, other)
        if let principal = context.principal {
            root["me"] = ["name": principal.name, "role": principal.role.rawValue, "analyst": principal.role >= .analyst,
                          "editor": principal.role >= .editor, "admin": principal.role >= .admin] as [String: Any]
        }
        return root
    }

    /// `path` with its `lang` parameter set to `language`.
    static func withLanguage(_ path: String, _ language: WebState.Language) -> String {
        var components = URLComponents(string: path) ?? URLComponents()
        var query = (components.queryItems ?? []).filter { $0.name != "lang" && $0.name != "csrf" }
        query.append(URLQueryItem(name: "lang", value: language.rawValue))
        components.queryItems = query
        return (components.path.isEmpty ? "/" : components.path) + "?" + (components.percentEncodedQuery ?? "")
    }

    /// A redirect after a form was handled (POST, then GET).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
