/// Finds many whole-word phrases in a word view (words separated by single spaces) in one pass.
///
/// Every phrase is filed under the hash of its first word (``WordSpan/hash(of:)``). A scan takes each
/// word of the text, already hashed, looks it up in a ``HashedTable``, and compares the bytes of
/// the few phrases that start with that word. That is one probe per word instead of one dependent table load per
/// byte (as in Aho–Corasick), which matters on the hot path.
public struct PhraseMatcher: Sendable {
    /// All phrases back to back, and where each starts (one extra entry for the end).
    private let phraseBytes: [UInt8]
    private let phraseOffsets: [Int]
    /// First-word hash → the range of `candidates` (phrase ids) that start with that word.
    private let byFirstWord: HashedTable<Range<Int32>>
    private let candidates: [Int32]

    /// The number of phrases.
    public var count: Int { phraseOffsets.count - 1 }

    /// Builds a matcher; phrase `i` is reported as `i`. Empty phrases never match.
    public init(phrases: [[UInt8]]) {
        phraseBytes = phrases.flatMap { $0 }
        phraseOffsets = phrases.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        var byFirstWord: [UInt64: [Int32]] = [:]
        for (index, phrase) in phrases.enumerated() where !phrase.isEmpty {
            let hash = WordSpan.hash(of: phrase.prefix { $0 != 0x20 })
            byFirstWord[hash, default: []].append(Int32(index))
        }
        var list: [Int32] = []
        var ranges: [(key: UInt64, value: Range<Int32>)] = []
        for (hash, ids) in byFirstWord {
            ranges.append((hash, Int32(list.count)..<Int32(list.count + ids.count)))
            list.append(contentsOf: ids)
        }
        self.byFirstWord = HashedTable(ranges)
        candidates = list
    }

    /// Calls `found(phrase, start)` for every whole-word occurrence in the plain view of `text`,
    /// in text order, from the words it has already hashed.
    public func forEachMatch(in text: NormalizedText, _ found: (Int, Int) -> Void) {
        forEachMatch(words: text.plainWords, in: text.plain, found)
    }

    /// Calls `found(phrase, start)` for every whole-word occurrence in a word view, in text order.
    public func forEachMatch(in view: [UInt8], _ found: (Int, Int) -> Void) {
        forEachMatch(words: WordSpan.split(view), in: view, found)
    }

    private func forEachMatch(words: [WordSpan], in view: [UInt8], _ found: (Int, Int) -> Void) {
        guard count > 0 else { return }
        view.withUnsafeBufferPointer { text in
            for word in words { probe(word.hash, at: Int(word.start), text, found) }
        }
    }

    @inline(__always)
    private func probe(_ hash: UInt64, at start: Int, _ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        guard let range = byFirstWord[hash] else { return }
        for candidate in Int(range.lowerBound)..<Int(range.upperBound) {
            let phrase = Int(candidates[candidate])
            let offset = phraseOffsets[phrase]
            let phraseLength = phraseOffsets[phrase + 1] - offset
            let end = start + phraseLength
            guard end <= text.count, end == text.count || text[end] == 0x20 else { continue }
            var same = true
            for index in 0..<phraseLength where text[start + index] != phraseBytes[offset + index] {
                same = false
                break
            }
            if same { found(phrase, start) }
        }
    }
}
