import Foundation

/// How one scalar folds: to a base letter with Vietnamese marks, to nothing, or onto the
/// previous letter as a combining mark.
///
/// The table covers the scalars below U+2000 (Latin, Greek, Cyrillic, combining marks and
/// Latin Extended Additional, where every precomposed Vietnamese letter lives) as one flat
/// array, so folding a scalar is one load. Rarer scalars go through ``FoldingTable/foldRare(_:)``.
public struct FoldedScalar: Sendable {
    @usableFromInline let packed: UInt32

    @usableFromInline static let upperFlag: UInt32 = 1 << 28
    @usableFromInline static let substitutedFlag: UInt32 = 1 << 29
    @usableFromInline static let dropFlag: UInt32 = 1 << 30
    @usableFromInline static let combiningFlag: UInt32 = 1 << 31

    @inlinable init(packed: UInt32) { self.packed = packed }

    init(base: UInt32, mark: Glyph.Mark = .none, tone: Glyph.Tone = .level, upper: Bool = false, substituted: Bool = false) {
        var value = base | UInt32(mark.rawValue) << 21 | UInt32(tone.rawValue) << 24
        if upper { value |= Self.upperFlag }
        if substituted { value |= Self.substitutedFlag }
        packed = value
    }

    static let drop = FoldedScalar(packed: dropFlag)

    static func combining(mark: Glyph.Mark = .none, tone: Glyph.Tone = .level) -> FoldedScalar {
        FoldedScalar(packed: combiningFlag | UInt32(mark.rawValue) << 21 | UInt32(tone.rawValue) << 24)
    }

    @inlinable var isUnmapped: Bool { packed == 0 }
    @inlinable var isDropped: Bool { packed & Self.dropFlag != 0 }
    @inlinable var isCombining: Bool { packed & Self.combiningFlag != 0 }
    @inlinable var isUpper: Bool { packed & Self.upperFlag != 0 }
    @inlinable var isSubstituted: Bool { packed & Self.substitutedFlag != 0 }
    @inlinable var glyph: Glyph {
        Glyph(base: packed & 0x1F_FFFF,
              mark: Glyph.Mark(rawValue: UInt8((packed >> 21) & 0x7)) ?? .none,
              tone: Glyph.Tone(rawValue: UInt8((packed >> 24) & 0x7)) ?? .level)
    }
}

/// The folding tables: Vietnamese letters, compatibility forms, look-alikes and invisibles.
public enum FoldingTable {
    /// The precomposed Vietnamese letters, by base, mark and tone (level, grave, acute, hook, tilde, dot).
    static let vietnameseRows: [(base: Character, mark: Glyph.Mark, lower: String, upper: String)] = [
        ("a", .none, "aàáảãạ", "AÀÁẢÃẠ"), ("a", .breve, "ăằắẳẵặ", "ĂẰẮẲẴẶ"),
        ("a", .circumflex, "âầấẩẫậ", "ÂẦẤẨẪẬ"), ("e", .none, "eèéẻẽẹ", "EÈÉẺẼẸ"),
        ("e", .circumflex, "êềếểễệ", "ÊỀẾỂỄỆ"), ("i", .none, "iìíỉĩị", "IÌÍỈĨỊ"),
        ("o", .none, "oòóỏõọ", "OÒÓỎÕỌ"), ("o", .circumflex, "ôồốổỗộ", "ÔỒỐỔỖỘ"),
        ("o", .horn, "ơờớởỡợ", "ƠỜỚỞỠỢ"), ("u", .none, "uùúủũụ", "UÙÚỦŨỤ"),
        ("u", .horn, "ưừứửữự", "ƯỪỨỬỮỰ"), ("y", .none, "yỳýỷỹỵ", "YỲÝỶỸỴ"),
        ("d", .stroke, "đ", "Đ"),
    ]

