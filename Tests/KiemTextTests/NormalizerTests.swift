import Testing
import KiemText

@Suite("Normalizer")
struct NormalizerTests {
    let normalizer = Normalizer()

    @Test("accented and unaccented Vietnamese give the same plain view")
    func accentFolding() {
        let accented = normalizer.normalize("Tài khoản của bạn đã bị KHÓA")
        let bare = normalizer.normalize("Tai khoan cua ban da bi khoa")
        #expect(accented.plainString == "tai khoan cua ban da bi khoa")
        #expect(bare.plainString == accented.plainString)
        #expect(accented.accentedString == "tài khoản của bạn đã bị khoá")
    }

    @Test("decomposed input is composed, and both tone placements agree")
    func nfcAndTonePlacement() {
        let decomposed = normalizer.normalize("ho\u{0300}a thu\u{0301}y")
        let oldStyle = normalizer.normalize("hòa thúy")
        let newStyle = normalizer.normalize("hoà thuý")
        #expect(decomposed.accentedString == "hoà thuý")
        #expect(oldStyle.accentedString == "hoà thuý")
        #expect(newStyle.accentedString == "hoà thuý")
        #expect(normalizer.normalize("khỏe người của hoàn").accentedString == "khoẻ người của hoàn")
    }

    @Test("zero-width characters and bidi controls disappear")
    func invisibles() {
        let text = normalizer.normalize("lừ\u{200B}a đ\u{200D}ảo\u{FEFF} ngay")
        #expect(text.accentedString == "lừa đảo ngay")
        #expect(text.stats.invisible == 3)
    }

    @Test("fullwidth, mathematical bold and Cyrillic look-alikes fold to Latin")
    func compatibilityAndConfusables() {
        #expect(normalizer.normalize("ＶＩＥＴＣＯＭＢＡＮＫ").plainString == "vietcombank")
        #expect(normalizer.normalize("𝐯𝐢𝐞𝐭𝐜𝐨𝐦𝐛𝐚𝐧𝐤").plainString == "vietcombank")
        let cyrillic = normalizer.normalize("vіеtсоmbаnk")  // і е с о а are Cyrillic
        #expect(cyrillic.plainString == "vietcombank")
        #expect(cyrillic.stats.substituted == 5)
    }

    @Test("teencode and abbreviations expand, k after a number stays")
    func teencode() {
        #expect(normalizer.normalize("ko dc ck vao stk nay").accentedString == "không được chuyển khoản vao số tài khoản nay")
        #expect(normalizer.normalize("gui mk va sdt qua ib").plainString == "gui mat khau va so dien thoai qua nhan tin")
        #expect(normalizer.normalize("chỉ 500 k").accentedString == "chỉ 500 k")
    }

    @Test("leetspeak is undone in words but not in amounts")
    func leetspeak() {
        let text = normalizer.normalize("v4y l0an 500k nhanh, c0ng an goi")
        #expect(text.plainString == "vay loan 500k nhanh cong an goi")
        #expect(text.foldedString.contains("l0an"))
        #expect(normalizer.normalize("da du d!eu k!en nhan tien h0 tro, Te|egram").plainString == "da du dieu kien nhan tien ho tro telegram")
        #expect(normalizer.normalize("mua 4g va 5g").plainString == "mua 4g va 5g")
    }

    @Test("spaced and dotted letters are rejoined into words")
    func rejoin() {
        #expect(normalizer.normalize("đây là l.ừ.a đ.ả.o nhé").accentedString == "đây là lừa đảo nhé")
        #expect(normalizer.normalize("l u a d a o").plainString == "lua dao")
        #expect(normalizer.normalize("c h u y e n k h o a n ngay").plainString == "chuyen khoan ngay")
    }

    @Test("repeated letters are squeezed")
    func squeeze() {
        #expect(normalizer.normalize("nhanhhhh lênnnn điiii").accentedString == "nhanh lên đi")
    }

    @Test("invalid UTF-8 is replaced and counted, never fatal")
    func invalidBytes() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xE1, 0xBA, 0x63, 0xED, 0xA0, 0x80]
        let text = bytes.withUnsafeBufferPointer { normalizer.normalize(bytes: $0) }
        #expect(text.stats.invalidBytes > 0)
        #expect(text.foldedString.hasPrefix("a\u{FFFD}b"))
    }

    @Test("a text kept while the normalizer makes the next ones is unchanged (its arrays are reused only once dropped)")
    func keptTextsStay() {
        let inputs = ["Tài khoản của bạn đã bị KHÓA", "ck 500k vao stk 0071000123456", "", "Hello   world!!", "xin chào các bạn nhé"]
        let fresh = inputs.map { Normalizer().normalize($0) }
        var kept: [NormalizedText] = []
        for round in 0..<3 {
            for (index, input) in inputs.enumerated() {
                let text = normalizer.normalize(input)
                #expect(text == fresh[index])
                #expect(text.plainWords == WordSpan.split(text.plain))
                if round == 0 { kept.append(text) }
            }
        }
        #expect(kept == fresh)
    }
}
