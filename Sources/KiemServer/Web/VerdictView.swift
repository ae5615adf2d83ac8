import KiemDetect

/// A verdict in plain language for the pages: what the message looks like, the reasons (rules,
/// listed values, look-alike links, the words that weighed most), the fact-checks it matches,
/// what to do, and the terms to highlight in the message.
enum VerdictView {
    static func data(_ verdict: Verdict, engine: Engine, _ language: WebState.Language) -> [String: Any] {
        let ranked = verdict.labels.sorted { $0.probability > $1.probability }
        let shown = ranked.filter { $0.probability >= 0.05 }.prefix(4)
        let labels = (shown.isEmpty ? ranked.prefix(1) : shown).map { label -> [String: Any] in
            ["name": label.name, "label_name": WebFormat.label(label.name, language), "value": label.probability,
             "percent": WebFormat.percent(label.probability)]
        }
        var reasons: [String] = []
        for signal in verdict.signals {
            if let reason = reason(signal, engine: engine, language) , !reasons.contains(reason) { reasons.append(reason) }
        }
        let matches = (verdict.matches + verdict.suggestions).map { match -> [String: Any] in
            let rating = WebFormat.rating(.init(rawValue: match.verdict) ?? .unproven, language)
            return ["claim_id": match.claimID, "url": match.url ?? "", "has_url": match.url != nil, "rating_name": rating,
                    "similarity": WebFormat.percent(match.similarity), "suggested": match.similarity < engine.policy.claims.match]
        }
        let clean = verdict.top == "clean"
        let key = clean ? (verdict.matches.isEmpty ? "clean" : "claim") : verdict.top
        return [
            "top": verdict.top, "top_name": WebFormat.label(verdict.top, language), "clean": clean && verdict.matches.isEmpty,
            "action": verdict.action.rawValue, "headline": WebStrings.text("looks_" + key, language),
            "advice": WebStrings.text("advice_" + key, language).components(separatedBy: "\n"),
            "labels": labels, "reasons": reasons, "has_reasons": !reasons.isEmpty, "matches": matches, "has_matches": !matches.isEmpty,
        ]
    }

    /// The phrases and values of a verdict's signals, to highlight in the message.
    static func highlightTerms(_ verdict: Verdict) -> (phrases: [String], values: [String]) {
        var phrases: [String] = []
        var values: [String] = []
        for signal in verdict.signals {
            guard let value = signal.value else { continue }
            switch signal.kind {
            case .rule, .classifier: phrases += value.components(separatedBy: ", ")
            case .indicator, .entity: values.append(value.components(separatedBy: " ≈ ").first ?? value)
            case .claim: break
            }
        }
        return (phrases, values)
    }

    private static func reason(_ signal: Signal, engine: Engine, _ language: WebState.Language) -> String? {
        let value = signal.value ?? ""
        switch signal.kind {
        case .rule:
            let described = WebStrings.optional("rule_" + signal.name, language)
                ?? engine.rules.rules.first(where: { $0.name == signal.name })?.description ?? signal.name
            return value.isEmpty ? described : described + " (“\(value)”)"
        case .indicator:
            let name = signal.name.hasPrefix("listed_") ? "listed" : signal.name
            let template = WebStrings.optional("signal_" + name, language) ?? signal.name + ": {value}"
            return template.replacingOccurrences(of: "{value}", with: value)
        case .classifier:
            guard !value.isEmpty else { return nil }
            return WebStrings.text("signal_words", language).replacingOccurrences(of: "{value}", with: value)
        case .claim, .entity:
            return nil
        }
    }
}
