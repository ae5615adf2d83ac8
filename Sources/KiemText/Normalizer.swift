/// Turns raw message bytes into the views of ``NormalizedText``.
///
/// A normalizer keeps scratch buffers between calls, so one instance per thread checks
/// millions of messages without allocating beyond the three output arrays. It never fails:
/// invalid UTF-8 becomes U+FFFD and is counted.
public final class Normalizer {
    private var glyphs = ScratchBuffer<Glyph>(capacity: 1024)
    var tokens = ScratchBuffer<Token>(capacity: 128)
    var word = ScratchBuffer<Glyph>(capacity: 64)
    private var letterBuffer: [UInt8] = []
    var folded = ScratchBuffer<UInt8>(capacity: 1024)
    var accented = ScratchBuffer<UInt8>(capacity: 1024)
    var plain = ScratchBuffer<UInt8>(capacity: 1024)
    var sentenceStarts: [Int32] = []
    /// The arrays of the text made last, refilled for the next one: a checked message is usually
    /// dropped before the next is read, and then its arrays are reused instead of allocated again.
    private var madeFolded: [UInt8] = []
    private var madePlain: [UInt8] = []
    private var madeAccented: [UInt8] = []
    private var madeWords: [WordSpan] = []
    /// The ASCII word being written by the byte-level path, when squeezing or leetspeak rewrites it.
    var asciiWord = ScratchBuffer<UInt8>(capacity: 64)
    /// Glyph indices that were line breaks (the glyphs themselves are spaces), and the first one
    /// not yet behind the token being emitted.
    private var lineBreaks: [Int32] = []
    private var nextLineBreak = 0
    // The static tables, held here so the hot loops do not go through lazy-global checks.
    let foldTable = FoldingTable.low
    private let compositionTable = FoldingTable.composition
    let teencode = Normalizer.expansions
    let byteClasses = ByteClass.table
    let vietnameseLetters = Normalizer.vietnameseLetterTable
    /// Whether text of the common shapes takes the byte-level path (see `normalizeBytes`).
    private let byteLevelPath: Bool

    struct Token {
        var start: Int
        var end: Int
        /// Glyphs between the previous token and this one.
        var gapStart: Int
        /// Whether the token has a letter beyond ASCII (the byte-level path only).
        var high = false
    }

    struct Expansion {
        let key: [UInt8]
        let accented: [UInt8]
        let plain: [UInt8]
    }

    private static let expansions = HashedTable<Expansion>(Teencode.expansions.map { key, value in
        let keyBytes = Array(Normalizer.plainOf(key).utf8)
        return (Hashing.fnv1a(keyBytes), Expansion(key: keyBytes, accented: Array(value.utf8), plain: Array(Normalizer.plainOf(value).utf8)))
    })

    /// A normalizer. With `byteLevelPath` false, ASCII and precomposed Vietnamese text go through the
    /// same general path as any other text (the results are the same; tests and the fuzzer compare
    /// the two).
    public init(byteLevelPath: Bool = true) {
        self.byteLevelPath = byteLevelPath
    }

    deinit {
        glyphs.deallocate()
        tokens.deallocate()
        word.deallocate()
        folded.deallocate()
        accented.deallocate()
        plain.deallocate()
        asciiWord.deallocate()
    }

    /// Normalizes a string.
    public func normalize(_ text: String) -> NormalizedText {
        var text = text
        return text.withUTF8 { normalize(bytes: $0) }
    }

    /// Normalizes UTF-8 bytes (invalid sequences are replaced, never rejected).
    public func normalize(bytes: UnsafeBufferPointer<UInt8>) -> NormalizedText {
        var stats = NormalizationStats()
        if byteLevelPath {
            if normalizeBytes(bytes, stats: &stats) { return made(stats: stats) }
            stats = NormalizationStats()
        }
        let plainASCII = decode(bytes, stats: &stats)
        folded.count = 0
        if plainASCII {
            // No tone, no mark, nothing beyond ASCII (most SMS): each glyph is its byte.
            folded.reserve(glyphs.count)
            for index in 0..<glyphs.count { folded.base[index] = UInt8(truncatingIfNeeded: glyphs[index].base) }
            folded.count = glyphs.count
        } else {
            placeTones()
            folded.reserve(glyphs.count * 4)
            for index in 0..<glyphs.count { folded.appendScalar(compose(glyphs[index])) }
        }
        accented.count = 0
        plain.count = 0
        sentenceStarts.removeAll(keepingCapacity: true)
        nextLineBreak = 0
        tokenize()
        emitWords(stats: &stats)
        return made(stats: stats)
    }

