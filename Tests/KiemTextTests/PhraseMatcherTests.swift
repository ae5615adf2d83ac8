import Testing
import KiemText

@Suite("Phrase matcher")
struct PhraseMatcherTests {
    func matches(_ phrases: [String], in text: String) -> [String] {
        let matcher = PhraseMatcher(phrases: phrases.map { Array($0.utf8) })
        var found: [String] = []
        matcher.forEachMatch(in: Array(text.utf8)) { id, start in found.append("\(phrases[id])@\(start)") }
        return found
    }

    @Test("whole words and multi-word phrases, overlapping ones included, in text order")
    func wholeWords() {
        #expect(matches(["tai khoan", "khoan", "tai"], in: "so tai khoan bi khoa") == ["tai@3", "tai khoan@3", "khoan@7"]
            || matches(["tai khoan", "khoan", "tai"], in: "so tai khoan bi khoa") == ["tai khoan@3", "tai@3", "khoan@7"])
        #expect(matches(["khoa"], in: "khoan khoa") == ["khoa@6"])
        #expect(matches(["an"], in: "ban an ngan") == ["an@4"])
    }

    @Test("phrases at the edges and repeated")
    func edges() {
        #expect(matches(["otp"], in: "otp la otp") == ["otp@0", "otp@7"])
        #expect(matches(["la otp"], in: "ma la otp") == ["la otp@3"])
        #expect(matches(["dai hon van ban"], in: "dai hon").isEmpty)
    }

    @Test("an empty matcher or text finds nothing")
    func empty() {
        #expect(matches([], in: "abc").isEmpty)
        #expect(matches(["abc"], in: "").isEmpty)
        #expect(matches([""], in: "abc").isEmpty)
    }
}
