import Foundation

/// A generated test set for claim matching: for each known claim, the ways people pass a rumour on
/// (accents removed, teencode, obfuscation, shouting with emoji, words reordered, embedded in a
/// longer post, paraphrased by hand) which must match it, and texts that share its topic without
/// making it (written by hand, denials, negated statements) which must not match.
///
/// Deterministic for a seed: the same claims and context texts give the same cases.
public struct ClaimTestSet: Sendable {
    /// One test text.
    public struct Case: Sendable {
        public var text: String
        /// The claim it makes (nil for a look-alike, which must match nothing).
        public var claim: String?
        /// How it was made: `unaccented`, `teencode`, ..., `topical`, `denial`, `negated`, `background`.
        public var kind: String
        /// The claim it was made from (also for look-alikes), for dev/test splits.
        public var source: String
    }

    public var cases: [Case] = []

    /// The kinds of variant that must match, and of look-alike that must not.
    public static let variantKinds = ["unaccented", "teencode", "obfuscated", "shouting", "reordered", "embedded", "paraphrased"]
    public static let lookalikeKinds = ["topical", "denial", "negated", "background"]

    /// Builds the set. `paraphrases` and `lookalikes` are hand-written, by claim key; `contexts` are
    /// real texts that surround embedded claims; `background` texts make no known claim.
    public init(claims: [KnownClaim], paraphrases: [String: [String]], lookalikes: [String: [String]],
                contexts: [String], background: [String], seed: UInt64 = 42) {
        var random = SplitMix(seed: seed)
        for claim in claims {
            let text = claim.text
            let english = Self.isEnglish(text)
            func add(_ variant: String, _ kind: String, makes: Bool = true) {
                cases.append(Case(text: variant, claim: makes ? claim.key : nil, kind: kind, source: claim.key))
            }
            add(Obfuscation.accentsRemoved.apply(text), "unaccented")
            add(Self.teencode(text, random: &random), "teencode")
            add(Self.obfuscated(text, random: &random), "obfuscated")
            add(Self.shouting(text, random: &random), "shouting")
            add(Self.reordered(text), "reordered")
            if !contexts.isEmpty {
                let before = contexts[Int(random.next() % UInt64(contexts.count))]
                let after = contexts[Int(random.next() % UInt64(contexts.count))]
                add(before + "\n" + text + ". " + Self.pick(Self.shareBait, &random) + "\n" + after, "embedded")
            }
            for paraphrase in paraphrases[claim.key] ?? [] { add(paraphrase, "paraphrased") }
            for lookalike in lookalikes[claim.key] ?? [] { add(lookalike, "topical", makes: false) }
            let quoted = Self.lowercasedFirst(text)
            if english {
                add("Fact check: the viral claim that \(quoted) is false, experts say.", "denial", makes: false)
                add("There is no evidence that \(quoted).", "negated", makes: false)
            } else {
                add(Self.pick(Self.authorities, &random) + " khẳng định thông tin \"\(quoted)\" là tin đồn thất thiệt.", "denial", makes: false)
                add("Chưa có bằng chứng nào cho thấy \(quoted).", "negated", makes: false)
            }
        }
        for text in background { cases.append(Case(text: text, claim: nil, kind: "background", source: "")) }
    }

    static let shareBait = ["Mọi người chia sẻ cho nhau biết nhé!", "Share gấp cho người thân!!!", "Đọc mà sợ quá các bác ạ.", "Nghe nói vậy, ai biết gì thêm không?"]
    static let authorities = ["Bộ Y tế", "Cơ quan chức năng", "Bộ Công an", "Sở Thông tin và Truyền thông", "Chuyên gia"]

    static func isEnglish(_ text: String) -> Bool { !text.unicodeScalars.contains { $0.value > 0x7F } }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        // Keep names and acronyms ("EVN", "Hà Nội") as they are.
        let second = text.dropFirst().first
        if second.map({ $0.isUppercase || $0.isNumber }) ?? true { return text }
        let word = text.prefix { $0 != " " }
        if ["Hà", "Bộ", "Ngân", "Nhà", "Công", "Camera", "Gạo", "EVN"].contains(String(word)) { return text }
        return first.lowercased() + text.dropFirst()
    }

    static func pick(_ list: [String], _ random: inout SplitMix) -> String { list[Int(random.next() % UInt64(list.count))] }

    static let teen: [String: String] = ["không": "ko", "được": "dc", "người": "ng", "với": "vs", "biết": "bít", "rồi": "r", "gì": "j",
                                          "mọi": "mn", "chuyển khoản": "ck", "tài khoản": "tk", "vậy": "v", "anh": "a", "em": "e",
                                          "trước": "trc", "những": "nhữg", "uống": "uốg", "nước": "nc", "thì": "thì", "ngày": "ngày"]

    /// Teencode for the words that have one, and half the other words without accents.
    static func teencode(_ text: String, random: inout SplitMix) -> String {
        var result = text.lowercased()
        for (word, code) in teen where result.contains(word) {
            result = result.replacingOccurrences(of: word, with: code)
        }
        return result.split(separator: " ").map { word in random.next() % 2 == 0 ? Obfuscation.accentsRemoved.apply(String(word)) : String(word) }.joined(separator: " ")
    }

    /// Two tricks of ``Obfuscation`` (not the removal of accents, a kind of its own), one over the
    /// other: letters spaced out with dots, leetspeak, zero-width characters, Cyrillic look-alikes.
    static func obfuscated(_ text: String, random: inout SplitMix) -> String {
        var tricks: [Obfuscation] = [.spacedLetters, .leetspeak, .zeroWidth, .cyrillic]
        let first = tricks.remove(at: Int(random.next() % 4))
        return tricks[Int(random.next() % 3)].apply(first.apply(text))
    }

    /// Upper case, emoji and exclamation marks.
    static func shouting(_ text: String, random: inout SplitMix) -> String {
        pick(["😱😱 ", "🔥🔥🔥 ", "‼️ ", "⚠️ KHẨN CẤP: "], &random) + text.uppercased() + pick(["!!!", " 😡😡", "!!! 🙏", " ??!!"], &random)
    }

    /// The two halves of the sentence swapped.
    static func reordered(_ text: String) -> String {
        let words = text.split(separator: " ")
        guard words.count >= 4 else { return text }
        let middle = words.count / 2
        return (words[middle...] + words[..<middle]).joined(separator: " ")
    }
}
