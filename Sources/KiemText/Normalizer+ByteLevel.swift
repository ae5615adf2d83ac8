/// The byte-level path of ``Normalizer`` for text that is ASCII, as most SMS is, or ASCII with
/// precomposed Vietnamese letters, as most Vietnamese text is.
///
/// It gives exactly what the general path gives, without decoding each byte into a ``Glyph``:
/// one pass lower-cases the bytes into the folded view (a Vietnamese letter's lower case has as
/// many bytes as its upper case; symbols such as `£`, `…` or a no-break space stay as they are), a
/// second finds the words, and each ASCII word is written to both word views straight from the
/// folded bytes. Only a word with a Vietnamese letter is read into glyphs, for tone placement, and
/// most such words are then written from the folded bytes too. The rare shapes it does not handle
/// itself (any other character beyond ASCII, a NUL byte, `d!eu` leetspeak, `t@i` and `$ale` inside
/// words, runs of three single letters that may be one spaced-out word, a tone that moves to a
/// letter of another UTF-8 length) send the whole text to the general path. Tests and the fuzzer
/// compare both paths on the same input.
extension Normalizer {
    /// What the byte-level path knows about each byte.
    struct ByteClass {
        static let letter: UInt8 = 1
        static let digit: UInt8 = 2
        static let upper: UInt8 = 4
        /// A control character, read as a space.
        static let control: UInt8 = 8
        /// NUL, `!`, `@`, `$` and `|`: bytes whose meaning depends on their neighbours.
        static let special: UInt8 = 16
        /// Not ASCII.
        static let high: UInt8 = 32
        /// The first byte of the symbols the path keeps as they are (see `symbolLength`): C2, E2, F0.
        static let symbolLead: UInt8 = 64
        /// Part of a word once the first pass has accepted the text: letters, digits, and every byte
        /// beyond ASCII but a symbol's first (a symbol's other bytes are skipped with it).
        static let word: UInt8 = 128

        static let table: [UInt8] = (0..<256).map { value -> UInt8 in
            switch value {
            case 0x61...0x7A: return letter | word
            case 0x41...0x5A: return letter | upper | word
            case 0x30...0x39: return digit | word
            case 0x00, 0x21, 0x24, 0x40, 0x7C: return special
            case 0x01..<0x20, 0x7F: return control
            case 0xC2, 0xE2, 0xF0: return high | symbolLead
            case 0x80...: return high | word
            default: return 0
            }
        }
    }

