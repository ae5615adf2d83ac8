import KiemDetect

/// The per-sender report of a compliance run (`kiem compliance`, the `/compliance` page): a short
/// table for a terminal, or the whole of it as CSV or as a self-contained HTML page.
public enum ComplianceReport {
    static let rules = ComplianceRule.allCases.filter { $0 != .spamSource }

    public static func text(_ senders: [ComplianceSummary.Sender], errors: Int, limit: Int) -> String {
        let records = senders.reduce(0) { $0 + $1.records }
        let advertising = senders.reduce(0) { $0 + $1.advertising }
        let inBreach = senders.reduce(0) { $0 + $1.recordsInBreach }
        var byRule: [ComplianceRule: Int] = [:]
        for sender in senders { byRule.merge(sender.violations, uniquingKeysWith: +) }
        var lines = ["\(records) records (\(advertising) advertising), \(inBreach) in breach, \(errors) unreadable lines"]
        lines.append("violations: " + rules.map { "\($0.rawValue) \(byRule[$0] ?? 0)" }.joined(separator: ", "))
        let shown = senders.prefix(limit).filter { $0.totalViolations > 0 }
        if !shown.isEmpty {
            let width = max(6, shown.map(\.name.count).max() ?? 6)
            func pad(_ text: String, _ size: Int) -> String { text + String(repeating: " ", count: max(0, size - text.count)) }
            lines.append(pad("sender", width) + "  records  in breach  " + rules.map(\.rawValue).joined(separator: "  "))
            for sender in shown {
                var row = pad(sender.name, width) + "  " + pad(String(sender.records), 7) + "  " + pad(String(sender.recordsInBreach), 9)
                for rule in rules { row += "  " + pad(String(sender.violations[rule] ?? 0), rule.rawValue.count) }
                lines.append(row)
            }
            if senders.count > shown.count && senders.dropFirst(limit).contains(where: { $0.totalViolations > 0 }) {
                lines.append("(more senders in --report)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func csv(_ senders: [ComplianceSummary.Sender]) -> String {
        var out = "sender,records,advertising,records_in_breach," + rules.map(\.rawValue).joined(separator: ",") + "\n"
        for sender in senders {
            out += [CSV.field(sender.name), String(sender.records), String(sender.advertising), String(sender.recordsInBreach)]
                .joined(separator: ",")
            out += "," + rules.map { String(sender.violations[$0] ?? 0) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Text made safe inside HTML (elements and quoted attributes).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The report as a page; `before` and `after` are HTML fragments (already escaped) placed
    /// above the summary and below the tables (the `/compliance` page's form and violations).
    public static func html(_ senders: [ComplianceSummary.Sender], spamSources: [SpamSourceTracker.Source], errors: Int,
                            before: String = "", after: String = "") -> String {        let records = senders.reduce(0) { $0 + $1.records }
        let inBreach = senders.reduce(0) { $0 + $1.recordsInBreach }
        var out = """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Kiem: báo cáo tuân thủ Nghị định 91/2020/NĐ-CP</title>
        <style>body{font:15px/1.5 system-ui,sans-serif;margin:1.5rem;color:#1a1a1a}table{border-collapse:collapse}
        th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}
        td.bad{background:#fde2e1;color:#7a1010;font-weight:600}caption{text-align:left;font-weight:600;margin:.5rem 0}</style>
        </head><body>
        <h1>Báo cáo tuân thủ quảng cáo (Nghị định 91/2020/NĐ-CP)</h1>
        \(before)
        <p>\(records) bản ghi, \(inBreach) vi phạm ít nhất một quy định, \(errors) dòng không đọc được.</p>
        <table><caption>Theo người gửi / By sender</caption><thead><tr><th scope="col">sender</th><th scope="col">records</th><th scope="col">advertising</th><th scope="col">in breach</th>
        """
        for rule in rules { out += "<th scope=\"col\">\(rule.rawValue)</th>" }
        out += "</tr></thead><tbody>\n"
        for sender in senders {
            out += "<tr><td>\(escape(sender.name))</td><td>\(sender.records)</td><td>\(sender.advertising)</td><td>\(sender.recordsInBreach)</td>"
            for rule in rules {
                let count = sender.violations[rule] ?? 0
                out += count > 0 ? "<td class=\"bad\">\(count)</td>" : "<td>0</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table>\n"
        if !spamSources.isEmpty {
            out += "<h2>Nguồn phát tán tin rác / Spam sources</h2>\n<ul>\n"
            for source in spamSources {
                out += "<li><strong>\(escape(source.sender))</strong>: \(escape(source.reasons.joined(separator: "; ")))</li>\n"
            }
            out += "</ul>\n"
        }
        return out + after + "</body></html>\n"
    }
}
