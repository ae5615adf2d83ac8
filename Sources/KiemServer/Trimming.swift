extension StringProtocol {
    /// The text without white space or line breaks at either end, found on the Unicode scalars.
    /// Most values have none, and then nothing is copied: ingesting a thousand items trimmed two
    /// fields each, and Foundation's `trimmingCharacters(in:)` cost more than storing them.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return String(self) }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end && scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start && scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[start..<end])
        return String(kept)
    }
}
