/// One word of a word view (`accented` or `plain`, single spaces between words): where it
/// starts and ends, and the FNV-1a hash of its bytes. The plain view's words are read once per
/// message (``NormalizedText/plainWords``), so the phrase matchers of the rules and of the
/// request extractor look words up without hashing the text again each.
public struct WordSpan: Sendable, Equatable {
    public var start: Int32
    public var end: Int32
    public var hash: UInt64

    public init(start: Int32, end: Int32, hash: UInt64) {
        self.start = start
        self.end = end
        self.hash = hash
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
            var hash = Hashing.fnvOffset
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == 0x20 {
                    if index > start { spans.append(WordSpan(start: Int32(start), end: Int32(index), hash: hash)) }
                    hash = Hashing.fnvOffset
                    start = index + 1
                } else {
                    hash = Hashing.step(hash, byte)
                }
            }
            if bytes.count > start { spans.append(WordSpan(start: Int32(start), end: Int32(bytes.count), hash: hash)) }
        }
    }
}
