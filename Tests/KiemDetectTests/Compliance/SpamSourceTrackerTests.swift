import KiemDetect
import Testing

@Suite("Spam sources")
struct SpamSourceTrackerTests {
    func record(_ sender: String, _ recipient: Int, minute: Int, text: String) -> SendingRecord {
        SendingRecord(idJSON: Array("\"x\"".utf8), channel: .sms, sender: sender, recipient: "+8491\(1_000_000 + recipient)",
                      sentAt: 1_790_000_000_000 + Int64(minute) * 60_000, text: Array(text.utf8))
    }

    @Test("one number sending one scam text to many is flagged, with the evidence; a friend texting a few is not")
    func flagged() {
        let thresholds = ComplianceConfig.standard.spamSources
        var first = SpamSourceTracker(thresholds: thresholds)
        var second = SpamSourceTracker(thresholds: thresholds)
        for index in 0..<60 {
            let text = "Tai khoan \(1000 + index) cua ban bi khoa, truy cap https://vcb-xacminh.top de mo khoa"
            if index % 2 == 0 { first.observe(record("+84901000001", index, minute: index / 2, text: text)) }
            else { second.observe(record("+84901000001", index, minute: index / 2, text: text)) }
        }
        for index in 0..<5 { first.observe(record("+84902000002", index, minute: index, text: "Toi nay an com nha nhe")) }
        for _ in 0..<3 { first.addReport(source: "+84903000003") }
        first.merge(second)
        let sources = first.sources()
        #expect(sources.map(\.sender) == ["+84901000001", "+84903000003"])
        let scam = sources[0]
        #expect(scam.peakRecipients == 60)
        #expect(scam.sameTextRecipients == 60)
        #expect(scam.reasons.count == 2)
        #expect(scam.sampleText.contains("vcb-xacminh.top"))
        #expect(sources[1].reports == 3)
    }

    @Test("5656 reports name their source however the number is written")
    func reports() {
        let (sources, rejected) = SpamSourceTracker.parseReports("S 0901 000 001 Trung thuong iPhone\nV +84901000001 goi mao danh cong an\nhello\n\n")
        #expect(sources == ["+84901000001", "+84901000001"])
        #expect(rejected == 1)
    }
}
