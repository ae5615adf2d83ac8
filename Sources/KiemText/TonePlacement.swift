/// Puts the tone mark of a Vietnamese syllable on one canonical vowel.
///
/// Keyboards disagree on where the tone goes (`hòa` or `hoà`, `thúy` or `thuý`); Kiem uses the
/// modern rule everywhere: the tone sits on the vowel that carries a modifier (the last one in
/// `ươ`), on the middle of three vowels, on the second of two when a final consonant follows or the
/// pair is `oa`, `oe`, `uy`, and on the first of two otherwise. Words that are not one Vietnamese
/// syllable (two vowel groups, as in English) are left as written.
public enum TonePlacement {
    /// Normalizes the tone in `glyphs[range]`, a run of letters; returns whether a tone moved.
    @inlinable @discardableResult
    public static func normalize(_ glyphs: UnsafeMutablePointer<Glyph>, in range: Range<Int>) -> Bool {
        var vowelStart = -1
        var vowelEnd = -1
        var index = range.lowerBound
        // Skip the onset; `qu` and `gi` (before a vowel) belong to it.
        while index < range.upperBound && !glyphs[index].isVowel { index += 1 }
        if index < range.upperBound && index > range.lowerBound && index + 1 < range.upperBound && glyphs[index + 1].isVowel {
            let previous = glyphs[index - 1].base
            if (previous == 0x71 && glyphs[index].base == 0x75) || (previous == 0x67 && glyphs[index].base == 0x69 && glyphs[index].mark == .none) {
                index += 1
            }
        }
        vowelStart = index
        while index < range.upperBound && glyphs[index].isVowel { index += 1 }
        vowelEnd = index
        let count = vowelEnd - vowelStart
        guard count >= 1 && count <= 3 else { return false }
        // A second vowel group means this is not a single syllable.
        var rest = vowelEnd
        while rest < range.upperBound {
            if glyphs[rest].isVowel || !glyphs[rest].isLetter { return false }
            rest += 1
        }
        var tone = Glyph.Tone.level
        var toneAt = -1
        var toned = 0
        for position in range where glyphs[position].tone != .level {
            tone = glyphs[position].tone
            toneAt = position
            toned += 1
        }
        guard tone != .level, count > 1 || toneAt != vowelStart else { return false }
        let hasFinal = vowelEnd < range.upperBound
        var target = -1
        for position in vowelStart..<vowelEnd where glyphs[position].mark != .none {
            target = position
        }
        if target < 0 {
            switch count {
            case 1: target = vowelStart
            case 3: target = vowelStart + 1
            default:
                let first = glyphs[vowelStart].base
                let second = glyphs[vowelStart + 1].base
                let modernPair = (first == 0x6F && (second == 0x61 || second == 0x65)) || (first == 0x75 && second == 0x79)
                target = hasFinal || modernPair ? vowelStart + 1 : vowelStart
            }
        }
        for position in range { glyphs[position].tone = .level }
        glyphs[target].tone = tone
        return toned > 1 || target != toneAt
    }
}
