/// One letter after folding: a lower-case base scalar plus its Vietnamese marks.
///
/// Vietnamese letters are kept apart from their marks so that decomposed input, tone
/// placement and the diacritics-free view all come from the same value: `ờ` is base `o`,
/// mark ``Mark/horn``, tone ``Tone/grave``.
public struct Glyph: Equatable, Sendable, BitwiseCopyable {
    /// The vowel or consonant modifier of a Vietnamese letter.
    public enum Mark: UInt8, Sendable, BitwiseCopyable {
        case none = 0, breve, circumflex, horn, stroke
    }

    /// The six Vietnamese tones (ngang, huyền, sắc, hỏi, ngã, nặng).
    public enum Tone: UInt8, Sendable, BitwiseCopyable {
        case level = 0, grave, acute, hook, tilde, dot
    }

    /// The base scalar value, lower case (`o` for `Ờ`).
    public var base: UInt32
    public var mark: Mark
    public var tone: Tone

    @inlinable
    public init(base: UInt32, mark: Mark = .none, tone: Tone = .level) {
        self.base = base
        self.mark = mark
        self.tone = tone
    }

    /// True for ASCII letters and for every Vietnamese letter.
    @inlinable
    public var isLetter: Bool {
        if base < 0x80 { return (base >= 0x61 && base <= 0x7A) }
        return ScalarClass.isLetter(base)
    }

    @inlinable
    public var isDigit: Bool { base >= 0x30 && base <= 0x39 }

    @inlinable
    public var isAlphanumeric: Bool { isDigit || isLetter }

    /// True for a, e, i, o, u, y whatever their marks.
    @inlinable
    public var isVowel: Bool {
        switch base {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true
        default: return false
        }
    }
}

/// Letter classification for scalars outside ASCII, without going through `Character`.
public enum ScalarClass {
    /// Whether a scalar is a letter: a table-free test for ASCII, the alphabetic property otherwise.
    @inlinable
    public static func isLetter(_ value: UInt32) -> Bool {
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isAlphabetic
    }
}
