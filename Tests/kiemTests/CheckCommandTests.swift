import Foundation
import Testing

@Suite("kiem check")
struct CheckCommandTests {
    func object(_ line: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    }

    @Test("a batch answers line for line, in order, in the contract's shape")
    func batch() throws {
        let input = """
            {"id": "1", "text": "Vietcombank: tai khoan bi khoa, xac minh tai https://vietcombank-xacminh.top", "source": "sms"}
            {"id": 2, "text": "Mai em qua lấy đồ nhé", "unknown": [1, {"x": null}]}
            {"text": "Nhà cái uy tín, nạp lần đầu tặng 100%"}

            """
        let output = try KiemProcess.run(["check", "--jsonl", try KiemProcess.file(Array(input.utf8)).path])
        #expect(output.status == 0)
        let lines = output.lines
        try #require(lines.count == 3)
        let first = try object(lines[0])
        #expect(first["id"] as? String == "1")
        #expect(first["action"] as? String == "block")
        #expect(["scam", "phishing"].contains(first["top"] as? String))
        let labels = try #require(first["labels"] as? [String: Double])
        #expect(Set(labels.keys).isSuperset(of: ["scam", "phishing", "malware", "spam", "gambling", "sexual", "violence", "harassment"]))
        #expect((first["signals"] as? [[String: Any]])?.contains { $0["name"] as? String == "lookalike_domain" } == true)
        #expect(first["matches"] is [Any])
        let second = try object(lines[1])
        #expect(second["id"] as? Int == 2)
        #expect(second["top"] as? String == "clean")
        let third = try object(lines[2])
        #expect(third["id"] is NSNull)
        #expect(third["top"] as? String == "gambling")
    }

