/// Finds many whole-word phrases in a word view (words separated by single spaces) in one pass.
///
/// Every phrase is filed under the hash of its first word. A scan hashes each word of the text
/// once, looks it up in a small open-addressing table, and compares the bytes of the few phrases
/// that start with that word. That is one probe per word instead of one dependent table load per
/// byte (as in Aho–Corasick), which matters on the hot path.
public struct PhraseMatcher: Sendable {
    /// All phrases back to back, and where each starts (one extra entry for the end).
    private let phraseBytes: [UInt8]
    private let phraseOffsets: [Int]
    /// Open-addressing table: first-word hash (0 = empty) → a range of `candidates`.
    private let slotHashes: [UInt64]
    private let slotRanges: [(start: Int32, end: Int32)]
    private let candidates: [Int32]
    private let mask: Int

    /// The number of phrases.
    public var count: Int { phraseOffsets.count - 1 }

    @inline(__always)
    static func finish(_ hash: UInt64) -> UInt64 { Hashing.finalize(hash) | 1 }

    /// Builds a matcher; phrase `i` is reported as `i`. Empty phrases never match.
    public init(phrases: [[UInt8]]) {
        phraseBytes = phrases.flatMap { $0 }
        phraseOffsets = phrases.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        var byFirstWord: [UInt64: [Int32]] = [:]
        for (index, phrase) in phrases.enumerated() where !phrase.isEmpty {
            var hash = Hashing.fnvOffset
            for byte in phrase {
                if byte == 0x20 { break }
                hash = Hashing.step(hash, byte)
            }
            byFirstWord[Self.finish(hash), default: []].append(Int32(index))
        }
        var capacity = 16
        while capacity < byFirstWord.count * 2 { capacity *= 2 }
        var hashes = [UInt64](repeating: 0, count: capacity)
        var ranges = [(start: Int32, end: Int32)](repeating: (0, 0), count: capacity)
        var list: [Int32] = []
        for (hash, ids) in byFirstWord {
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while hashes[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            hashes[slot] = hash
            ranges[slot] = (Int32(list.count), Int32(list.count + ids.count))
            list.append(contentsOf: ids)
        }
        slotHashes = hashes
        slotRanges = ranges
        candidates = list
        mask = capacity - 1
    }

    /// Calls `found(phrase, start)` for every whole-word occurrence in `text`, in text order.
    @inlinable
    public func forEachMatch(in text: [UInt8], _ found: (Int, Int) -> Void) {
        text.withUnsafeBufferPointer { scan($0, found) }
    }

    @usableFromInline
    func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        guard count > 0 else { return }
        let length = text.count
        var start = 0
        var hash = Hashing.fnvOffset
        for index in 0...length {
            if index < length && text[index] != 0x20 {
                hash = Hashing.step(hash, text[index])
                continue
            }
            if index > start { probe(Self.finish(hash), at: start, text, found) }
            hash = Hashing.fnvOffset
            start = index + 1
        }
    }

    @inline(__always)
    private func probe(_ hash: UInt64, at start: Int, _ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slotHashes[slot]
            if stored == 0 { return }
            if stored == hash { break }
            slot = (slot + 1) & mask
        }
        let range = slotRanges[slot]
        for candidate in Int(range.start)..<Int(range.end) {
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
