import Foundation
import KiemText

/// Marks the parts of a message that made the engine decide: the phrases rules matched, the
/// words the classifier weighed most (both compared on KiemText's plain view, so "bi khoa"
/// in a message meets "bị khoá" in a rule), and link or number values found verbatim.
enum Highlighter {
    /// The text cut into segments, each `["text": ..., "mark": Bool]`, in order.
    static func segments(_ text: String, phrases: [String], values: [String]) -> [[String: Any]] {
        var marked: [Range<String.Index>] = []
        // Words of the message with their plain-view tokens.
        var words: [(range: Range<String.Index>, tokens: [Substring])] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isLetter || text[index].isNumber else { index = text.index(after: index); continue }
            var end = index
            while end < text.endIndex && (text[end].isLetter || text[end].isNumber) { end = text.index(after: end) }
            let folded = Normalizer.plainOf(String(text[index..<end]))
            words.append((index..<end, folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber })))
            index = end
        }
        let flat = words.enumerated().flatMap { word in word.element.tokens.map { (token: $0, word: word.offset) } }
        for phrase in Set(phrases) {
            let tokens = Normalizer.plainOf(phrase).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            guard !tokens.isEmpty, tokens.count <= flat.count else { continue }
            for start in 0...(flat.count - tokens.count) where flat[start].token == tokens[0] {
                guard zip(flat[start..<start + tokens.count], tokens).allSatisfy({ $0.0.token == $0.1 }) else { continue }
                marked.append(words[flat[start].word].range.lowerBound..<words[flat[start + tokens.count - 1].word].range.upperBound)
            }
        }
        for value in Set(values) where value.count >= 4 {
            var from = text.startIndex
            while let found = text.range(of: value, options: [.caseInsensitive], range: from..<text.endIndex) {
                marked.append(found)
                from = found.upperBound
            }
        }
        marked.sort { $0.lowerBound < $1.lowerBound }
        var segments: [[String: Any]] = []
        var cursor = text.startIndex
        for range in marked {
            let start = max(range.lowerBound, cursor)
            guard start < range.upperBound else { continue }
            if cursor < start { segments.append(["text": String(text[cursor..<start]), "mark": false]) }
            segments.append(["text": String(text[start..<range.upperBound]), "mark": true])
            cursor = range.upperBound
        }
        if cursor < text.endIndex { segments.append(["text": String(text[cursor...]), "mark": false]) }
        return segments
    }
}
