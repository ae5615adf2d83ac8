import Foundation
import Hummingbird
import KiemStore

/// `/editor`: editors write fact-checks and scam warnings, preview them as readers will see
/// them, publish them (at least one source), correct published ones in the open (a note
/// readers see) and retract them. Every change goes through the store, so it is in the audit log.
struct EditorPages {
    let services: KiemServices
    let renderer: PageRenderer

    func register(on router: Router<KiemRequestContext>) {
        router.get("/editor") { _, context in
            _ = try context.require(.editor)
            let language = context.web.language
            var rows: [[String: Any]] = []
            for kind in Publication.Kind.allCases {
                rows += try await services.store.publications(kind, status: Publication.Status.allCases, limit: 100).publications.map { PublicationView.data($0, language) }
            }
            rows.sort { ($0["id"] as? Int64 ?? 0) > ($1["id"] as? Int64 ?? 0) }
            return renderer.page("editor", title: WebStrings.text("title_editor", language), context: context, data: ["items": rows])
        }

        router.get("/editor/new") { request, context in
            _ = try context.require(.editor)
            let parameters = request.uri.queryParameters
            let kind = parameters["kind"].flatMap { Publication.Kind(rawValue: String($0)) } ?? .factCheck
            return form(kind: kind, current: nil, values: ["claim": parameters["claim"].map(String.init) ?? ""], context: context, problems: [])
        }

        router.post("/editor/new") { _, context in
            let principal = try context.require(.editor)
            let values = context.web.form
            let kind = Publication.Kind(rawValue: values["kind"] ?? "") ?? .factCheck
            let (draft, problems) = Self.draft(values, kind: kind, language: context.web.language)
            if values["do"] == "preview" || !problems.isEmpty {
                return form(kind: kind, current: nil, values: Self.echo(values), context: context, problems: problems, preview: problems.isEmpty ? draft : nil,
                            status: problems.isEmpty ? .ok : .unprocessableContent)
            }
            do {
                let created = try await services.store.createPublication(kind, draft, author: principal.name)
                return PageRenderer.redirect("/editor/\(created.id)?saved=1")
            } catch let error as StoreError {
                return form(kind: kind, current: nil, values: Self.echo(values), context: context, problems: [error.description], status: .unprocessableContent)
            }
        }

        router.get("/editor/{id}") { request, context in
            _ = try context.require(.editor)
            let current = try await find(context)
            var notices: [String] = []
            if request.uri.queryParameters["saved"] != nil { notices.append(WebStrings.text("editor_saved", context.web.language)) }
            if request.uri.queryParameters["published"] != nil { notices.append(WebStrings.text("editor_published", context.web.language)) }
            return form(kind: current.kind, current: current, values: [:], context: context, problems: [], notices: notices)
        }

        router.post("/editor/{id}") { _, context in
            let principal = try context.require(.editor)
            let current = try await find(context)
            let values = context.web.form
            let language = context.web.language
            do {
                switch values["do"] {
                case "publish":
                    _ = try await services.store.publish(id: current.id, actor: principal.name)
                    try await services.engines.refreshClaims(from: services.store)
                    return PageRenderer.redirect("/editor/\(current.id)?published=1")
                case "retract":
                    _ = try await services.store.retract(id: current.id, reason: values["reason"] ?? "", actor: principal.name)
                    try await services.engines.refreshClaims(from: services.store)
                    return PageRenderer.redirect("/editor/\(current.id)?saved=1")
                default:
                    var (draft, problems) = Self.draft(values, kind: current.kind, language: language)
                    if current.status == .published {
                        draft.correction = values.trimmed("correction")
                        if draft.correction == nil { problems.append(WebStrings.text("editor_correction_needed", language)) }
                    }
                    if values["do"] == "preview" || !problems.isEmpty {
                        return form(kind: current.kind, current: current, values: Self.echo(values), context: context, problems: problems,
                                    preview: problems.isEmpty ? draft : nil, status: problems.isEmpty ? .ok : .unprocessableContent)
                    }
                    let updated = try await services.store.updatePublication(id: current.id, draft, actor: principal.name)
                    if updated.status == .published { try await services.engines.refreshClaims(from: services.store) }
                    return PageRenderer.redirect("/editor/\(current.id)?saved=1")
                }
            } catch let error as StoreError {
                return form(kind: current.kind, current: current, values: Self.echo(values), context: context, problems: [error.description], status: .unprocessableContent)
            }
        }
    }

