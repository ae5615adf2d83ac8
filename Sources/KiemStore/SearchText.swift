import KiemText

/// The form text is indexed and searched in, on both backends: KiemText's plain view (lower
/// case, no accents, đ→d, teencode expanded), so "lừa đảo", "lua dao" and "LỪA ĐẢO" all meet.
enum SearchText {
    static func fold(_ text: String) -> String { Normalizer.plainOf(text) }

    /// The words of a query, folded; at most 16, so a query stays cheap.
    static func words(_ query: String) -> [String] {
        Array(fold(query).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(16).map(String.init))
    }

    /// An FTS5 query that needs every word: each quoted, so no word is read as an operator.
    static func fts5(_ words: [String]) -> String {
        words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }
}
