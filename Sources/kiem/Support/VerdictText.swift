import KiemDetect

/// The human-readable answer of `kiem check "text"`.
enum VerdictText {
    static func render(_ verdict: Verdict) -> String {
        var lines: [String] = []
        let percent = { (value: Double) in "\(Int((value * 100).rounded()))%" }
        if verdict.top == "clean" {
            lines.append("✓ clean (không phát hiện vấn đề) — action: \(verdict.action.rawValue)")
        } else {
            let vietnamese = Label(rawValue: verdict.top)?.vietnamese ?? verdict.top
            lines.append("⚠ \(verdict.top) (\(vietnamese)) \(percent(verdict.probability(verdict.top))) — action: \(verdict.action.rawValue)")
        }
        let ranked = verdict.labels.sorted { $0.probability > $1.probability }
        lines.append("labels: " + ranked.map { "\($0.name) \(percent($0.probability))" }.joined(separator: ", "))
        let reasons = verdict.signals.filter { $0.kind != .entity }
        if !reasons.isEmpty {
            lines.append("why:")
            for signal in reasons {
                var line = "  • \(signal.kind.rawValue) \(signal.name)"
                if let label = signal.label, let weight = signal.weight { line += " (\(label) \(weight >= 0 ? "+" : "")\(weight))" }
                if let value = signal.value { line += ": \(value)" }
                lines.append(line)
            }
        }
        let entities = verdict.signals.filter { $0.kind == .entity }
        if !entities.isEmpty {
            lines.append("found: " + entities.map { "\($0.name) \($0.value ?? "")" }.joined(separator: "; "))
        }
        for match in verdict.matches {
            lines.append("matches fact-check \(match.claimID) (\(match.verdict), \(percent(match.similarity)))\(match.url.map { " " + $0 } ?? "")")
        }
        return lines.joined(separator: "\n")
    }
}
