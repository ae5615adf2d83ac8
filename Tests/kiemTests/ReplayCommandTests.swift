import Foundation
import Testing

@Suite("kiem replay")
struct ReplayCommandTests {
    @Test("a replayed day with a scam wave at 08:00 alerts on the wave's cluster and link in that hour and skips bad lines; the store it filled opens again")
    func wave() throws {
        var lines: [String] = []
        let start = 1_767_225_600  // 2026-01-01T00:00:00Z
        let chatter = ["Toi nay an com nha nhe me", "Mai hop luc 9h o phong 302 nhe moi nguoi", "Con da ve toi noi, me yen tam",
                       "Cuoi tuan nay di da bong khong anh em", "Nho mua sua cho be tren duong ve nha nhe"]
        for hour in 0..<10 {
            for minute in stride(from: 0, to: 60, by: 12) {
                lines.append(#"{"time": \#(start + hour * 3600 + minute * 60), "text": "\#(chatter[(hour + minute) % chatter.count])", "source": "sms"}"#)
            }
            if hour == 8 {
                for index in 0..<40 {
                    let text = "Chuc mung thue bao \(index) trung thuong xe SH tu chuong trinh tri an, nhan giai tai https://tritan-vcb.top truoc 24h"
                    lines.append(#"{"id": "wave-\#(index)", "time": \#(start + hour * 3600 + 1200 + index * 30), "text": "\#(text)"}"#)
                }
            }
        }
        lines.append("not json")
        lines.append(#"{"text": "no time"}"#)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiem-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("kiem.sqlite").path
        let output = try KiemProcess.run(["replay", "--db", db, try KiemProcess.file(Array(lines.joined(separator: "\n").utf8), name: "stream.jsonl").path])
        #expect(output.status == 0)
        let alerts = try output.lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let keys = alerts.compactMap { $0["key"] as? String }
        #expect(keys.contains { $0.hasPrefix("cluster:") })
        #expect(keys.contains("domain:tritan-vcb.top"))
        #expect(alerts.allSatisfy { ($0["bucket_start"] as? Int) == start + 8 * 3600 }, "every alert in the wave's hour: \(alerts)")
        #expect(output.stderr.contains("90 items replayed, 2 lines skipped"))
        #expect(output.stderr.contains("40 messages"))
        let stored = try KiemProcess.run(["check", "--db", db, "--jsonl", try KiemProcess.file(Array(#"{"text": "x"}"#.utf8)).path])
        #expect(stored.status == 0, "the replayed store opens again")
    }
}