    @Test("bad lines get an error line of their own and the run goes on")
    func badInput() throws {
        var bytes: [UInt8] = []
        bytes += Array(#"{"id": "a", "text": "ok"}"#.utf8) + [0x0A]
        bytes += Array("this is not json".utf8) + [0x0A]
        bytes += Array(#"{"id": "b"}"#.utf8) + [0x0A]
        bytes += [0x0A]
        bytes += Array(#"{"id": "c", "text": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8) + [0x0A]
        bytes += Array(#"{"id": "d", "text": ""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 10 << 20) + Array(#""}"#.utf8) + [0x0A]
        bytes += Array(#"{"id": "e", "text": "still here"}"#.utf8) + [0x0A]
        let output = try KiemProcess.run(["check", "--jsonl", "-"], inputFile: try KiemProcess.file(bytes))
        #expect(output.status == 0)
        let lines = try output.lines.map(object)
        try #require(lines.count == 7)
        #expect(lines[0]["top"] != nil && lines[0]["error"] == nil)
        #expect((lines[1]["error"] as? String)?.contains("not a JSON object") == true)
        #expect(lines[2]["id"] as? String == "b" && (lines[2]["error"] as? String)?.contains("missing `text`") == true)
        #expect((lines[3]["error"] as? String)?.contains("empty line") == true)
        #expect((lines[4]["error"] as? String)?.contains("UTF-8") == true)
        #expect((lines[5]["error"] as? String)?.contains("over the limit") == true)
        #expect(lines[6]["id"] as? String == "e" && lines[6]["top"] as? String == "clean")
    }

    @Test("--threads gives the same lines in the same order as one thread")
    func threads() throws {
        var lines: [String] = []
        for index in 0..<3000 {
            switch index % 5 {
            case 0: lines.append(#"{"id": \#(index), "text": "Vietcombank: tai khoan bi khoa, xac minh tai vcb-xacminh.top"}"#)
            case 1: lines.append(#"{"id": \#(index), "text": "Mai em qua lấy đồ nhé"}"#)
            case 2: lines.append("broken \(index)")
            case 3: lines.append(#"{"id": \#(index)}"#)
            default: lines.append(#"{"id": \#(index), "text": "Nhà cái uy tín, nạp lần đầu tặng 100%"}"#)
            }
        }
        let input = try KiemProcess.file(Array(lines.joined(separator: "\n").utf8))
        let one = try KiemProcess.run(["check", "--jsonl", input.path])
        let three = try KiemProcess.run(["check", "--jsonl", input.path, "--threads", "3"])
        #expect(one.status == 0 && three.status == 0)
        #expect(one.lines.count == 3000)
        #expect(one.stdout == three.stdout)
    }

    @Test("input that cannot be read is the only failure")
    func unreadable() throws {
        let output = try KiemProcess.run(["check", "--jsonl", "/nonexistent/input.jsonl"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("no such file") || output.stderr.contains("No such file"))
    }

    @Test("one message gets a readable answer with its reasons")
    func humanReadable() throws {
        let output = try KiemProcess.run(["check", "Cập nhật VNeID mức 2, tải ứng dụng tại http://dichvucong-gov.cc/vneid.apk"])
        #expect(output.status == 0)
        let text = String(decoding: output.stdout, as: UTF8.self)
        #expect(text.contains("malware (mã độc)"))
        #expect(text.contains("apk_install"))
    }

    @Test("--indicators adds listed values, plain or JSONL")
    func indicatorFiles() throws {
        let plain = try KiemProcess.file(Array("lua-dao-moi.top\n".utf8), name: "list.txt")
        let jsonl = try KiemProcess.file(Array(#"{"value": "0987654321", "label": "scam"}"#.utf8), name: "list.jsonl")
        let input = try KiemProcess.file(Array(#"{"text": "vao lua-dao-moi.top hoac goi 0987 654 321"}"#.utf8 + [0x0A]))
        let output = try KiemProcess.run(["check", "--jsonl", input.path, "--indicators", plain.path, "--indicators", jsonl.path])
        let line = try object(try #require(output.lines.first))
        let names = (line["signals"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("listed_domain"))
        #expect(names.contains("listed_phone"))
    }

    @Test("memory stays bounded on a 1 GB input of huge lines")
    func boundedMemory() throws {
        // 100 lines of 10 MB, streamed through a pipe; the reader keeps at most one bounded line.
        let process = Process()
        process.executableURL = KiemProcess.executable
        process.arguments = ["check", "--jsonl", "-"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let writer = Thread {
            let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
            for _ in 0..<100 {
                input.fileHandleForWriting.write(Data(#"{"text": ""#.utf8))
                for _ in 0..<10 { input.fileHandleForWriting.write(chunk) }
                input.fileHandleForWriting.write(Data("\"}\n".utf8))
            }
            input.fileHandleForWriting.write(Data(#"{"id": "last", "text": "ok"}"#.utf8 + [0x0A]))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        #expect(process.terminationStatus == 0)
        #expect(lines.count == 101)
        #expect(lines.last?.contains("\"last\"") == true)
        // ru_maxrss is in KiB: well under the 1 GB that went through.
        #expect(usage.ru_maxrss < 300 * 1024, "peak RSS \(usage.ru_maxrss) KiB")
    }
}

@Suite("kiem check --db")
struct CheckClaimsCommandTests {
    @Test("claims imported into a store are matched by kiem check --db, best first, with their verdict and url")
    func matchesFromStore() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiem-claims-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("kiem.sqlite").path
        let claims = """
            {"id": "c-lemon", "text": "Uống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư", "verdict": "false", "url": "https://kiem.vn/fact-checks/chanh"}
            {"id": "c-5g", "text": "Sóng 5G làm lây lan virus corona", "verdict": "false", "variants": ["5G towers spread the coronavirus"]}

            """
        let imported = try KiemProcess.run(["claims", "import", "--db", db, try KiemProcess.file(Array(claims.utf8), name: "claims.jsonl").path])
        #expect(imported.status == 0)
        let input = """
            {"id": "a", "text": "uong nuoc chanh nong moi sang chua khoi benh ung thu!!! chia se ngay"}
            {"id": "b", "text": "The 5G TOWERS spread the coronavirus, wake up"}
            {"id": "c", "text": "Cách pha nước chanh mật ong ấm cho cả nhà"}

            """
        let output = try KiemProcess.run(["check", "--db", db, "--jsonl", try KiemProcess.file(Array(input.utf8)).path])
        #expect(output.status == 0)
        let lines = try output.lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        try #require(lines.count == 3)
        let first = try #require((lines[0]["matches"] as? [[String: Any]])?.first)
        #expect(first["claim_id"] as? String == "c-lemon")
        #expect(first["verdict"] as? String == "false")
        #expect(first["url"] as? String == "https://kiem.vn/fact-checks/chanh")
        #expect(((first["similarity"] as? Double) ?? 0) > 0.6)
        #expect(lines[0]["action"] as? String != "allow")
        #expect((lines[1]["matches"] as? [[String: Any]])?.first?["claim_id"] as? String == "c-5g")
        #expect((lines[2]["matches"] as? [Any])?.isEmpty == true)
    }
}
