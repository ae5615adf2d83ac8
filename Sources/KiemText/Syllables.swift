/// Splits a run of Vietnamese letters written without spaces into syllables.
///
/// Used when an obfuscated word arrives as single letters ("l u a d a o"): once the letters are
/// joined, `luadao` is cut back into `lua dao` by Vietnamese phonotactics (onset, a known vowel
/// group, an optional final consonant that is not the next syllable's onset).
public enum Syllables {
    static let onsets: [[UInt8]] = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
                                     "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x"].map { Array($0.utf8) }
    static let nuclei: Set<[UInt8]> = Set(["a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie",
                                           "iu", "oa", "oe", "oi", "ua", "ue", "ui", "uo", "uu", "uy", "ye", "ya", "ieu",
                                           "yeu", "oai", "oao", "oay", "oeo", "uay", "uoi", "uou", "uya", "uye", "uyu"]
        .map { Array($0.utf8) })
    static let codas: [[UInt8]] = ["ng", "nh", "ch", "c", "m", "n", "p", "t"].map { Array($0.utf8) }

    @inline(__always)
    static func isVowel(_ byte: UInt8) -> Bool {
        byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75 || byte == 0x79
    }

    /// The lengths of the syllables of `letters` (ASCII base letters), or nil when the run does not
    /// read as Vietnamese syllables.
    public static func split(_ letters: [UInt8]) -> [Int]? {
        var lengths: [Int] = []
        var position = 0
        let count = letters.count
        func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
            guard index + prefix.count <= count else { return false }
            for offset in 0..<prefix.count where letters[index + offset] != prefix[offset] { return false }
            return true
        }
        while position < count {
            let start = position
            for onset in onsets where hasPrefix(onset, at: position) {
                let next = position + onset.count
                if next < count && isVowel(letters[next]) { position = next; break }
            }
            var vowelEnd = position
            while vowelEnd < count && isVowel(letters[vowelEnd]) && vowelEnd - position < 3 { vowelEnd += 1 }
            while vowelEnd > position && !nuclei.contains(Array(letters[position..<vowelEnd])) { vowelEnd -= 1 }
            guard vowelEnd > position else { return nil }
            position = vowelEnd
            for coda in codas where hasPrefix(coda, at: position) {
                let next = position + coda.count
                if next >= count || !isVowel(letters[next]) { position = next; break }
            }
            lengths.append(position - start)
        }
        return lengths
    }
}
