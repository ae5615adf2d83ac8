import Foundation

/// The tricks scammers use to slip past filters, applied to messages to test a model's robustness:
/// accents removed, zero-width characters inside words, Cyrillic look-alike letters, letters
/// spaced out with dots, and leetspeak. Deterministic: the same input gives the same output.
public enum Obfuscation: String, CaseIterable, Sendable {
    case accentsRemoved = "accents removed"
    case zeroWidth = "zero-width characters"
    case cyrillic = "Cyrillic look-alikes"
    case spacedLetters = "spaced letters"
    case leetspeak = "leetspeak"

    /// The message with this obfuscation applied.
    public func apply(_ text: String) -> String {
        switch self {
        case .accentsRemoved:
            let stroked = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            return String(String.UnicodeScalarView(stroked.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }))
        case .zeroWidth:
            return Self.mapWords(text, every: 2) { word in word.map(String.init).joined(separator: "\u{200B}") }
        case .cyrillic:
            let table: [Character: Character] = ["a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "y": "у"]
            return String(text.map { table[$0] ?? $0 })
        case .spacedLetters:
            return Self.mapWords(text, every: 3) { word in word.map(String.init).joined(separator: ".") }
        case .leetspeak:
            let table: [Character: Character] = ["o": "0", "a": "4", "e": "3", "i": "1"]
            return Self.mapWords(text, every: 2) { word in String(word.map { table[$0] ?? $0 }) }
        }
    }

    /// Applies `transform` to about one word in `every` that has at least three letters.
    static func mapWords(_ text: String, every: Int, _ transform: (String) -> String) -> String {
        var state: UInt64 = 0x2026_1123
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let pick = Int((state >> 33) % UInt64(every)) == 0
            return pick && word.filter(\.isLetter).count >= 3 ? transform(String(word)) : String(word)
        }.joined(separator: " ")
    }
}
