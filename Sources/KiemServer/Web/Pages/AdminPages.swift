import Foundation
import Hummingbird
import KiemDetect
import KiemStore

/// `/admin` (administrators only): people and their roles, machines' API tokens, the indicator
/// lists, and the policy thresholds and rule pack the engine runs with.
struct AdminPages {
    let services: KiemServices
    let renderer: PageRenderer

    func register(on router: Router<KiemRequestContext>) {
        router.get("/admin") { request, context in
            _ = try context.require(.admin)
            return try await page(context: context, problems: [], notice: request.uri.queryParameters["done"].map { WebStrings.text("admin_" + String($0), context.web.language) })
        }

        router.post("/admin/users") { _, context in
            let principal = try context.require(.admin)
            let form = context.web.form
            guard let role = Role(rawValue: form["role"] ?? "") else { throw APIError.badRequest("unknown role") }
            let password = form.trimmed("password") ?? ""
            do {
                _ = try await services.store.addUser(email: form["email"] ?? "", name: form.trimmed("name") ?? "", role: role, password: password, actor: principal.name)
            } catch let error as StoreError {
                return try await page(context: context, problems: [error.description], status: .unprocessableContent)
            }
            return PageRenderer.redirect("/admin?done=user_added")
        }

        router.post("/admin/users/{id}") { _, context in
            let principal = try context.require(.admin)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.badRequest("the user id must be a number") }
            let form = context.web.form
            let role = form["role"].flatMap(Role.init(rawValue:))
            let disabled = form["disabled"].map { $0 == "yes" }
            do {
                _ = try await services.store.updateUser(id: id, role: role, disabled: disabled, actor: principal.name)
            } catch let error as StoreError {
                return try await page(context: context, problems: [error.description], status: .unprocessableContent)
            }
            services.tokenCache.clear()
            return PageRenderer.redirect("/admin?done=user_updated")
        }

        router.post("/admin/tokens") { _, context in
            let principal = try context.require(.admin)
            let form = context.web.form
            guard let role = Role(rawValue: form["role"] ?? ""), let name = form.trimmed("name"), name.count <= 100 else {
                return try await page(context: context, problems: [WebStrings.text("admin_token_needs", context.web.language)], status: .unprocessableContent)
            }
            let (secret, _) = try await services.store.createToken(name: name, role: role, actor: principal.name)
            // The secret is shown once, on this answer only.
            return try await page(context: context, problems: [], notice: nil, secret: secret)
        }

