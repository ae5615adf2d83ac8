/// The views of one message that Kiem works on, each as UTF-8 bytes.
///
/// - `folded`: every character kept (punctuation, spacing), with invisibles removed,
///   compatibility forms and look-alikes folded, tones placed canonically, lower case.
///   Entities (links, numbers, amounts) are read from this view.
/// - `accented`: the words only, one space apart, with teencode expanded, spaced letters
///   rejoined, repeats squeezed and leetspeak undone.
/// - `plain`: `accented` without diacritics (`đ` → `d`), the view rules and matching use.
public struct NormalizedText: Sendable, Equatable {
    public let folded: [UInt8]
    public let accented: [UInt8]
    public let plain: [UInt8]
    public var stats: NormalizationStats
    /// Byte offsets in `plain` (and the matching word in `accented`) where a new sentence starts,
    /// after the first: the matcher keeps a negation to its own sentence.
    public var sentenceStarts: [Int32]
    /// The words of `plain` with their hashes, read once when the text is made.
    public let plainWords: [WordSpan]

    public init(folded: [UInt8], accented: [UInt8], plain: [UInt8], stats: NormalizationStats, sentenceStarts: [Int32] = []) {
        self.init(folded: folded, accented: accented, plain: plain, stats: stats, sentenceStarts: sentenceStarts,
                  plainWords: WordSpan.split(plain))
    }

    /// A text whose plain view's words are already read.
    init(folded: [UInt8], accented: [UInt8], plain: [UInt8], stats: NormalizationStats, sentenceStarts: [Int32], plainWords: [WordSpan]) {
        self.folded = folded
        self.accented = accented
        self.plain = plain
        self.stats = stats
        self.sentenceStarts = sentenceStarts
        self.plainWords = plainWords
    }

    /// The folded view as a string.
    public var foldedString: String { String(decoding: folded, as: UTF8.self) }
    /// The accented word view as a string.
    public var accentedString: String { String(decoding: accented, as: UTF8.self) }
    /// The diacritics-free word view as a string.
    public var plainString: String { String(decoding: plain, as: UTF8.self) }
}

/// Counts of what normalization had to undo; unusual counts are themselves a signal.
public struct NormalizationStats: Sendable, Equatable {
    /// Letters replaced by a look-alike or compatibility fold (Cyrillic `а`, fullwidth `Ａ`, 𝐛𝐨𝐥𝐝).
    public var substituted = 0
    /// Zero-width and other invisible scalars removed.
    public var invisible = 0
    /// Bytes that were not valid UTF-8 (each replaced by U+FFFD).
    public var invalidBytes = 0
    /// Letters seen, and how many were upper case.
    public var letters = 0
    public var upperLetters = 0
    /// Words whose digits or symbols were read as letters (`l0an`).
    public var leetWords = 0
    /// Runs of single letters joined back into words (`l.ừ.a đ.ả.o`).
    public var rejoinedRuns = 0
    /// Words that were teencode or abbreviations.
    public var expandedWords = 0

    public init() {}
}
