import Foundation
import Testing
@testable import KiemText

/// The byte-level path for ASCII text, with or without precomposed Vietnamese letters, must give
/// exactly what the general path gives.
@Suite("Normalizer's byte-level path")
struct ByteLevelPathTests {
    let fast = Normalizer()
    let general = Normalizer(byteLevelPath: false)

    /// Both normalizers on the same bytes: every view, the statistics, sentence starts and words.
    func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let a = fast.normalize(text)
        let b = general.normalize(text)
        #expect(a == b, "\(text.debugDescription): \(a.plainString.debugDescription) vs \(b.plainString.debugDescription)",
                sourceLocation: sourceLocation)
    }

    /// Whether the byte-level path handles `text` itself rather than handing it on.
    func takesByteLevelPath(_ text: String) -> Bool {
        var stats = NormalizationStats()
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { fast.normalizeBytes(UnsafeBufferPointer($0), stats: &stats) }
    }

    @Test("ordinary SMS take the byte-level path and read as before")
    func ordinaryMessages() {
        let messages = [
            "Vietcombank: tai khoan cua quy khach bi tam khoa. Vui long xac minh tai https://vietcombank-xacminh.top truoc 17h",
            "Your OTP is 482913. Do not share it with anyone.",
            "ko dc ck vao stk nay, ib mk sdt de nhan 500k",
            "WINNER!! As a valued network customer you have been selected to receive a £900 prize reward!",
            "Goi ngay 0912 345 678 de vay 50tr lai suat 0%\nHotline: +84 912345678; ok?",
            "HELLOOO sooo goood, l0an v1p 1ua dao h0 k0",
            "chi 500 k thoi. k",
        ]
        for message in messages {
            expectSame(message)
        }
        #expect(takesByteLevelPath(messages[0]))
        #expect(takesByteLevelPath(messages[2]))
        #expect(takesByteLevelPath(messages[4]))
        #expect(takesByteLevelPath(messages[5]))
        #expect(fast.normalize(messages[2]).accentedString == "không được chuyển khoản vao số tài khoản nay nhắn tin mật khẩu số điện thoại de nhan 500k")
        #expect(fast.normalize(messages[5]).plainString == "hello so god loan vip lua dao ho khong")
        #expect(fast.normalize("Goi ngay. Hom nay!Mai\nnua").sentenceStarts == general.normalize("Goi ngay. Hom nay!Mai\nnua").sentenceStarts)
    }

    @Test("the shapes it hands to the general path come out the same")
    func handedOn() {
        let shapes = [
            "da du d!eu k!en nhan tien", "lien he t@i day", "$ale 50% Te|egram", "l u a d a o ngay", "l.u.a d.a.o",
            "a\u{0}b c", "abc@gmail.com", "x y z", "Txt!Free now", "A!B", "a!!b", "5$ 5@ 5| x@ @x",
            "Đ!ều k!ện", "đ!eu", "t@ì", "$ài", "l ừ a đ ả o", "l.ừ.a", "hùy", "khuyến mãi… “ok” – £5", "ü", "lừa\u{200B}đảo",
            "lu\u{0300}a", "Ǹ", "ḿ", "ẞ", "x\u{1EF9}\u{1EFA}",
        ]
        for shape in shapes { expectSame(shape) }
        #expect(!takesByteLevelPath("da du d!eu k!en"))
        #expect(!takesByteLevelPath("l u a d a o"))
        #expect(!takesByteLevelPath("a\u{0}b"))
        #expect(takesByteLevelPath("Txt!Free x!"))
        // A tone that moves to a letter of another length, a character that is not a Vietnamese
        // letter or a kept symbol (curly quotes fold to ASCII), decomposed marks, spaced letters, "!" or "@" next to a letter beyond ASCII.
        for shape in ["hùy", "khuyến mãi “ok”", "ü", "lu\u{0300}a", "l ừ a", "Đ!ều", "t@ì"] { #expect(!takesByteLevelPath(shape), "\(shape)") }
    }

    @Test("Vietnamese with precomposed letters takes the byte-level path and reads as the general path")
    func vietnamese() {
        let messages = [
            "Tài khoản của bạn đã bị khóa. Vui lòng xác minh tại https://vcb-xacminh.top trước 17h",
            "TÀI KHOẢN CỦA QUÝ KHÁCH ĐÃ ĐƯỢC CỘNG 5.000.000đ",
            "Hoà thuý khoẻ hủy ma túy, quà tặng",
            "đc ĐC đk ko ck 5tr cho stk nhé",
            "1ừa đảo v1p đẹppp điiii Ơi ưu Ư",
            "Xin chào!\nBạn khỏe không? Tôi ổn; cảm ơn.",
            "Giá £5… chỉ hôm nay… Xin chào\u{A0}bạn 😀 30° ©2025 ok…",
            "WINNER!! You have won a £900 prize… call now",
        ]
        for message in messages {
            expectSame(message)
            #expect(takesByteLevelPath(message), "\(message)")
        }
        // Tones are placed as the general path places them (oa, oe, uy: on the second vowel), in every view.
        let placed = fast.normalize("Hòa THÚY hủy đc")
        #expect(takesByteLevelPath("Hòa THÚY hủy đc"))
        #expect(placed.accentedString == "hoà thuý huỷ được")
        #expect(placed.plainString == "hoa thuy huy duoc")
        #expect(placed.foldedString == "hoà thuý huỷ đc")
    }

    @Test("random ASCII text: the same views, statistics and sentences on both paths")
    func randomText() {
        // Pieces that exercise every rule: teencode, leetspeak, repeats, numbers, punctuation, controls.
        let pieces = ["ko", "k", "dc", "ck", "stk", "mk", "ib", "sdt", "l0an", "v1p", "1ua", "h0", "k0", "500", "500k", "aaa",
                      "Heyyy", "ZZZ", "111", "a", "b", "x", " ", "  ", ".", ". ", "!", "?", ";", ",", "\n", "\t", "\r\n", "@",
                      "$", "|", "!", "-", "_", "/", "http://", "www.", ".com", "OTP", "Vietcombank", "4", "3", "7", "5",
                      "0", "1", "2", "9", "e", "o", "'", "*", "\u{7F}", "\u{1}", "(", ")", "[", "]"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var handled = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<(next() % 24) { text += pieces[next() % pieces.count] }
            expectSame(text)
            if takesByteLevelPath(text) { handled += 1 }
        }
        // Most random texts have a shape the byte path hands on; enough of them are its own.
        #expect(handled > 2_000)
    }

    @Test("random Vietnamese text: the same views, statistics and sentences on both paths")
    func randomVietnamese() {
        let pieces = ["tài", "khoản", "Của", "BẠN", "đã", "Đ", "đc", "đk", "hoà", "thuý", "khoẻ", "hủy", "hùy", "quả", "gì", "giữ",
                      "ươ", "ừ", "ừừừ", "ĐĐĐ", "1ừa", "l0an", "5tr", "500k", "k", "ko", "a", "ă", "ê", " ", "  ", ".", ". ", "!",
                      "?", ";", ",", "\n", "@", "$", "|", "-", "0", "1", "3", "4", "x", "quý", "QUÝ", "huyễn", "ÝÝ", "ỹ", "Ỹ",
                      "à", "À", "ơi", "Ơ", "ư", "Ư", "ĩ", "Ĩ", "ũ", "Ũ", "ạ", "Ạ", "…", "“", "”", "–", "£", "\u{A0}", "\u{0301}",
                      "😀", "°", "©", "µ", "ª", "… ", "\u{2009}", "\u{1F130}", "¼", "²", "€"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var handled = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<(next() % 16) { text += pieces[next() % pieces.count] }
            expectSame(text)
            if takesByteLevelPath(text) && text.utf8.contains(where: { $0 >= 0x80 }) { handled += 1 }
        }
        #expect(handled > 2_000)
    }

    @Test("every SMS and comment of the shared dev sets reads the same on both paths")
    func sharedData() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
        guard FileManager.default.fileExists(atPath: root.path) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("../shared/data is missing, and CI=true") }
            return
        }
        var handled = 0
        var vietnamese = 0
        var total = 0
        for set in ["sms-spam-uci", "vi-smishing-ie403", "vihsd", "vispamreviews", "vlsp2019-hsd"] {
            let data = try Data(contentsOf: root.appendingPathComponent("\(set)/dev.jsonl"))
            for line in data.split(separator: 0x0A) {
                let row = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
                let text = row["text"] as! String
                expectSame(text)
                total += 1
                if takesByteLevelPath(text) {
                    handled += 1
                    if text.utf8.contains(where: { $0 >= 0x80 }) { vietnamese += 1 }
                }
            }
        }
        #expect(total > 7_000)
        #expect(handled * 2 > total)
        #expect(vietnamese * 2 > total / 4, "\(vietnamese) texts with Vietnamese letters took the byte-level path")
    }
}
