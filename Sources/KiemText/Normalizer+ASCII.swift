/// The byte-level path of ``Normalizer`` for text that is plain ASCII, as most SMS is.
///
/// It gives exactly what the general path gives, without decoding each byte into a ``Glyph``:
/// one pass lower-cases the bytes into the folded view, a second finds the words, and each word
/// is written to both word views straight from the folded bytes. The rare shapes it does not
/// handle itself (a NUL byte, `d!eu` leetspeak, `t@i` and `$ale` inside words, runs of three
/// single letters that may be one spaced-out word) send the whole text to the general path.
/// Tests and the fuzzer compare both paths on the same input.
extension Normalizer {
    /// What the byte-level path knows about each ASCII byte.
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

        static let table: [UInt8] = (0..<256).map { value -> UInt8 in
            switch value {
            case 0x61...0x7A: return letter
            case 0x41...0x5A: return letter | upper
            case 0x30...0x39: return digit
            case 0x00, 0x21, 0x24, 0x40, 0x7C: return special
            case 0x01..<0x20, 0x7F: return control
            case 0x80...: return high
            default: return 0
            }
        }
    }

    /// Normalizes `bytes` into the scratch views if they are plain ASCII of the common shapes;
    /// returns false, having decided nothing, otherwise.
    func normalizeASCII(_ bytes: UnsafeBufferPointer<UInt8>, stats: inout NormalizationStats) -> Bool {
        let count = bytes.count
        let classes = byteClasses
        folded.count = 0
        folded.reserve(count)
        let out = folded.base
        var letters = 0
        var upper = 0
        var previousClass: UInt8 = 0
        for index in 0..<count {
            let byte = bytes[index]
            let kind = classes[Int(byte)]
            if kind & (ByteClass.special | ByteClass.high | ByteClass.control | ByteClass.upper) == 0 {
                out[index] = byte
                letters += Int(kind & ByteClass.letter)
                previousClass = kind
                continue
            }
            if kind & ByteClass.high != 0 { return false }
            if kind & ByteClass.special != 0 {
                switch byte {
                case 0x21:
                    // "d!eu": a "!" between a letter and a lower-case letter is an i.
                    if previousClass & ByteClass.letter != 0, index + 1 < count,
                       classes[Int(bytes[index + 1])] & (ByteClass.letter | ByteClass.upper) == ByteClass.letter { return false }
                case 0x24, 0x40, 0x7C:
                    // "t@i", "$ale", "Te|egram": inside a word these stand for letters.
                    if index + 1 < count && classes[Int(bytes[index + 1])] & ByteClass.letter != 0 { return false }
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
        // The words: runs of letters and digits.
        tokens.count = 0
        var index = 0
        var gapStart = 0
        var singleLetters = 0
        while index < count {
            guard classes[Int(text[index])] & (ByteClass.letter | ByteClass.digit) != 0 else {
                index += 1
                continue
            }
            let start = index
            index += 1
            while index < count && classes[Int(text[index])] & (ByteClass.letter | ByteClass.digit) != 0 { index += 1 }
            // Three single letters in a row may be one spaced-out word: the general path decides.
            if index - start == 1 && classes[Int(text[start])] & ByteClass.letter != 0 {
                singleLetters += 1
                if singleLetters == 3 { return false }
            } else {
                singleLetters = 0
            }
            tokens.append(Token(start: start, end: index, gapStart: gapStart))
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
            if tokenIndex > 0 && asciiEndsSentence(token, in: text, raw: bytes) {
                sentenceStarts.append(Int32(plain.count + 1))
            }
            previousWasNumber = emitASCIIWord(UnsafeBufferPointer(rebasing: text[token.start..<token.end]),
                                              previousWasNumber: previousWasNumber, stats: &stats)
        }
        return true
    }

    /// Whether the gap before `token` ends a sentence, as ``endsSentence(_:)`` decides it.
    @inline(__always)
    private func asciiEndsSentence(_ token: Token, in text: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = token.gapStart
        while position < token.start {
            switch text[position] {
            case 0x21, 0x3F: return true
            case 0x2E, 0x3B:
                if position + 1 < token.start && text[position + 1] == 0x20 { return true }
            case 0x20:
                // A line break was folded to a space.
                if raw[position] == 0x0A { return true }
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
