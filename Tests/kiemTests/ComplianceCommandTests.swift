import Foundation
import Testing

@Suite("kiem compliance")
struct ComplianceCommandTests {
    struct Found: Hashable { var id: String; var rule: String }

    /// Planted traffic from `kiem traffic`, with its lists and the violations it holds.
    func planted(rounds: Int, seed: Int = 91) throws -> (records: URL, lists: URL, expected: Set<Found>) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiem-compliance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let expected = folder.appendingPathComponent("expected.jsonl")
        let output = try KiemProcess.run(["traffic", "--planted", String(rounds), "--seed", String(seed), "--expected", expected.path, "--lists", folder.path])
        try #require(output.status == 0, "\(output.stderr)")
        let records = folder.appendingPathComponent("records.jsonl")
        try output.stdout.write(to: records)
        return (records, folder, try found(in: try Data(contentsOf: expected)))
    }

    func found(in data: Data) throws -> Set<Found> {
        var result: Set<Found> = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard let id = object["record_id"] as? String, let rule = object["rule"] as? String else { continue }
            result.insert(Found(id: id, rule: rule))
        }
        return result
    }

    func check(_ records: URL, lists: URL, extra: [String] = []) throws -> KiemProcess.Output {
        try KiemProcess.run(["compliance", "--records", records.path, "--dnc", lists.appendingPathComponent("dnc.txt").path,
                             "--brandnames", lists.appendingPathComponent("brandnames.txt").path] + extra)
    }

    @Test("every planted violation is found at its boundary, and no record is wrongly flagged")
    func planted() throws {
        let (records, lists, expected) = try planted(rounds: 40)
        #expect(expected.count > 900)
        #expect(Set(expected.map(\.rule)) == ["hours", "frequency", "label", "opt_out", "dnc", "brandname", "consent"])
        let output = try check(records, lists: lists)
        #expect(output.status == 0)
        let got = try found(in: output.stdout)
        #expect(got.subtracting(expected).isEmpty, "wrongly flagged: \(got.subtracting(expected).prefix(10))")
        #expect(expected.subtracting(got).isEmpty, "missed: \(expected.subtracting(got).prefix(10))")
        #expect(output.stderr.contains("records"))
        // Every violation line cites an article of the decree and explains itself.
        for line in output.lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect((object["article"] as? String)?.contains("91/2020") == true)
            #expect(((object["detail"] as? String)?.count ?? 0) > 20)
        }
    }

    @Test("spilling the frequency ledger to disk and using one or two threads give the same answers")
    func boundedMemoryPaths() throws {
        let (records, lists, expected) = try planted(rounds: 25, seed: 7)
        for extra in [["--threads", "1"], ["--threads", "2", "--sort-buffer", "37"], ["--threads", "3", "--sort-buffer", "1"]] {
            let output = try check(records, lists: lists, extra: extra)
            #expect(output.status == 0)
            #expect(try found(in: output.stdout) == expected, "\(extra)")
        }
    }

    @Test("bad lines get an error line with their line number and the run goes on")
    func badLines() throws {
        var bytes = Array(#"{"id": "ok1", "channel": "sms", "sender": "SHOPEE", "recipient": "0912345678", "sent_at": "2026-11-20T23:00:00+07:00", "text": "[QC] Giam gia. Tu choi soan TC gui 9123"}"#.utf8) + [0x0A]
        bytes += Array("{not json\n".utf8)
        bytes += Array(#"{"id": "bad-utf8", "channel": "sms", "sender": "X", "recipient": "0912345678", "sent_at": "2026-11-20T10:00:00Z", "text": ""#.utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8)
        bytes += Array(#"{"id": "no-offset", "channel": "sms", "sender": "X", "recipient": "0912345678", "sent_at": "2026-11-20T10:00:00", "text": "x"}"#.utf8) + [0x0A]
        bytes += [0x0A]
        bytes += Array("{\"id\": \"huge\", \"text\": \"".utf8) + Array(repeating: UInt8(ascii: "a"), count: 3 << 20) + Array("\"}\n".utf8)
        bytes += Array(#"{"id": "ok2", "channel": "call", "sender": "SHOPEE", "recipient": "0912345678", "sent_at": "2026-11-20T18:00:00+07:00"}"#.utf8) + [0x0A]
        let output = try KiemProcess.run(["compliance", "--records", try KiemProcess.file(bytes).path])
        #expect(output.status == 0)
        let objects = try output.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let errors = objects.filter { $0["error"] != nil }
        #expect(errors.map { $0["line"] as? Int } == [2, 3, 4, 6])
        #expect(errors.map { $0["record_id"] as? String } == [nil, "bad-utf8", "no-offset", nil])
        #expect((errors[2]["error"] as? String)?.contains("offset") == true)
        let violations = Set(objects.compactMap { object in (object["record_id"] as? String).flatMap { id in (object["rule"] as? String).map { id + "/" + $0 } } })
        #expect(violations == ["ok1/hours", "ok2/hours"])
        #expect(output.stderr.contains("4 unreadable lines"))
    }

    @Test("a CSV and an HTML report per sender; spam sources are named with their evidence")
    func reports() throws {
        let (records, lists, _) = try planted(rounds: 10)
        var traffic = try Data(contentsOf: records)
        for index in 0..<40 {
            let line = #"{"id": "s\#(index)", "channel": "sms", "sender": "0901 234 567", "recipient": "09\#(10_000_000 + index)", "sent_at": "2026-11-20T10:\#(String(10 + index % 50))\#(":00")+07:00", "text": "Chuc mung ban trung thuong iPhone 16, nhan qua tai https://qua-tang.top ma \#(index)", "advertising": false}"#
            traffic.append(contentsOf: Array((line + "\n").utf8))
        }
        let withSpam = try KiemProcess.file(Array(traffic))
        let reports = try KiemProcess.file(Array("S 0901234567 trung thuong\nS 0901234567 lua dao\nS +84901234567 qua tang\n".utf8), name: "reports.txt")
        let html = lists.appendingPathComponent("report.html")
        let output = try check(withSpam, lists: lists, extra: ["--reports", reports.path, "--report", html.path])
        #expect(output.status == 0)
        let spam = output.lines.filter { $0.contains("\"spam_source\"") }
        try #require(spam.count == 1)
        #expect(spam[0].contains("+84901234567"))
        #expect(spam[0].contains("reported by users 3 times"))
        #expect(spam[0].contains("40 recipients"))
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("<table"))
        #expect(page.contains("KHUYENMAI24H"))
        #expect(page.contains("+84901234567"))
        let csv = lists.appendingPathComponent("report.csv")
        #expect(try check(records, lists: lists, extra: ["--report", csv.path]).status == 0)
        let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "sender,records,advertising,records_in_breach,hours,frequency,label,opt_out,dnc,brandname,consent")
        #expect(rows.contains { $0.hasPrefix("KHUYENMAI24H,") })
    }
}
