import Foundation
import Hummingbird
import KiemDetect
import KiemStore
import KiemText

/// The analysts' pages: `/queue` (open cases with filters, sorting and keyboard shortcuts),
/// `/cases/{id}` (the item with what triggered the verdict highlighted, signals, matching
/// claims, near-identical items and history; decide it alone or with its group, assign, close,
/// list an indicator, open a fact-check from it), and `/queue/appeals`.
struct QueuePages {
    let services: KiemServices
    let renderer: PageRenderer

    /// The queue reads this many open cases at most, then filters and sorts them.
    static let window = 500

    func register(on router: Router<KiemRequestContext>) {
        router.get("/queue") { request, context in
            _ = try context.require(.viewer)
            let language = context.web.language
            let parameters = request.uri.queryParameters
            let label = parameters["label"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let source = parameters["source"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let status = parameters["status"].flatMap { CaseStatus(rawValue: String($0)) }
            let minPriority = parameters["priority"].flatMap { Int($0) }
            let olderThan = parameters["age"].flatMap { Int64($0) }
            let sort = parameters["sort"].map(String.init) ?? "oldest"
            var query = CaseQuery(label: label, source: source, limit: Self.window)
            if let status { query.status = [status] }
            let page = try await services.store.cases(query)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            var cases = page.cases.filter { item in
                item.priority >= (minPriority ?? Int.min) && (olderThan.map { hours in now - item.createdAt >= hours * 3_600_000 } ?? true)
            }
            switch sort {
            case "newest": cases.sort { $0.createdAt > $1.createdAt }
            case "priority": cases.sort { ($0.priority, -$0.createdAt) > ($1.priority, -$1.createdAt) }
            default: cases.sort { $0.createdAt < $1.createdAt }
            }
            let rows = cases.map { item -> [String: Any] in
                ["id": item.id, "status": WebStrings.text("case_" + item.status.rawValue, language), "label": item.label,
                 "label_name": WebFormat.label(item.label, language), "source": item.source, "priority": item.priority,
                 "age": WebFormat.age(item.createdAt, now: now, language), "excerpt": WebFormat.excerpt(item.text, limit: 140),
                 "overdue": (item.dueAt ?? Int64.max) < now]
            }
            var data: [String: Any] = [
                "cases": rows, "empty": rows.isEmpty, "total": page.total, "shown": rows.count,
                "labels": (["clean"] + Label.names).map { ["value": $0, "name": WebFormat.label($0, language), "selected": $0 == label] },
                "statuses": CaseStatus.allCases.map { ["value": $0.rawValue, "name": WebStrings.text("case_" + $0.rawValue, language), "selected": $0 == status] },
                "sorts": ["oldest", "newest", "priority"].map { ["value": $0, "name": WebStrings.text("sort_" + $0, language), "selected": $0 == sort] },
                "source": source ?? "", "priority": minPriority.map(String.init) ?? "", "age": olderThan.map(String.init) ?? "",
            ]
            if let decided = parameters["decided"].flatMap({ Int($0) }) { data["decided"] = decided }
            return renderer.page("queue", title: WebStrings.text("title_queue", language), context: context, data: data)
        }

        router.get("/cases/{id}") { _, context in
            _ = try context.require(.viewer)
            return try await casePage(try CaseRoutes.caseID(context), context: context, problems: [])
        }

        router.post("/cases/{id}/decide") { _, context in
            let principal = try context.require(.analyst)
            let id = try CaseRoutes.caseID(context)
            let form = context.web.form
            let evidence = (form["evidence"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmed }.filter { !$0.isEmpty }
            guard evidence.allSatisfy({ $0.hasPrefix("https://") || $0.hasPrefix("http://") }) else {
                return try await casePage(id, context: context, problems: [WebStrings.text("evidence_links", context.web.language)], status: .badRequest)
            }
            var decided = 0
            var problems: [String] = []
            for caseID in [id] + form.all("group").compactMap(Int64.init).filter({ $0 != id }) {
                do {
                    _ = try await services.store.decide(Decision(caseID: caseID, label: form["label"] ?? "", action: form["action"] ?? "",
                                                                 rationale: form["rationale"] ?? "", evidence: evidence, decidedBy: principal.name))
                    decided += 1
                } catch let error as StoreError {
                    problems.append("#\(caseID): \(error.description)")
                    if caseID == id { break }
                }
            }
            guard problems.isEmpty else { return try await casePage(id, context: context, problems: problems, status: .unprocessableContent) }
            return PageRenderer.redirect("/queue?decided=\(decided)")
        }

        router.post("/cases/{id}/assign") { _, context in
            let principal = try context.require(.analyst)
            let id = try CaseRoutes.caseID(context)
            let me = try await services.store.user(email: principal.name)
            do {
                _ = try await services.store.assign(caseID: id, to: me?.id, actor: principal.name)
            } catch let error as StoreError {
                return try await casePage(id, context: context, problems: [error.description], status: .conflict)
            }
            return PageRenderer.redirect("/cases/\(id)")
        }

        router.post("/cases/{id}/close") { _, context in
            let principal = try context.require(.analyst)
            let id = try CaseRoutes.caseID(context)
            do {
                _ = try await services.store.move(caseID: id, .close, reason: context.web.form.trimmed("reason") ?? "closed from the case page", actor: principal.name)
            } catch let error as StoreError {
                return try await casePage(id, context: context, problems: [error.description], status: .conflict)
            }
            return PageRenderer.redirect("/cases/\(id)")
        }

        router.post("/cases/{id}/indicator") { _, context in
            let principal = try context.require(.analyst)
            let id = try CaseRoutes.caseID(context)
            let form = context.web.form
            let input = IndicatorInput(value: form.trimmed("value") ?? "", label: form["label"] ?? "", source: "case:\(id)", note: form.trimmed("note") ?? "")
            do {
                let outcome = try await services.store.importIndicators([input], actor: principal.name)
                guard outcome.rejected == 0 else { throw StoreError.invalid(WebStrings.text("indicator_unreadable", context.web.language)) }
            } catch let error as StoreError {
                return try await casePage(id, context: context, problems: [error.description], status: .badRequest)
            }
            try await services.engines.refresh(from: services.store)
            return PageRenderer.redirect("/cases/\(id)?listed=1")
        }

        router.get("/queue/appeals") { _, context in
            _ = try context.require(.viewer)
            return try await appealsPage(context: context, problems: [])
        }
        router.post("/queue/appeals/{id}/resolve") { _, context in
            let principal = try context.require(.analyst)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.badRequest("the appeal id must be a number") }
            let form = context.web.form
            do {
                _ = try await services.store.resolveAppeal(id: id, overturn: form["outcome"] == "overturned", note: form["note"] ?? "", actor: principal.name)
            } catch let error as StoreError {
                return try await appealsPage(context: context, problems: [error.description], status: .unprocessableContent)
            }
            return PageRenderer.redirect("/queue/appeals")
        }
    }

    private func appealsPage(context: KiemRequestContext, problems: [String], status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.web.language
        let open = try await services.store.appeals(status: [.open])
        let closed = try await services.store.appeals(status: [.upheld, .overturned], limit: 30)
        func row(_ appeal: Appeal) -> [String: Any] {
            ["id": appeal.id, "receipt": appeal.receipt, "target": WebStrings.text("appeal_" + appeal.target.rawValue, language), "reference": appeal.reference,
             "case_id": appeal.caseID as Any, "reason": appeal.reason, "filed": WebFormat.time(appeal.createdAt),
             "status": WebStrings.text("appeal_status_" + appeal.status.rawValue, language), "resolution": appeal.resolution ?? "", "resolved_by": appeal.resolvedBy ?? ""]
        }
        return renderer.page("appeals", title: WebStrings.text("title_appeals", language), context: context,
                             data: ["open": open.map(row), "closed": closed.map(row), "none_open": open.isEmpty, "problems": problems], status: status)
    }

    /// One case, with its item, verdict, group, decisions and history.
    private func casePage(_ id: Int64, context: KiemRequestContext, problems: [String], status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.web.language
        guard let found = try await services.store.reviewCase(id: id) else { throw APIError.notFound("no case \(id)") }
        let item = try await services.store.item(id: found.itemID)
        let engine = services.engine
        let verdict = services.engines.withSession { $0.check(found.text, explain: true) }
        let terms = VerdictView.highlightTerms(verdict)
        let decisions = try await services.store.decisions(caseID: id)
        let history = try await services.store.auditLog(entity: "case", entityID: String(id), limit: 100)
        let (group, shared) = try await nearIdentical(to: found)
        let open = found.status.after(.decide) != nil
        let form = context.web.form
        var data: [String: Any] = [
            "id": found.id, "item_id": found.itemID, "status": WebStrings.text("case_" + found.status.rawValue, language),
            "label_name": WebFormat.label(found.label, language), "source": found.source, "priority": found.priority,
            "opened": WebFormat.time(found.createdAt), "segments": Highlighter.segments(found.text, phrases: terms.phrases, values: terms.values),
            "verdict": VerdictView.data(verdict, engine: engine, language),
            "decisions": decisions.map { ["label": WebFormat.label($0.label, language), "action": WebStrings.text("action_" + $0.action, language),
                                          "rationale": $0.rationale, "evidence": $0.evidence, "by": $0.decidedBy, "at": WebFormat.time($0.decidedAt)] as [String: Any] },
            "history": history.reversed().map { ["action": $0.action, "actor": $0.actor, "at": WebFormat.time($0.at)] },
            "group": group.map { ["id": $0.id, "excerpt": WebFormat.excerpt($0.text, limit: 120), "status": WebStrings.text("case_" + $0.status.rawValue, language),
                                  "decidable": $0.status.after(.decide) != nil] as [String: Any] },
            "has_group": !group.isEmpty, "group_size": group.count + 1,
            "group_first": WebFormat.time(([found] + group).map(\.createdAt).min() ?? found.createdAt),
            "group_last": WebFormat.time(([found] + group).map(\.createdAt).max() ?? found.createdAt),
            "group_shared": shared.joined(separator: ", "),
            "can_decide": open && (context.principal?.role ?? .viewer) >= .analyst,
            "can_assign": found.status.after(.assign) != nil && (context.principal?.role ?? .viewer) >= .analyst,
            "can_close": found.status.after(.close) != nil && (context.principal?.role ?? .viewer) >= .analyst,
            "is_analyst": (context.principal?.role ?? .viewer) >= .analyst,
            "is_editor": (context.principal?.role ?? .viewer) >= .editor,
            "labels": (["clean"] + Label.names).map { ["value": $0, "name": WebFormat.label($0, language), "selected": $0 == (form["label"] ?? verdict.top)] },
            "actions": ["allow", "review", "warn", "block"].map { ["value": $0, "name": WebStrings.text("action_" + $0, language), "selected": $0 == (form["action"] ?? verdict.action.rawValue)] },
            "indicator_labels": Store.indicatorLabels.sorted().map { ["value": $0, "name": WebFormat.label($0, language)] },
            "rationale": form["rationale"] ?? "", "evidence": form["evidence"] ?? "",
            "problems": problems, "claim_query": Self.query(["kind": "fact_check", "claim": String(found.text.prefix(500)), "case": String(id)]),
        ]
        if let item {
            data["received"] = WebFormat.time(item.receivedAt)
            if let url = item.url { data["url"] = url }
            data["stored_top"] = WebFormat.label(item.top, language)
            data["stored_action"] = WebStrings.text("action_" + item.action, language)
        }
        let entities = verdict.signals.filter { $0.kind == .entity && ["url", "domain", "phone", "email", "bank_account"].contains($0.name) }
        data["entities"] = entities.map { ["kind": $0.name, "value": $0.value ?? ""] }
        data["has_entities"] = !entities.isEmpty
        return renderer.page("case", title: WebStrings.text("title_case", language) + " #\(id)", context: context, data: data, status: status)
    }

    /// Open cases whose messages are near-identical to this one (the same campaign with small
    /// changes), found with the campaign clusterer over the most recent open cases; and the
    /// domains, phone numbers and accounts that at least half the group's messages carry.
    private func nearIdentical(to target: ReviewCase) async throws -> (cases: [ReviewCase], shared: [String]) {
        let open = try await services.store.cases(CaseQuery(status: [.new, .inReview, .appealed, .decided], limit: Self.window)).cases
        let clusterer = CampaignClusterer(similarity: 0.5)
        let normalizer = Normalizer()
        func assign(_ item: ReviewCase) -> Int? {
            let text = normalizer.normalize(item.text)
            let indicators = EntityExtractor.extract(text).filter(\.kind.isIndicator).map(\.value)
            return clusterer.assign(text, sample: item.text, at: item.createdAt, indicators: indicators)
        }
        guard let own = assign(target) else { return ([], []) }
        let group = open.filter { $0.id != target.id && assign($0) == own }
        return (group, clusterer.clusters[own].sharedIndicators)
    }

    static func query(_ items: [String: String]) -> String {
        var components = URLComponents()
        components.queryItems = items.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.percentEncodedQuery ?? ""
    }
}