    private func find(_ context: KiemRequestContext) async throws -> Publication {
        guard let id = context.parameters.get("id", as: Int64.self), let found = try await services.store.publication(id: id) else {
            throw APIError.notFound("no such fact-check or warning")
        }
        return found
    }

    /// The edit form: for a new publication, an existing one, or one sent back with problems or
    /// for a preview (`values` then holds what was typed).
    private func form(kind: Publication.Kind, current: Publication?, values: [String: String], context: KiemRequestContext, problems: [String],
                      notices: [String] = [], preview: PublicationDraft? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let language = context.web.language
        var data: [String: Any] = current.map { PublicationView.data($0, language) } ?? [:]
        for (key, value) in values { data[key] = value }
        data["pub_title"] = values["title"] ?? current?.title ?? ""
        data["kind"] = kind.rawValue
        data["fact_check"] = kind == .factCheck
        data["is_new"] = current == nil
        data["action"] = current.map { "/editor/\($0.id)" } ?? "/editor/new"
        data["problems"] = problems
        data["notices"] = notices
        data["needs_correction"] = current?.status == .published
        data["can_publish"] = current?.status == .draft
        data["can_retract"] = current?.status == .published
        data["view_url"] = current.map(PublicationView.path) ?? ""
        let chosen = values["rating"] ?? current?.rating?.rawValue
        data["ratings"] = Publication.Rating.allCases.map { ["value": $0.rawValue, "name": WebFormat.rating($0, language), "selected": $0.rawValue == chosen] }
        if let preview {
            data["preview"] = ["title": preview.title ?? "", "claim": preview.claim ?? "", "paragraphs": WebFormat.paragraphs(preview.body ?? ""),
                               "sources": preview.sources ?? [], "rating_name": preview.rating.map { WebFormat.rating($0, language) } ?? "",
                               "rating": preview.rating?.rawValue ?? ""] as [String: Any]
        }
        let title = WebStrings.text(current == nil ? (kind == .factCheck ? "editor_new_fact_check" : "editor_new_warning") : "editor_edit", language)
        return renderer.page("editor_form", title: title, context: context, data: data, status: status)
    }

    /// The draft a submitted form describes, and what is wrong with it.
    static func draft(_ form: FormData, kind: Publication.Kind, language: WebState.Language) -> (PublicationDraft, [String]) {
        var problems: [String] = []
        let sources = (form["sources"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmed }.filter { !$0.isEmpty }
        if !sources.allSatisfy({ $0.hasPrefix("https://") || $0.hasPrefix("http://") }) { problems.append(WebStrings.text("editor_sources_links", language)) }
        if form.trimmed("title") == nil { problems.append(WebStrings.text("editor_title_needed", language)) }
        let rating = form["rating"].flatMap(Publication.Rating.init(rawValue:))
        if kind == .factCheck && form.trimmed("claim") == nil { problems.append(WebStrings.text("editor_claim_needed", language)) }
        let draft = PublicationDraft(title: form.trimmed("title"), body: form["body"] ?? "", claim: kind == .factCheck ? form.trimmed("claim") : nil,
                                     rating: kind == .factCheck ? rating : nil, sources: sources)
        return (draft, problems)
    }

    /// What was typed, to show it again.
    static func echo(_ form: FormData) -> [String: String] {
        ["title": form["title"] ?? "", "claim": form["claim"] ?? "", "body": form["body"] ?? "", "sources_text": form["sources"] ?? "",
         "correction": form["correction"] ?? "", "rating": form["rating"] ?? ""]
    }
}
