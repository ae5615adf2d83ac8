/// Finds many whole-word phrases in a word view (words separated by single spaces) in one pass.
///
/// Every phrase is filed under the hash of its first word (``WordSpan/hash(of:)``). A scan takes each
/// word of the text, already hashed, looks it up in a ``HashedTable``, and compares the bytes of
/// the few phrases that start with that word. That is one probe per word instead of one dependent table load per
/// byte (as in Aho–Corasick), which matters on the hot path.
public struct PhraseMatcher: Sendable {
    /// All phrases back to back.
    @usableFromInline let phraseBytes: [UInt8]
    /// First-word hash → the range of `candidates` (phrases) that start with that word.
    @usableFromInline let byFirstWord: HashedTable<Range<Int32>>
    /// Each phrase filed under its first word: its id, and where its bytes are in `phraseBytes`,
    /// in one record so that a probe reads each candidate with one load.
    @usableFromInline let candidates: [Candidate]
    /// The number of phrases.
    public let count: Int

    /// A phrase filed under its first word.
    @usableFromInline
    struct Candidate: Sendable {
        @usableFromInline let id: Int32
        @usableFromInline let offset: Int32
        @usableFromInline let length: Int32
    }

    /// Builds a matcher; phrase `i` is reported as `i`. Empty phrases never match.
    public init(phrases: [[UInt8]]) {
        phraseBytes = phrases.flatMap { $0 }
        count = phrases.count
        var offsets: [Int32] = []
        var offset: Int32 = 0
        for phrase in phrases {
            offsets.append(offset)
            offset += Int32(phrase.count)
        }
        var byFirstWord: [UInt64: [Int32]] = [:]
        for (index, phrase) in phrases.enumerated() where !phrase.isEmpty {
            let hash = WordSpan.hash(of: phrase.prefix { $0 != 0x20 })
            byFirstWord[hash, default: []].append(Int32(index))
        }
        var list: [Candidate] = []
        var ranges: [(key: UInt64, value: Range<Int32>)] = []
        for (hash, ids) in byFirstWord {
            ranges.append((hash, Int32(list.count)..<Int32(list.count + ids.count)))
            list += ids.map { Candidate(id: $0, offset: offsets[Int($0)], length: Int32(phrases[Int($0)].count)) }
        }
        self.byFirstWord = HashedTable(ranges)
        candidates = list
    }

    /// Calls `found(phrase, start)` for every whole-word occurrence in the plain view of `text`,
    /// in text order, from the words it has already hashed.
    @inlinable
    public func forEachMatch(in text: NormalizedText, _ found: (Int, Int) -> Void) {
        forEachMatch(words: text.plainWords, in: text.plain, found)
    }

    /// Calls `found(phrase, start)` for every whole-word occurrence in a word view, in text order.
    public func forEachMatch(in view: [UInt8], _ found: (Int, Int) -> Void) {
        forEachMatch(words: WordSpan.split(view), in: view, found)
    }

    @inlinable
    func forEachMatch(words: [WordSpan], in view: [UInt8], _ found: (Int, Int) -> Void) {
        guard count > 0 else { return }
        view.withUnsafeBufferPointer { text in
            phraseBytes.withUnsafeBufferPointer { phraseBytes in
                candidates.withUnsafeBufferPointer { candidates in
                    for word in words {
                        guard let range = byFirstWord[word.hash] else { continue }
                        let start = Int(word.start)
                        for index in Int(range.lowerBound)..<Int(range.upperBound) {
                            let candidate = candidates[index]
                            let length = Int(candidate.length)
                            let end = start &+ length
                            // Whole words only: the phrase ends where the text or a word does.
                            guard end <= text.count, end == text.count || text[end] == 0x20 else { continue }
                            if Byte.equal(text.baseAddress! + start, phraseBytes.baseAddress! + Int(candidate.offset), count: length) {
                                found(Int(candidate.id), start)
                            }
                        }
                    }
                }
            }
        }
    }
}