    /// Normalizes `bytes` into the scratch views if they are ASCII, or ASCII with precomposed
    /// Vietnamese letters, of the common shapes; returns false, having decided nothing, otherwise.
    func normalizeBytes(_ bytes: UnsafeBufferPointer<UInt8>, stats: inout NormalizationStats) -> Bool {
        let count = bytes.count
        let classes = byteClasses
        folded.count = 0
        folded.reserve(count)
        let out = folded.base
        var letters = 0
        var upper = 0
        var previousClass: UInt8 = 0
        // The end of the Vietnamese letter last written: its continuation bytes are skipped.
        var letterEnd = 0
        for index in 0..<count {
            let byte = bytes[index]
            let kind = classes[Int(byte)]
            if kind & (ByteClass.special | ByteClass.high | ByteClass.control | ByteClass.upper) == 0 {
                out[index] = byte
                letters += Int(kind & ByteClass.letter)
                previousClass = kind
                continue
            }
            if kind & ByteClass.high != 0 {
                if index < letterEnd { continue }
                if kind & ByteClass.symbolLead != 0 {
                    guard let length = symbolLength(bytes, at: index) else { return false }
                    for offset in 0..<length { out[index + offset] = bytes[index + offset] }
                    letterEnd = index + length
                    previousClass = kind
                    continue
                }
                guard let letter = vietnameseLetter(bytes, at: index, into: out) else { return false }
                letterEnd = index + letter.length
                letters += 1
                if letter.upper { upper += 1 }
                previousClass = ByteClass.letter
                continue
            }
            if kind & ByteClass.special != 0 {
                // A letter beyond ASCII next to these counts as a letter: the general path decides.
                let next = index + 1 < count ? classes[Int(bytes[index + 1])] : 0
                switch byte {
                case 0x21:
                    // "d!eu": a "!" between a letter and a lower-case letter is an i.
                    if previousClass & ByteClass.letter != 0,
                       next & (ByteClass.letter | ByteClass.upper) == ByteClass.letter || next & ByteClass.high != 0 { return false }
                case 0x24, 0x40, 0x7C:
                    // "t@i", "$ale", "Te|egram": inside a word these stand for letters.
                    if next & (ByteClass.letter | ByteClass.high) != 0 { return false }
                default:
                    return false
                }
                out[index] = byte
            } else if kind & ByteClass.control != 0 {
                out[index] = 0x20
            } else {
                out[index] = byte | 0x20
                letters += 1
                upper += 1
            }
            previousClass = kind
        }
        folded.count = count
        stats.letters = letters
        stats.upperLetters = upper
        let text = UnsafeBufferPointer(start: out, count: count)
        // The words: runs of letters (every byte beyond ASCII but a symbol's is now part of one)
        // and digits.
        tokens.count = 0
        var index = 0
        var gapStart = 0
        var singleLetters = 0
        while index < count {
            let kind = classes[Int(text[index])]
            guard kind & ByteClass.word != 0 else {
                index += kind & ByteClass.symbolLead != 0 ? Self.sequenceLength(text[index]) : 1
                continue
            }
            let start = index
            var kinds = kind
            index += 1
            while index < count && classes[Int(text[index])] & ByteClass.word != 0 {
                kinds |= classes[Int(text[index])]
                index += 1
            }
            // Three single letters in a row may be one spaced-out word: the general path decides.
            let single = index - start == 1 ? kinds & ByteClass.letter != 0
                : kinds & ~ByteClass.word == ByteClass.high && index - start == Self.sequenceLength(text[start])
            if single {
                singleLetters += 1
                if singleLetters == 3 { return false }
            } else {
                singleLetters = 0
            }
            tokens.append(Token(start: start, end: index, gapStart: gapStart, high: kinds & ByteClass.high != 0))
            gapStart = index
        }
        accented.count = 0
        plain.count = 0
        accented.reserve(count + 1)
        plain.reserve(count + 1)
        sentenceStarts.removeAll(keepingCapacity: true)
        var previousWasNumber = false
        for tokenIndex in 0..<tokens.count {
            let token = tokens[tokenIndex]
            if tokenIndex > 0 && gapEndsSentence(token, in: text, raw: bytes) {
                sentenceStarts.append(Int32(plain.count + 1))
            }
            if token.high {
                switch readVietnameseWord(token, bytes) {
                case .toneMoved:
                    return false
                case .lettersOnly:
                    emitVietnameseLetters(token)
                    previousWasNumber = false
                case .other:
                    previousWasNumber = emitWord(previousWasNumber: previousWasNumber, stats: &stats)
                }
            } else {
                previousWasNumber = emitASCIIWord(UnsafeBufferPointer(rebasing: text[token.start..<token.end]),
                                                  previousWasNumber: previousWasNumber, stats: &stats)
            }
        }
        return true
    }

    /// For each scalar below U+2000: if it is a precomposed Vietnamese letter (a letter with a
    /// mark or a tone, folded from nothing else) whose lower case is as long in UTF-8, that lower
    /// case, with bit 15 set when the scalar is upper case; 0 otherwise.
    static let vietnameseLetterTable: [UInt16] = (0..<0x2000).map { value -> UInt16 in
        let folded = FoldingTable.low[value]
        guard value >= 0x80, !folded.isUnmapped, !folded.isDropped, !folded.isCombining, !folded.isSubstituted else { return 0 }
        let glyph = folded.glyph
        guard glyph.base < 0x80, Byte.isLower(UInt8(glyph.base)), glyph.mark != .none || glyph.tone != .level else { return 0 }
        let composed = Normalizer.compose(glyph, FoldingTable.composition)
        // As many UTF-8 bytes (and for three, the same lead byte, E1) as the scalar itself.
        guard composed >= 0x80, composed < 0x2000, value < 0x800 ? composed < 0x800 : composed >= 0x1000 && value >= 0x1000 else { return 0 }
        return UInt16(composed) | (folded.isUpper ? 0x8000 : 0)
    }