    /// The normalized text in the scratch views.
    private func made(stats: NormalizationStats) -> NormalizedText {
        // Without diacritics (most SMS) both word views are the same bytes: one array serves both.
        // (The feature hasher compares the views too; for one array that is one identity check.)
        let sameWords = accented.count == plain.count && (plain.count == 0 || Byte.equal(accented.base, plain.base, count: plain.count))
        Self.refill(&madeFolded, from: folded)
        Self.refill(&madePlain, from: plain)
        if !sameWords { Self.refill(&madeAccented, from: accented) }
        WordSpan.split(madePlain, into: &madeWords)
        return NormalizedText(folded: madeFolded, accented: sameWords ? madePlain : madeAccented, plain: madePlain, stats: stats,
                              sentenceStarts: sentenceStarts.isEmpty ? [] : sentenceStarts, plainWords: madeWords)
    }

    /// Replaces the contents of one of the `made` arrays. When the text made last is gone, the
    /// array is its only holder and keeps its memory; while that text lives, the array is copied
    /// on write as any array, and the text keeps what it had.
    private static func refill(_ array: inout [UInt8], from buffer: ScratchBuffer<UInt8>) {
        array.removeAll(keepingCapacity: true)
        array.append(contentsOf: UnsafeBufferPointer(start: buffer.base, count: buffer.count))
    }

