import KiemStore

/// The Atom feed of published fact-checks and warnings (RFC 4287).
enum AtomFeed {
    static func xml(_ entries: ArraySlice<Publication>, base: String) -> String {
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
            <title>Kiem: kiểm chứng và cảnh báo lừa đảo</title>
            <id>\(escape(base))/feed.atom</id>
            <link rel="self" href="\(escape(base))/feed.atom"/>
            <link rel="alternate" type="text/html" href="\(escape(base))/"/>
            <updated>\(WebFormat.iso(entries.map(\.updatedAt).max() ?? 0))</updated>
            <author><name>Kiem</name></author>

            """
        for entry in entries {
            let url = base + PublicationView.path(entry)
            let kind = entry.kind == .factCheck ? "Kiểm chứng" : "Cảnh báo"
            out += "<entry>\n<title>\(escape(entry.title))</title>\n<id>\(escape(url))</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"\(escape(url))\"/>\n"
            out += "<published>\(WebFormat.iso(entry.publishedAt ?? entry.createdAt))</published>\n<updated>\(WebFormat.iso(entry.updatedAt))</updated>\n"
            out += "<category term=\"\(entry.kind.rawValue)\" label=\"\(kind)\"/>\n"
            var summary = entry.rating.map { "[\($0.vietnamese)] " } ?? ""
            summary += WebFormat.excerpt(entry.body, limit: 400)
            out += "<summary>\(escape(summary))</summary>\n</entry>\n"
        }
        return out + "</feed>\n"
    }

    /// Text for XML: escaped as in HTML, without the control characters XML 1.0 does not allow.
    static func escape(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        return ComplianceReport.escape(String(kept))
    }
}
