/// One word of a word view (`accented` or `plain`, single spaces between words): where it
/// starts and ends, and its hash (``WordSpan/hash(of:)``). The plain view's words are read once
/// per message (``NormalizedText/plainWords``), so the phrase matchers of the rules and of the
/// request extractor look words up, and the feature hasher counts them, without hashing the
/// text again each.
public struct WordSpan: Sendable, Equatable {
    public var start: Int32
    public var end: Int32
    public var hash: UInt64

    public init(start: Int32, end: Int32, hash: UInt64) {
        self.start = start
        self.end = end
        self.hash = hash
    }

    /// The hash a word starts from: FNV-1a's offset stepped with 1, the feature hasher's word namespace.
    public static let seed = Hashing.step(Hashing.fnvOffset, 1)

    /// One more byte of a word's hash. Digits hash as `0`, so that the hash is also the feature
    /// hasher's word feature (where numbers generalize); a matcher that needs the digits compares
    /// the bytes after looking the hash up.
    @inlinable
    public static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        Hashing.step(hash, byte >= 0x30 && byte <= 0x39 ? 0x30 : byte)
    }

    /// The hash of one word's bytes.
    public static func hash(of word: some Sequence<UInt8>) -> UInt64 {
        word.reduce(seed, step)
    }

    /// The words of a view whose words are separated by spaces, in order.
    public static func split(_ view: [UInt8]) -> [WordSpan] {
        var spans: [WordSpan] = []
        split(view, into: &spans)
        return spans
    }

    /// The words of a view, in order, in place of what `spans` held (its memory is kept).
    public static func split(_ view: [UInt8], into spans: inout [WordSpan]) {
        spans.removeAll(keepingCapacity: true)
        spans.reserveCapacity(view.count / 4 + 1)
        view.withUnsafeBufferPointer { bytes in
            var start = 0
            var hash = seed
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == 0x20 {
                    if index > start { spans.append(WordSpan(start: Int32(start), end: Int32(index), hash: hash)) }
                    hash = seed
                    start = index + 1
                } else {
                    hash = step(hash, byte)
                }
            }
            if bytes.count > start { spans.append(WordSpan(start: Int32(start), end: Int32(bytes.count), hash: hash)) }
        }
    }
}
