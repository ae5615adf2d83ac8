import Foundation
import Testing
@testable import KiemText

/// The byte-level path for plain ASCII text must give exactly what the general path gives.
@Suite("Normalizer's ASCII path")
struct ASCIIPathTests {
    let fast = Normalizer()
    let general = Normalizer(asciiPath: false)

    /// Both normalizers on the same bytes: every view, the statistics, sentence starts and words.
    func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let a = fast.normalize(text)
        let b = general.normalize(text)
        #expect(a == b, "\(text.debugDescription): \(a.plainString.debugDescription) vs \(b.plainString.debugDescription)",
                sourceLocation: sourceLocation)
    }

    /// Whether the byte-level path handles `text` itself rather than handing it on.
    func takesASCIIPath(_ text: String) -> Bool {
        var stats = NormalizationStats()
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { fast.normalizeASCII(UnsafeBufferPointer($0), stats: &stats) }
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
        #expect(takesASCIIPath(messages[0]))
        #expect(takesASCIIPath(messages[2]))
        #expect(takesASCIIPath(messages[4]))
        #expect(takesASCIIPath(messages[5]))
        #expect(fast.normalize(messages[2]).accentedString == "không được chuyển khoản vao số tài khoản nay nhắn tin mật khẩu số điện thoại de nhan 500k")
        #expect(fast.normalize(messages[5]).plainString == "hello so god loan vip lua dao ho khong")
        #expect(fast.normalize("Goi ngay. Hom nay!Mai\nnua").sentenceStarts == general.normalize("Goi ngay. Hom nay!Mai\nnua").sentenceStarts)
    }

    @Test("the shapes it hands to the general path come out the same")
    func handedOn() {
        let shapes = [
            "da du d!eu k!en nhan tien", "lien he t@i day", "$ale 50% Te|egram", "l u a d a o ngay", "l.u.a d.a.o",
            "a\u{0}b c", "khuyến mãi", "abc@gmail.com", "x y z", "Txt!Free now", "A!B", "a!!b", "5$ 5@ 5| x@ @x",
        ]
        for shape in shapes { expectSame(shape) }
        #expect(!takesASCIIPath("da du d!eu k!en"))
        #expect(!takesASCIIPath("l u a d a o"))
        #expect(!takesASCIIPath("a\u{0}b"))
        #expect(!takesASCIIPath("khuyến mãi"))
        #expect(takesASCIIPath("Txt!Free x!"))
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
            if takesASCIIPath(text) { handled += 1 }
        }
        // Most random texts have a shape the byte path hands on; enough of them are its own.
        #expect(handled > 2_000)
    }

    @Test("every SMS of the shared dev sets reads the same on both paths")
    func sharedData() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
        guard FileManager.default.fileExists(atPath: root.path) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("../shared/data is missing, and CI=true") }
            return
        }
        var handled = 0
        var total = 0
        for set in ["sms-spam-uci", "vi-smishing-ie403"] {
            let data = try Data(contentsOf: root.appendingPathComponent("\(set)/dev.jsonl"))
            for line in data.split(separator: 0x0A) {
                let row = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
                let text = row["text"] as! String
                expectSame(text)
                total += 1
                if takesASCIIPath(text) { handled += 1 }
            }
        }
        #expect(total > 800)
        #expect(handled * 2 > total)
    }
}