    /// Cyrillic and Greek letters that look like Latin ones (a confusables skeleton).
    static let lookalikes: [(UInt32, Character)] = [
        (0x0430, "a"), (0x0410, "a"), (0x0432, "b"), (0x0412, "b"), (0x0435, "e"), (0x0415, "e"),
        (0x0451, "e"), (0x0401, "e"), (0x043A, "k"), (0x041A, "k"), (0x043C, "m"), (0x041C, "m"),
        (0x043D, "h"), (0x041D, "h"), (0x043E, "o"), (0x041E, "o"), (0x0440, "p"), (0x0420, "p"),
        (0x0441, "c"), (0x0421, "c"), (0x0442, "t"), (0x0422, "t"), (0x0443, "y"), (0x0423, "y"),
        (0x0445, "x"), (0x0425, "x"), (0x0456, "i"), (0x0406, "i"), (0x0457, "i"), (0x0407, "i"),
        (0x0458, "j"), (0x0408, "j"), (0x0455, "s"), (0x0405, "s"), (0x0501, "d"), (0x0500, "d"),
        (0x051B, "q"), (0x051A, "q"), (0x051D, "w"), (0x051C, "w"), (0x04BB, "h"), (0x04BA, "h"),
        (0x04CF, "l"), (0x04C0, "l"), (0x0261, "g"), (0x0251, "a"), (0x026A, "i"), (0x1D0F, "o"),
        (0x03B1, "a"), (0x0391, "a"), (0x0392, "b"), (0x03B5, "e"), (0x0395, "e"), (0x0396, "z"),
        (0x0397, "h"), (0x03B9, "i"), (0x0399, "i"), (0x03BA, "k"), (0x039A, "k"), (0x039C, "m"),
        (0x03BD, "v"), (0x039D, "n"), (0x03BF, "o"), (0x039F, "o"), (0x03C1, "p"), (0x03A1, "p"),
        (0x03C4, "t"), (0x03A4, "t"), (0x03C5, "u"), (0x03A5, "y"), (0x03C7, "x"), (0x03A7, "x"),
        (0x03F2, "c"), (0x03F9, "c"), (0x0131, "i"),
    ]