    /// The number of bytes of the UTF-8 sequence that `lead` starts (2 to 4; the first pass has
    /// checked the sequence).
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    }

    /// For each scalar below U+3000: whether it is a symbol the byte-level path keeps as it is,
    /// as the general path does (it folds to itself, is not a letter, and is neither dropped nor
    /// combined): `£`, `…`, a no-break space, `°`. Curly quotes and dashes fold to ASCII, so a text
    /// with them takes the general path.
    static let keptSymbols: [Bool] = (0..<0x3000).map { value in
        (0x80..<0xC0).contains(value) || (0x2000..<0x3000).contains(value) ? Normalizer.keepsAsSymbol(UInt32(value)) : false
    }

    /// Whether the general path keeps `value` as it is, as a symbol that is no part of a word.
    static func keepsAsSymbol(_ value: UInt32) -> Bool {
        let folded = FoldingTable.fold(value)
        return value >= 0x80 && folded.packed == value && !ScalarClass.isLetter(value)
    }

    /// The length of the symbol at `bytes[index]` (a C2, E2 or F0 lead byte) if the path keeps it
    /// as it is (see `keptSymbols`; for F0, the emoji and pictographs of U+1F000-U+1FFFF); nil
    /// for anything else.
    @inline(__always)
    private func symbolLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let (decoded, length) = UTF8Encoding.decode(bytes, at: index)
        guard let value = decoded else { return nil }
        if length == 4 {
            return value >= 0x1F000 && value <= 0x1FFFF && Self.keepsAsSymbol(value) ? 4 : nil
        }
        // C2 gives U+0080-U+00BF, E2 U+2000-U+2FFF: both in the table.
        return Self.keptSymbols[Int(value)] ? length : nil
    }

    /// The precomposed Vietnamese letter at `bytes[index]`, written in lower case at the same place
    /// of `out`: its length in bytes (2 or 3) and whether it was upper case; nil for any other byte
    /// sequence.
    @inline(__always)
    private func vietnameseLetter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into out: UnsafeMutablePointer<UInt8>) -> (length: Int, upper: Bool)? {
        let lead = bytes[index]
        if lead >= 0xC3 && lead <= 0xC6 {
            guard index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 else { return nil }
        } else if lead == 0xE1 {
            guard index + 2 < bytes.count, bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 else { return nil }
        } else {
            return nil
        }
        let entry = vietnameseLetters[Self.letterScalar(bytes, at: index)]
        guard entry != 0 else { return nil }
        // As long as the scalar read (see the table): the bytes after it are not touched.
        return (UTF8Encoding.write(UInt32(entry & 0x7FFF), to: out + index), entry & 0x8000 != 0)
    }

    /// The scalar of the two- (C3-C6) or three-byte (E1) sequence at `bytes[index]`, whose
    /// continuation bytes are checked.
    @inline(__always)
    private static func letterScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        return lead == 0xE1 ? 0x1000 | Int(bytes[index + 1] & 0x3F) << 6 | Int(bytes[index + 2] & 0x3F)
            : Int(lead & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
    }

    /// What ``readVietnameseWord(_:_:)`` found.
    enum VietnameseWord {
        /// A tone is not where the general path puts it, and placed there the word would take a
        /// different number of bytes in the folded view.
        case toneMoved
        /// Letters only, each written once or twice in a row, with a tone or a mark other than
        /// `đ`'s: no leetspeak, squeezing or teencode applies, and the accented view takes the
        /// folded bytes as they are.
        case lettersOnly
        /// Anything else: ``emitWord(previousWasNumber:stats:)`` decides.
        case other
    }

    /// Reads a word with Vietnamese letters into `word` as glyphs, as the general path decodes it,
    /// and places its tones (in the folded view too).
    private func readVietnameseWord(_ token: Token, _ raw: UnsafeBufferPointer<UInt8>) -> VietnameseWord {
        word.count = 0
        word.reserve(token.end - token.start)
        var index = token.start
        var lettersOnly = true
        var marked = false
        while index < token.end {
            let lead = raw[index]
            let glyph: Glyph
            if lead < 0x80 {
                glyph = Glyph(base: UInt32(folded.base[index]))
                if !Byte.isLower(lead | 0x20) { lettersOnly = false }
                index += 1
            } else {
                glyph = foldTable[Self.letterScalar(raw, at: index)].glyph
                if glyph.tone != .level || glyph.mark != .stroke { marked = true }
                index += Self.sequenceLength(lead)
            }
            if word.count >= 2 && glyph == word[word.count - 1] && glyph == word[word.count - 2] { lettersOnly = false }
            word.append(glyph)
        }
        if Self.placeTones(word.base, count: word.count) {
            // Write the word's letters with their tones placed into the folded view, as the general
            // path does, if they take as many bytes as before ("hủy" → "huỷ"; "hùy" → "huỳ" does not).
            var length = 0
            for position in 0..<word.count { length += UTF8Encoding.length(of: compose(word[position])) }
            guard length == token.end - token.start else { return .toneMoved }
            var cursor = token.start
            for position in 0..<word.count {
                cursor += UTF8Encoding.write(compose(word[position]), to: folded.base + cursor)
            }
        }
        return lettersOnly && marked ? .lettersOnly : .other
    }

    /// Writes a word that ``readVietnameseWord(_:_:)`` found to be `lettersOnly` as
    /// ``emitWord(previousWasNumber:stats:)`` would: its folded bytes, then its bare letters.
    private func emitVietnameseLetters(_ token: Token) {
        appendSeparator()
        accented.append(from: folded.base + token.start, count: token.end - token.start)
        plain.reserve(word.count)
        for position in 0..<word.count { plain.base[plain.count + position] = UInt8(truncatingIfNeeded: word[position].base) }
        plain.count += word.count
    }

    /// Whether the gap before `token` ends a sentence, as ``endsSentence(_:)`` decides it.
    @inline(__always)
    private func gapEndsSentence(_ token: Token, in text: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = token.gapStart
        while position < token.start {
            switch text[position] {
            case 0x21, 0x3F: return true
            case 0x2E, 0x3B:
                if position + 1 < token.start && text[position + 1] == 0x20 { return true }
            case 0x20:
                // A line break was folded to a space.
                if raw[position] == 0x0A { return true }
            case 0xE2:
                // "…" (E2 80 A6) and a space.
                if text[position + 1] == 0x80 && text[position + 2] == 0xA6 && position + 3 < token.start && text[position + 3] == 0x20 {
                    return true
                }
            default: break
            }
            position += 1
        }
        return false
    }

    /// ``emitWord(previousWasNumber:stats:)`` for a word of ASCII letters and digits.
    private func emitASCIIWord(_ bytes: UnsafeBufferPointer<UInt8>, previousWasNumber: Bool, stats: inout NormalizationStats) -> Bool {
        var length = bytes.count
        var letters = 0
        var tripled = false
        for index in 0..<length {
            if Byte.isLower(bytes[index]) { letters += 1 }
            if index >= 2 && bytes[index] == bytes[index - 1] && bytes[index] == bytes[index - 2] { tripled = true }
        }
        if letters == 0 {
            appendSeparator()
            accented.append(from: UnsafeMutablePointer(mutating: bytes.baseAddress!), count: length)
            plain.append(from: UnsafeMutablePointer(mutating: bytes.baseAddress!), count: length)
            return true
        }
        var source = bytes
        if tripled || (letters < length && (letters >= 2 || letters == 1 && length == 2)) {
            // Squeezing or undoing leetspeak rewrites the word: work on a copy.
            asciiWord.count = 0
            asciiWord.append(from: UnsafeMutablePointer(mutating: bytes.baseAddress!), count: length)
            let word = asciiWord.base
            if tripled {
                // Runs of three or more of the same letter keep one.
                var write = 0
                var read = 0
                while read < length {
                    var run = read + 1
                    while run < length && word[run] == word[read] { run += 1 }
                    let keep = run - read >= 3 && Byte.isLower(word[read]) ? 1 : run - read
                    for offset in 0..<keep { word[write + offset] = word[read + offset] }
                    write += keep
                    read = run
                }
                length = write
                letters = 0
                for index in 0..<length where Byte.isLower(word[index]) { letters += 1 }
            }
            // "h0", "k0": one letter and a zero read as a word too.
            let shortWord = letters == 1 && length == 2 && Byte.isLower(word[0]) && word[1] == 0x30
            if letters < length && (letters >= 2 || shortWord) && asciiLeetApplies(word, length) {
                stats.leetWords += 1
                for index in 0..<length where !Byte.isLower(word[index]) {
                    let beforeVowel = index + 1 < length && Syllables.isVowel(word[index + 1])
                    word[index] = UInt8(truncatingIfNeeded: Self.leetLetter(UInt32(word[index]), beforeVowel: beforeVowel))
                }
            }
            source = UnsafeBufferPointer(start: word, count: length)
        }
        if length <= 5 {
            var hash = Hashing.fnvOffset
            for index in 0..<length { hash = Hashing.step(hash, source[index]) }
            if emitExpansion(hash: hash, count: length, first: UInt32(source[0]), previousWasNumber: previousWasNumber, stats: &stats,
                             matches: { $0.elementsEqual(source) }) {
                return false
            }
        }
        appendSeparator()
        accented.append(from: UnsafeMutablePointer(mutating: source.baseAddress!), count: length)
        plain.append(from: UnsafeMutablePointer(mutating: source.baseAddress!), count: length)
        return false
    }

    /// ``leetApplies()`` for an ASCII word: every digit is a leet letter and touches a letter.
    private func asciiLeetApplies(_ word: UnsafeMutablePointer<UInt8>, _ length: Int) -> Bool {
        for index in 0..<length where !Byte.isLower(word[index]) {
            guard Self.leetMap(UInt32(word[index])) != nil else { return false }
            let before = index > 0 && Byte.isLower(word[index - 1])
            let after = index + 1 < length && Byte.isLower(word[index + 1])
            if !before && !after { return false }
        }
        return true
    }
}