    /// The diacritics-free word view of a short text (keywords, brand names, dictionary keys).
    public static func plainOf(_ text: String) -> String {
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            let folded = FoldingTable.fold(scalar.value)
            if folded.isDropped || folded.isCombining { continue }
            UTF8Encoding.append(folded.glyph.base, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Decoding and folding

    /// The precomposed scalar for a glyph; a combination Vietnamese lacks keeps the bare letter.
    @inline(__always)
    func compose(_ glyph: Glyph) -> UInt32 {
        Self.compose(glyph, compositionTable)
    }

    /// ``compose(_:)`` with the composition table given.
    @inline(__always)
    static func compose(_ glyph: Glyph, _ table: [UInt32]) -> UInt32 {
        if glyph.mark == .none && glyph.tone == .level { return glyph.base }
        guard glyph.base < 0x80 else { return glyph.base }
        let composed = table[Int(glyph.base) << 6 | Int(glyph.mark.rawValue) << 3 | Int(glyph.tone.rawValue)]
        return composed != 0 ? composed : glyph.base
    }

    /// Decodes and folds `bytes` into `glyphs`; returns whether every glyph is ASCII without a
    /// mark or a tone.
    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, stats: inout NormalizationStats) -> Bool {
        // Work on a local copy of the buffer (a pointer and two counts) so they stay in registers.
        var glyphs = self.glyphs
        defer { self.glyphs = glyphs }
        glyphs.count = 0
        glyphs.reserve(bytes.count)
        lineBreaks.removeAll(keepingCapacity: true)
        var index = 0
        let count = bytes.count
        var plainASCII = true
        while index < count {
            let lead = bytes[index]
            var value: UInt32
            if lead < 0x80 {
                value = UInt32(lead)
                index += 1
            } else {
                let (decoded, length) = UTF8Encoding.decode(bytes, at: index)
                if let decoded {
                    value = decoded
                } else {
                    value = 0xFFFD
                    stats.invalidBytes += length
                }
                index += length
            }
            let folded = value < 0x2000 && !foldTable[Int(value)].isUnmapped ? foldTable[Int(value)] : FoldingTable.foldRare(value)
            if folded.isDropped {
                if value != 0 { stats.invisible += 1 }
                continue
            }
            if folded.isCombining {
                let last = glyphs.count - 1
                if last >= 0 && glyphs[last].isLetter {
                    let mark = folded.glyph
                    if mark.tone != .level { glyphs[last].tone = mark.tone }
                    if mark.mark != .none { glyphs[last].mark = mark.mark }
                    plainASCII = false
                }
                continue
            }
            var glyph = folded.glyph
            if glyph.base < 0x20 || glyph.base == 0x7F {
                if glyph.base == 0x0A { lineBreaks.append(Int32(glyphs.count)) }
                glyph = Glyph(base: 0x20)
            }
            if folded.isSubstituted { stats.substituted += 1 }
            if glyph.isLetter {
                stats.letters += 1
                if folded.isUpper {
                    stats.upperLetters += 1
                } else if glyphs.count >= 2 && glyphs[glyphs.count - 1].base == 0x21 && glyphs[glyphs.count - 2].isLetter {
                    // "d!eu k!en": a "!" between lower-case letters is an i. ("Txt!Free" starts a sentence.)
                    glyphs[glyphs.count - 1].base = 0x69
                    stats.leetWords += 1
                }
            }
            if glyph.base >= 0x80 || glyph.mark != .none || glyph.tone != .level { plainASCII = false }
            glyphs.append(glyph)
        }
        return plainASCII
    }

    private func placeTones() {
        Self.placeTones(glyphs.base, count: glyphs.count)
    }

    /// Places the tone of each run of letters in `glyphs[0..<count]`; returns whether a tone moved.
    @discardableResult
    static func placeTones(_ glyphs: UnsafeMutablePointer<Glyph>, count: Int) -> Bool {
        var moved = false
        var start = 0
        while start < count {
            while start < count && !glyphs[start].isLetter { start += 1 }
            var end = start
            var toned = false
            while end < count && glyphs[end].isLetter {
                if glyphs[end].tone != .level { toned = true }
                end += 1
            }
            // Only a word with a tone can have it in the wrong place.
            if toned && end - start >= 2 && end - start <= 7 && TonePlacement.normalize(glyphs, in: start..<end) { moved = true }
            start = end
        }
        return moved
    }

    // MARK: - Words

    @inline(__always)
    private func isWordGlyph(at index: Int) -> Bool {
        let glyph = glyphs[index]
        if glyph.isAlphanumeric { return true }
        // `@`, `$` and `|` stand for letters inside words (t@i, $ale, Te|egram), not around them.
        if glyph.base == 0x40 || glyph.base == 0x24 || glyph.base == 0x7C {
            let before = index > 0 && glyphs[index - 1].isLetter
            let after = index + 1 < glyphs.count && glyphs[index + 1].isLetter
            return before && after || (glyph.base == 0x24 && after)
        }
        return false
    }

    private func tokenize() {
        tokens.count = 0
        var index = 0
        var gapStart = 0
        let count = glyphs.count
        while index < count {
            if isWordGlyph(at: index) {
                let start = index
                while index < count && isWordGlyph(at: index) { index += 1 }
                tokens.append(Token(start: start, end: index, gapStart: gapStart))
                gapStart = index
            } else {
                index += 1
            }
        }
    }

    /// Whether the gap before token `index` may sit inside a spaced-out word ("l.ừ.a", "l u a").
    private func spacingGap(before index: Int) -> (ok: Bool, hasSpace: Bool) {
        let token = tokens[index]
        let length = token.start - token.gapStart
        guard length >= 1 && length <= 3 else { return (false, false) }
        var hasSpace = false
        for position in token.gapStart..<token.start {
            switch glyphs[position].base {
            case 0x20: hasSpace = true
            case 0x2E, 0x2D, 0x5F, 0x2A, 0x2C, 0x2F, 0x7C, 0x27: break
            default: return (false, false)
            }
        }
        return (true, hasSpace)
    }

    /// Whether the gap before a token ends a sentence: a line break, "!" or "?", or a "." or ";"
    /// followed by a space (not the dots of "1.200.000" or "l.ừ.a"). Tokens come in order, so the
    /// line breaks are walked once per message.
    private func endsSentence(_ token: Token) -> Bool {
        while nextLineBreak < lineBreaks.count && Int(lineBreaks[nextLineBreak]) < token.gapStart { nextLineBreak += 1 }
        if nextLineBreak < lineBreaks.count && Int(lineBreaks[nextLineBreak]) < token.start { return true }
        var position = token.gapStart
        while position < token.start {
            switch glyphs[position].base {
            case 0x21, 0x3F: return true
            case 0x2E, 0x3B, 0x2026:
                if position + 1 < token.start && glyphs[position + 1].base == 0x20 { return true }
            default: break
            }
            position += 1
        }
        return false
    }

    private func isSingleLetter(_ token: Token) -> Bool {
        token.end - token.start == 1 && glyphs[token.start].isLetter
    }

    private func emitWords(stats: inout NormalizationStats) {
        var index = 0
        var previousWasNumber = false
        while index < tokens.count {
            // A run of three or more single letters is one obfuscated word or phrase.
            if isSingleLetter(tokens[index]) {
                var end = index + 1
                var anySpace = false
                var anyMark = false
                while end < tokens.count && isSingleLetter(tokens[end]) {
                    let gap = spacingGap(before: end)
                    guard gap.ok else { break }
                    if gap.hasSpace { anySpace = true } else { anyMark = true }
                    end += 1
                }
                if end - index >= 3 {
                    stats.rejoinedRuns += 1
                    emitRejoined(from: index, to: end, breakAtSpaces: anySpace && anyMark, stats: &stats)
                    index = end
                    previousWasNumber = false
                    continue
                }
            }
            let token = tokens[index]
            if index > 0 && endsSentence(token) { sentenceStarts.append(Int32(plain.count + 1)) }
            word.count = 0
            word.append(from: glyphs.base + token.start, count: token.end - token.start)
            previousWasNumber = emitWord(previousWasNumber: previousWasNumber, stats: &stats)
            index += 1
        }
    }

    private func emitRejoined(from first: Int, to end: Int, breakAtSpaces: Bool, stats: inout NormalizationStats) {
        var groupStart = first
        for index in first...end {
            let boundary = index == end || (breakAtSpaces && index > first && spacingGap(before: index).hasSpace)
            guard boundary, index > groupStart else { continue }
            let group = groupStart..<index
            groupStart = index
            if breakAtSpaces {
                word.count = 0
                for tokenIndex in group { word.append(glyphs[tokens[tokenIndex].start]) }
                TonePlacement.normalize(word.base, in: 0..<word.count)
                _ = emitWord(previousWasNumber: false, stats: &stats)
                continue
            }
            letterBuffer.removeAll(keepingCapacity: true)
            for tokenIndex in group { letterBuffer.append(UInt8(truncatingIfNeeded: glyphs[tokens[tokenIndex].start].base)) }
            let lengths = Syllables.split(letterBuffer) ?? [group.count]
            var offset = group.lowerBound
            for length in lengths {
                word.count = 0
                for tokenIndex in offset..<offset + length { word.append(glyphs[tokens[tokenIndex].start]) }
                TonePlacement.normalize(word.base, in: 0..<word.count)
                _ = emitWord(previousWasNumber: false, stats: &stats)
                offset += length
            }
        }
    }

    /// Squeezes, expands and de-leets `word`, then appends it to both views. Returns whether it was a number.
    func emitWord(previousWasNumber: Bool, stats: inout NormalizationStats) -> Bool {
        squeezeRepeats()
        var letters = 0
        var digits = 0
        var symbols = 0
        var ascii = true
        var marked = false
        var stroked = false
        for index in 0..<word.count {
            let glyph = word[index]
            if glyph.isDigit { digits += 1 } else if glyph.isLetter { letters += 1 } else { symbols += 1 }
            if glyph.base >= 0x80 { ascii = false }
            if glyph.tone != .level || (glyph.mark != .none && glyph.mark != .stroke) { marked = true }
            if glyph.mark == .stroke { stroked = true }
        }
        accented.reserve(word.count * 4 + 1)
        plain.reserve(word.count * 4 + 1)
        if letters == 0 && symbols == 0 {
            appendSeparator()
            for index in 0..<word.count {
                accented.append(UInt8(word[index].base))
                plain.append(UInt8(word[index].base))
            }
            return true
        }
        // "h0", "k0": one letter and a zero read as a word too.
        let shortWord = letters == 1 && word.count == 2 && word[0].isLetter && word[1].base == 0x30
        if (digits > 0 || symbols > 0) && (letters >= 2 || shortWord) && leetApplies() {
            stats.leetWords += 1
            for index in 0..<word.count { word[index].base = leetLetter(at: index) }
        }
        if ascii && !marked && word.count <= 5 {
            // Teencode keys are short ASCII words; hash the word in place.
            var hash = Hashing.fnvOffset
            for index in 0..<word.count { hash = Hashing.step(hash, UInt8(truncatingIfNeeded: word[index].base)) }
            let word = self.word
            if emitExpansion(hash: hash, count: word.count, first: word[0].base, previousWasNumber: previousWasNumber, stats: &stats,
                             matches: { key in (0..<word.count).allSatisfy { UInt32(key[$0]) == word[$0].base } }) {
                return false
            }
        }
        appendSeparator()
        if ascii && !marked && !stroked {
            // A bare ASCII word is the same bytes in both views.
            for index in 0..<word.count {
                let byte = UInt8(truncatingIfNeeded: word[index].base)
                accented.base[accented.count + index] = byte
                plain.base[plain.count + index] = byte
            }
            accented.count += word.count
            plain.count += word.count
            return false
        }
        for index in 0..<word.count {
            let glyph = word[index]
            accented.appendScalar(compose(glyph))
            plain.appendScalar(glyph.base)
        }
        return false
    }

    @inline(__always)
    func appendSeparator() {
        if accented.count > 0 { accented.append(0x20) }
        if plain.count > 0 { plain.append(0x20) }
    }

    private func squeezeRepeats() {
        guard word.count >= 3 else { return }
        // Most words have no letter three times in a row: check before rewriting.
        var tripled = false
        for index in 2..<word.count where word[index] == word[index - 1] && word[index] == word[index - 2] {
            tripled = true
            break
        }
        guard tripled else { return }
        var write = 0
        var read = 0
        while read < word.count {
            var run = read + 1
            while run < word.count && word[run] == word[read] { run += 1 }
            let keep = run - read >= 3 && word[read].isLetter ? 1 : run - read
            for offset in 0..<keep { word[write + offset] = word[read + offset] }
            write += keep
            read = run
        }
        word.count = write
    }

    /// Leetspeak is undone only when every digit or symbol touches a letter (`l0an`, `v1p`), so
    /// amounts (`500k`) and codes (`covid19`) stay as written.
    private func leetApplies() -> Bool {
        for index in 0..<word.count where !word[index].isLetter {
            guard Self.leetMap(word[index].base) != nil else { return false }
            let before = index > 0 && word[index - 1].isLetter
            let after = index + 1 < word.count && word[index + 1].isLetter
            if !before && !after { return false }
        }
        return true
    }

    private func leetLetter(at index: Int) -> UInt32 {
        Self.leetLetter(word[index].base, beforeVowel: index + 1 < word.count && word[index + 1].isVowel)
    }

    /// The letter a leetspeak character stands for: 1 before a vowel reads as l (1ừa, c1ick),
    /// otherwise as i (v1p).
    static func leetLetter(_ base: UInt32, beforeVowel: Bool) -> UInt32 {
        if base == 0x31 { return beforeVowel ? 0x6C : 0x69 }
        return leetMap(base) ?? base
    }

    /// Appends the expansion of a teencode word (a short unmarked word, by its FNV-1a hash, its
    /// length, its first letter, and `matches` comparing its letters with a key) to both views;
    /// returns whether it was one. A "k" after a number stays as written (500 k).
    @inline(__always)
    func emitExpansion(hash: UInt64, count: Int, first: UInt32, previousWasNumber: Bool, stats: inout NormalizationStats,
                       matches: ([UInt8]) -> Bool) -> Bool {
        guard let expansion = teencode[hash], expansion.key.count == count,
              !(previousWasNumber && count == 1 && first == 0x6B), matches(expansion.key) else { return false }
        stats.expandedWords += 1
        appendSeparator()
        accented.append(expansion.accented)
        plain.append(expansion.plain)
        return true
    }

    static func leetMap(_ base: UInt32) -> UInt32? {
        switch base {
        case 0x30: return 0x6F
        case 0x31: return 0x69
        case 0x33: return 0x65
        case 0x34: return 0x61
        case 0x35: return 0x73
        case 0x37: return 0x74
        case 0x40: return 0x61
        case 0x24: return 0x73
        case 0x7C: return 0x6C
        default: return nil
        }
    }
}
