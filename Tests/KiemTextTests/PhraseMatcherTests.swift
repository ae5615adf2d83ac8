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

    @Test("a normalized text is matched on its plain view's words, each hashed once")
    func normalizedText() {
        let text = Normalizer().normalize("Quý khách vui lòng cung cấp mã OTP, ko chia sẻ cho ai!")
        let plain = String(decoding: text.plain, as: UTF8.self)
        #expect(text.plainWords.map { String(decoding: text.plain[Int($0.start)..<Int($0.end)], as: UTF8.self) }
                == plain.split(separator: " ").map(String.init))
        let phrases = ["cung cap", "ma otp", "khong chia se", "otp"]
        let matcher = PhraseMatcher(phrases: phrases.map { Array($0.utf8) })
        var fromText: [String] = []
        matcher.forEachMatch(in: text) { id, start in fromText.append("\(phrases[id])@\(start)") }
        #expect(fromText == matches(phrases, in: plain))
        #expect(Set(fromText.map { String($0.prefix { $0 != "@" }) }) == Set(phrases))
    }

    @Test("with thousands of phrases, every one is still found (the first-word filter drops no match)")
    func manyPhrases() {
        let phrases = (0..<3_000).map { "tu\($0) ngu\($0 % 7)" }
        let matcher = PhraseMatcher(phrases: phrases.map { Array($0.utf8) })
        let text = Array(phrases.joined(separator: " x ").utf8)
        var found = Set<Int>()
        matcher.forEachMatch(in: text) { id, _ in found.insert(id) }
        #expect(found.count == phrases.count)
        var none = 0
        matcher.forEachMatch(in: Array("tu3000 ngu1 tu ngu0".utf8)) { _, _ in none += 1 }
        #expect(none == 0)
    }
}
