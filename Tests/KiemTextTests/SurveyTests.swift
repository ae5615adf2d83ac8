import Testing
@testable import KiemText

/// The one pass that decides which entity extractors run on a message: a link, number or
/// defanged form it misses would be lost from the verdict.
@Suite("Entity survey")
struct SurveyTests {
    /// Texts made of the pieces the survey looks at, in random order: letters around `h` and
    /// `x`, brackets, dots, `d`, `:`, `/`, digits, hyphens, spaces and a Vietnamese letter.
    static func randomTexts(count: Int) -> [[UInt8]] {
        let pieces = ["h", "x", "hxxp", "hxxps", "[", "(", "{", "]", ")", ".", "[.]", "(dot)", "{.}", "[:]", "[/]", "d", ":",
                      "/", "a", "e", "t", "0", "9", "-", " ", "ư", "vcb", "com", "\n"].map { Array($0.utf8) }
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            var text: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text += pieces.randomElement(using: &generator)! }
            return text
        }
    }

    @Test("every text that refanging would change is surveyed as defanged, and only texts that start a defanged form")
    func defanged() {
        var flagged = 0
        for text in Self.randomTexts(count: 30_000) {
            let survey = EntityExtractor.survey(text)
            if Refang.refang(text) != text { #expect(survey.defanged, "missed: \(String(decoding: text, as: UTF8.self))") }
            // The rule, byte by byte: `hxx`, or an opening bracket before `.`, `d`, `:` or `/`.
            var starts = false
            for index in text.indices {
                if index + 2 < text.count, text[index] == 0x68, text[index + 1] == 0x78, text[index + 2] == 0x78 { starts = true }
                if index + 1 < text.count, [0x5B, 0x28, 0x7B].contains(text[index]), [0x2E, 0x64, 0x3A, 0x2F].contains(text[index + 1]) {
                    starts = true
                }
            }
            #expect(survey.defanged == starts, "\(String(decoding: text, as: UTF8.self))")
            if survey.defanged { flagged += 1 }
        }
        // Both answers occur often enough for the comparison to mean something.
        #expect(flagged > 3_000 && flagged < 27_000)
    }

    @Test("digits and dots between labels are seen; a dot that ends a sentence is not a domain")
    func digitsAndDots() {
        #expect(EntityExtractor.survey(Array("goi 0912".utf8)).digit)
        #expect(!EntityExtractor.survey(Array("khong so".utf8)).digit)
        #expect(EntityExtractor.survey(Array("vao vcb-xacminh.top ngay".utf8)).domainDot)
        #expect(!EntityExtractor.survey(Array("het. roi .".utf8)).domainDot)
    }
}