    /// Scalars that carry no visible text and are removed (zero-width, bidi controls, soft hyphen, ...).
    @inlinable
    public static func isInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F,
             0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0x3164, 0xFE00...0xFE0F,
             0xFEFF, 0xFFA0, 0x1D173...0x1D17A, 0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }

    /// The flat table for every scalar below U+2000.
    @usableFromInline
    static let low: [FoldedScalar] = buildLowTable()

    static func buildLowTable() -> [FoldedScalar] {
        var table = [FoldedScalar](repeating: FoldedScalar(packed: 0), count: 0x2000)
        for value in UInt32(0)..<0x80 {
            let upper = value >= 0x41 && value <= 0x5A
            table[Int(value)] = FoldedScalar(base: upper ? value + 0x20 : value, upper: upper)
        }
        table[0] = .drop
        // Other Latin letters with diacritics fold to their base letter.
        for value in UInt32(0xC0)..<0x250 {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            guard let first = decomposed.first, first.value < 0x80 else { continue }
            let upper = scalar.properties.isUppercase
            let base = first.value | 0x20
            table[Int(value)] = FoldedScalar(base: base, upper: upper)
        }
        for row in vietnameseRows {
            let base = row.base.unicodeScalars.first!.value
            for (form, upper) in [(row.lower, false), (row.upper, true)] {
                for (index, scalar) in form.unicodeScalars.enumerated() where scalar.value < 0x2000 {
                    table[Int(scalar.value)] = FoldedScalar(
                        base: base, mark: row.mark, tone: Glyph.Tone(rawValue: UInt8(index))!, upper: upper)
                }
            }
        }
        for (value, latin) in lookalikes {
            let upper = Unicode.Scalar(value)!.properties.isUppercase
            table[Int(value)] = FoldedScalar(base: latin.unicodeScalars.first!.value, upper: upper, substituted: true)
        }
        // Combining marks: Vietnamese tones and modifiers attach to the previous letter; others vanish.
        for value in UInt32(0x300)..<0x370 { table[Int(value)] = .drop }
        table[0x300] = .combining(tone: .grave)
        table[0x340] = .combining(tone: .grave)
        table[0x301] = .combining(tone: .acute)
        table[0x341] = .combining(tone: .acute)
        table[0x309] = .combining(tone: .hook)
        table[0x303] = .combining(tone: .tilde)
        table[0x323] = .combining(tone: .dot)
        table[0x306] = .combining(mark: .breve)
        table[0x302] = .combining(mark: .circumflex)
        table[0x31B] = .combining(mark: .horn)
        for value in UInt32(0)..<0x2000 where isInvisible(value) { table[Int(value)] = .drop }
        return table
    }

    /// Folds one scalar: table lookup below U+2000, computed forms above.
    @inlinable
    static func fold(_ value: UInt32) -> FoldedScalar {
        if value < 0x2000 {
            let entry = low[Int(value)]
            if !entry.isUnmapped { return entry }
        }
        return foldRare(value)
    }

    /// Compatibility forms (fullwidth, mathematical alphanumerics, enclosed letters) and generic lower-casing.
    @usableFromInline
    static func foldRare(_ value: UInt32) -> FoldedScalar {
        if isInvisible(value) { return .drop }
        switch value {
        case 0xFF21...0xFF3A: return FoldedScalar(base: value - 0xFEE0 + 0x20, upper: true, substituted: true)
        case 0xFF01...0xFF5E: return FoldedScalar(base: value - 0xFEE0, substituted: true)
        case 0x3000, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F: return FoldedScalar(base: 0x20)
        case 0x1D400...0x1D6A3:
            let offset = (value - 0x1D400) % 52
            return offset < 26
                ? FoldedScalar(base: 0x61 + offset, upper: true, substituted: true)
                : FoldedScalar(base: 0x61 + offset - 26, substituted: true)
        case 0x1D7CE...0x1D7FF: return FoldedScalar(base: 0x30 + (value - 0x1D7CE) % 10, substituted: true)
        case 0x24B6...0x24CF: return FoldedScalar(base: 0x61 + value - 0x24B6, upper: true, substituted: true)
        case 0x24D0...0x24E9: return FoldedScalar(base: 0x61 + value - 0x24D0, substituted: true)
        case 0x2460...0x2468: return FoldedScalar(base: 0x31 + value - 0x2460, substituted: true)
        case 0x24EA: return FoldedScalar(base: 0x30, substituted: true)
        case 0x1F130...0x1F149: return FoldedScalar(base: 0x61 + value - 0x1F130, upper: true, substituted: true)
        case 0x1F150...0x1F169: return FoldedScalar(base: 0x61 + value - 0x1F150, upper: true, substituted: true)
        case 0x1F170...0x1F189: return FoldedScalar(base: 0x61 + value - 0x1F170, upper: true, substituted: true)
        case 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: return .drop
        case 0x2018, 0x2019, 0x201B, 0x2032: return FoldedScalar(base: 0x27)
        case 0x201C, 0x201D, 0x201F, 0x2033: return FoldedScalar(base: 0x22)
        case 0x2010...0x2015, 0x2212: return FoldedScalar(base: 0x2D)
        case 0x2024, 0x3002, 0xFF61: return FoldedScalar(base: 0x2E)
        default: break
        }
        guard let scalar = Unicode.Scalar(value) else { return .drop }
        let properties = scalar.properties
        if properties.isUppercase, let lower = properties.lowercaseMapping.unicodeScalars.first {
            return FoldedScalar(base: lower.value, upper: true)
        }
        return FoldedScalar(base: value)
    }

    /// Precomposed scalars by base letter, mark and tone (see ``Normalizer``'s `compose`).
    @usableFromInline
    static let composition: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 128 << 6)
        for row in vietnameseRows {
            let base = Int(row.base.unicodeScalars.first!.value)
            for (index, scalar) in row.lower.unicodeScalars.enumerated() {
                table[base << 6 | Int(row.mark.rawValue) << 3 | index] = scalar.value
            }
        }
        return table
    }()
}