        router.post("/admin/tokens/{id}/revoke") { _, context in
            let principal = try context.require(.admin)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.badRequest("the token id must be a number") }
            do { try await services.store.revokeToken(id: id, actor: principal.name) } catch let error as StoreError {
                return try await page(context: context, problems: [error.description], status: .unprocessableContent)
            }
            services.tokenCache.clear()
            return PageRenderer.redirect("/admin?done=token_revoked")
        }

        router.post("/admin/indicators") { _, context in
            let principal = try context.require(.admin)
            let form = context.web.form
            let lines = (form["values"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmed }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
            let inputs = lines.map { IndicatorInput(value: $0, label: form["label"] ?? "", source: form.trimmed("source") ?? "admin", note: form.trimmed("note") ?? "") }
            do {
                let outcome = try await services.store.importIndicators(inputs, actor: principal.name)
                try await services.engines.refresh(from: services.store)
                let notice = WebStrings.text("admin_imported", context.web.language)
                    .replacingOccurrences(of: "{created}", with: "\(outcome.created)").replacingOccurrences(of: "{updated}", with: "\(outcome.updated)")
                    .replacingOccurrences(of: "{rejected}", with: "\(outcome.rejected)")
                return try await page(context: context, problems: [], notice: notice)
            } catch let error as StoreError {
                return try await page(context: context, problems: [error.description], status: .unprocessableContent)
            }
        }

        router.post("/admin/policy") { _, context in
            let principal = try context.require(.admin)
            let form = context.web.form
            let engine = services.engine
            var changes: [String: Policy.Thresholds] = [:]
            var problems: [String] = []
            for label in engine.labels {
                let current = engine.policy.thresholds(for: label)
                func percent(_ field: String) -> Double?? {
                    guard let text = form.trimmed(field + "_" + label) else { return .some(nil) }
                    guard let value = Double(text.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: "")) else { return nil }
                    return .some(value / 100)
                }
                guard let review = percent("review"), let warn = percent("warn"), let block = percent("block"), let review, let warn else {
                    problems.append(WebStrings.text("admin_thresholds_numbers", context.web.language) + " (\(label))")
                    continue
                }
                let wanted = Policy.Thresholds(review: review, warn: warn, block: block)
                if wanted != current { changes[label] = wanted }
            }
            do {
                guard problems.isEmpty else { throw StoreError.invalid(problems.joined(separator: "; ")) }
                try await services.store.setPolicyThresholds(changes, actor: principal.name)
            } catch let error as StoreError {
                return try await page(context: context, problems: [error.description], status: .unprocessableContent)
            }
            try await services.engines.refresh(from: services.store)
            return PageRenderer.redirect("/admin?done=policy_saved")
        }

        router.post("/admin/rules") { _, context in
            let principal = try context.require(.admin)
            let form = context.web.form
            let language = context.web.language
            if form["do"] == "reset" {
                try await services.store.setRulePack(yaml: nil, version: nil, actor: principal.name)
                try await services.engines.refresh(from: services.store)
                return PageRenderer.redirect("/admin?done=rules_reset")
            }
            let yaml = form["yaml"] ?? ""
            let pack: RulePack
            do { pack = try RulePack(yaml: yaml) } catch {
                return try await page(context: context, problems: [WebStrings.text("admin_rules_unreadable", language) + " \(error)"], rulesYAML: yaml, status: .unprocessableContent)
            }
            guard !pack.rules.isEmpty else {
                return try await page(context: context, problems: [WebStrings.text("admin_rules_empty", language)], rulesYAML: yaml, status: .unprocessableContent)
            }
            // A pack is installed only when every example written in its rules behaves as documented.
            let (checked, failures) = pack.runTests()
            guard failures.isEmpty else {
                return try await page(context: context, problems: failures.prefix(50).map(\.description), rulesYAML: yaml, status: .unprocessableContent)
            }
            try await services.store.setRulePack(yaml: yaml, version: pack.version, actor: principal.name)
            try await services.engines.refresh(from: services.store)
            return try await page(context: context, problems: [], notice: WebStrings.text("admin_rules_installed", language)
                .replacingOccurrences(of: "{rules}", with: "\(pack.rules.count)").replacingOccurrences(of: "{examples}", with: "\(checked)"))
        }

        router.post("/admin/indicators/{id}/delete") { _, context in
            let principal = try context.require(.admin)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.badRequest("the indicator id must be a number") }
            do { try await services.store.deleteIndicator(id: id, actor: principal.name) } catch let error as StoreError {
                return try await page(context: context, problems: [error.description], status: .unprocessableContent)
            }
            try await services.engines.refresh(from: services.store)
            return PageRenderer.redirect("/admin?done=indicator_deleted")
        }
    }

    private func page(context: KiemRequestContext, problems: [String], notice: String? = nil, secret: String? = nil, rulesYAML: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.web.language
        let engine = services.engine
        let roles = Role.allCases.reversed().map(\.rawValue)
        let users = try await services.store.users().map { user -> [String: Any] in
            ["id": user.id, "email": user.email, "name": user.name, "disabled": user.disabled,
             "roles": roles.map { ["value": $0, "selected": $0 == user.role.rawValue] }]
        }
        let tokens = try await services.store.tokens().map { token -> [String: Any] in
            ["id": token.id, "name": token.name, "role": token.role.rawValue, "created": WebFormat.time(token.createdAt),
             "revoked": token.revokedAt.map(WebFormat.time) ?? "", "live": token.revokedAt == nil]
        }
        let indicators = try await services.store.indicators(limit: 50)
        let thresholds = engine.labels.map { label -> [String: Any] in
            let values = engine.policy.thresholds(for: label)
            func number(_ value: Double) -> String { String(format: "%g", (value * 1000).rounded() / 10) }
            return ["key": label, "label": WebFormat.label(label, language), "review": number(values.review), "warn": number(values.warn),
                    "block": values.block.map(number) ?? "", "blockable": Policy.blockable.contains(label)]
        }
        let rules = engine.rules.rules.map { rule -> [String: Any] in
            ["name": rule.name, "description": WebStrings.optional("rule_" + rule.name, language) ?? rule.description,
             "weights": rule.weights.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value > 0 ? "+" : "")\($0.value)" }.joined(separator: ", ")]
        }
        let installedYAML = try await services.store.rulePackYAML()
        return renderer.page("admin", title: WebStrings.text("title_admin", language), context: context, data: [
            "users": users, "tokens": tokens, "roles": roles, "problems": problems, "notice": notice as Any, "secret": secret as Any,
            "indicators": indicators.indicators.map { ["id": $0.id, "type": $0.type.rawValue, "value": $0.value, "label": WebFormat.label($0.label, language),
                                                        "source": $0.source, "note": $0.note] as [String: Any] },
            "indicator_total": indicators.total,
            "indicator_labels": Store.indicatorLabels.sorted().map { ["value": $0, "name": WebFormat.label($0, language)] },
            "thresholds": thresholds, "block_needs_indicator": engine.policy.blockRequiresIndicator,
            "claim_match": WebFormat.percent(engine.policy.claims.match), "claim_suggest": WebFormat.percent(engine.policy.claims.suggest),
            "rules": rules, "rules_version": services.rulesVersion, "model_version": services.modelVersion,
            "rules_yaml": rulesYAML ?? installedYAML ?? "", "rules_installed": services.engines.installedRulesVersion != nil,
        ], status: status)
    }
}
