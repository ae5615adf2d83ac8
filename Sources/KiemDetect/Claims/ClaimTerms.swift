import KiemText

/// The terms of a text as the claim matcher reads them, from the plain (diacritics-free, teencode
/// expanded) view: its content words in order, as hashes, with their token positions, and the
/// positions of words that deny or negate ("không", "chưa có", "bác bỏ", "tin đồn", "not", "hoax").
///
/// Terms are the content words (function words dropped) and every unordered pair of neighbouring
/// content words, so that word order matters a little and reordering costs little.
struct ClaimTerms {
    /// Content word hashes, in text order.
    var words: [UInt64] = []
    /// The token position of each content word.
    var positions: [Int32] = []
    /// Denial and negation words: token position × 4 plus their kind, ``DenialKind``.
    var denials: [Int32] = []
    /// The sentence of each token.
    var sentences: [Int32] = []
    var tokenCount: Int32 = 0

    /// A negator ("không") negates what follows it in its sentence; a judgement ("tin đồn", "false")
    /// denies from before or after; an unaccented "chua" may be "chưa" (not yet) or "chữa" (cure).
    enum DenialKind: Int32 {
        case negator = 0, judgement = 1, ambiguous = 2
    }

    init() {
        words.reserveCapacity(256)
        positions.reserveCapacity(256)
    }

    /// Reads the tokens of a text's plain view (words one space apart), at most `limit` of them,
    /// with its accented view beside it to tell "chưa" (not yet) from "chữa" (cure).
    mutating func read(plain: UnsafeBufferPointer<UInt8>, accented: UnsafeBufferPointer<UInt8>, sentenceStarts: [Int32], limit: Int = 2_000) {
        words.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        denials.removeAll(keepingCapacity: true)
        sentences.removeAll(keepingCapacity: true)
        tokenCount = 0
        var sentence: Int32 = 0
        var nextBreak = 0
        var previous: UInt64 = 0
        var pendingChua: Int32 = -1
        var start = 0
        var accentedStart = 0
        let count = plain.count
        while start < count && Int(tokenCount) < limit {
            var end = start
            var hash = Hashing.fnvOffset
            while end < count && plain[end] != 0x20 {
                hash = Hashing.step(hash, plain[end])
                end += 1
            }
            var accentedEnd = accentedStart
            while accentedEnd < accented.count && accented[accentedEnd] != 0x20 { accentedEnd += 1 }
            if end > start {
                let position = tokenCount
                tokenCount += 1
                while nextBreak < sentenceStarts.count && Int(sentenceStarts[nextBreak]) <= start {
                    sentence += 1
                    nextBreak += 1
                }
                sentences.append(sentence)
                // An unaccented "chua" negates when "có", "thể", "phải"... follows ("chua co bang chung").
                if pendingChua >= 0 {
                    let kind: DenialKind = ClaimTerms.afterChua.contains(hash) ? .negator : .ambiguous
                    denials.append(pendingChua << 2 | kind.rawValue)
                }
                pendingChua = -1
                var negator = ClaimTerms.negators.contains(hash)
                if hash == ClaimTerms.chua {
                    let letters = accentedEnd - accentedStart
                    if letters == 4 { pendingChua = position; negator = false }  // typed without accents: decided by the next word
                    else { negator = letters == 5 && accented[accentedStart + 2] == 0xC6 && accented[accentedStart + 3] == 0xB0 }  // "chưa"
                }
                let judgement = ClaimTerms.judgements.contains(hash)
                    || (previous != 0 && ClaimTerms.judgementPairs.contains(Hashing.finalize(previous &* 31 &+ hash)))
                if negator { denials.append(position << 2) } else if judgement { denials.append(position << 2 | DenialKind.judgement.rawValue) }
                if !negator && !judgement && !ClaimTerms.stopwords.contains(hash) {
                    words.append(Hashing.finalize(ClaimTerms.synonyms[hash] ?? hash) & ~1)
                    positions.append(position)
                }
                previous = hash
            }
            start = end + 1
            accentedStart = accentedEnd + 1
        }
        if pendingChua >= 0 { denials.append(pendingChua << 2 | DenialKind.ambiguous.rawValue) }
    }

    /// The unique terms (words and neighbour pairs), sorted, into `terms`.
    func terms(into terms: inout [UInt64]) {
        terms.removeAll(keepingCapacity: true)
        for index in words.indices {
            terms.append(words[index])
            if index > 0 { terms.append(ClaimTerms.pair(words[index - 1], words[index])) }
        }
        terms.sort()
        var write = 0
        for read in terms.indices where read == 0 || terms[read] != terms[read - 1] {
            terms[write] = terms[read]
            write += 1
        }
        terms.removeLast(terms.count - write)
    }

    /// The term of two neighbouring words, the same in either order (odd, so never a word's).
    @inline(__always)
    static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 {
        Hashing.finalize(min(first, second) &* 0x9E37_79B9_7F4A_7C15 ^ max(first, second)) | 1
    }

    @inline(__always)
    static func isPair(_ term: UInt64) -> Bool { term & 1 == 1 }

    private static func hash(_ word: String) -> UInt64 { Hashing.fnv1a(Array(word.utf8)) }

    /// Function words of Vietnamese (diacritics-free) and English.
    static let stopwords: Set<UInt64> = Set("""
        la va cua co cac nhung mot duoc cho voi nay do da dang se thi ma o tai trong tren duoi khi neu vi nen de bi ra vao \
        len lai cung rat qua nhat hon nhu ve tu den theo con cai chiec ay kia nua moi hay hoac nhe nha a oi nhi \
        vay thay minh toi chung ta no em anh chi ong ba ai gi dau sao bao nhieu luc hien vua \
        phai nen muon biet noi rang day ne roi luon van chinh tung lan viec su cuoc ngay \
        is are was were be been to of and or in on at for with by it its this that from as will has have had \
        does did if but you your we our they their she his her i my me
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { hash(String($0)) })

    static let chua = hash("chua")

    /// Words that negate what follows them ("chưa" is decided with the accented view).
    static let negators: Set<UInt64> = Set(["khong", "chang", "not", "never"].map(hash))

    /// Words after an unaccented "chua" that make it "chưa".
    static let afterChua: Set<UInt64> = Set(["co", "the", "phai", "he", "tung", "biet", "ro", "xac", "chac", "chinh", "ai"].map(hash))

    /// Words that judge a statement false wherever they stand.
    static let judgements: Set<UInt64> = Set(["false", "fake", "hoax", "myth", "debunk", "debunked", "untrue", "deny", "denies", "denied",
                                              "rumor", "rumour", "rumors", "rumours", "misleading", "baseless"].map(hash))

    /// Neighbouring word pairs that judge a statement false ("bác bỏ", "tin đồn", "sai sự thật"), hashed as `read` hashes them.
    static let judgementPairs: Set<UInt64> = Set([("bac", "bo"), ("tin", "don"), ("tin", "gia"), ("phu", "nhan"), ("that", "thiet"),
                                                  ("xuyen", "tac"), ("bia", "dat"), ("sai", "su"), ("sai", "lech"), ("tin", "sai"), ("la", "sai"), ("no", "evidence")]
        .map { Hashing.finalize(hash($0.0) &* 31 &+ hash($0.1)) })

    /// Words read as another with the same meaning (diacritics-free): "trị" as "chữa", "vaccine" as "vắc".
    static let synonyms: [UInt64: UInt64] = Dictionary(uniqueKeysWithValues: [("tri", "chua"), ("vaccine", "vac"), ("vacxin", "vac"), ("giet", "diet")].map { (hash($0.0), hash($0.1)) })
}
