import Foundation
import Testing

@Suite("kiem bench")
struct BenchCommandTests {
    @Test("measures the engine warm and with cold caches, end to end and the I/O floor, on the given texts")
    func reportsEveryMeasurement() throws {
        let texts = [
            #"{"text": "Vietcombank: tai khoan cua quy khach bi tam khoa, xac minh tai https://vietcombank-xacminh.top", "label": "scam"}"#,
            #"{"text": "Mai em qua lấy đồ nhé, nhớ để ở cổng giúp em", "label": "clean"}"#,
            #"{"text": "Nhà cái uy tín, nạp lần đầu tặng 100%, rút tiền nhanh", "label": "gambling"}"#,
        ]
        let data = try KiemProcess.file(Array((texts.joined(separator: "\n") + "\n").utf8))
        let output = try KiemProcess.run(["bench", "--data", data.path, "--seconds", "0.05", "--cold-megabytes", "1"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.lines
        #expect(lines.first == "texts: 3 (mean \(texts.map { Self.textBytes($0) }.reduce(0, +) / 3) bytes)")
        func number(after prefix: String) -> Double? {
            guard let line = lines.first(where: { $0.hasPrefix(prefix) }) else { return nil }
            let rest = line.dropFirst(prefix.count).drop(while: { $0 == " " })
            return Double(rest.prefix(while: { $0.isNumber || $0 == "." }))
        }
        let warm = try #require(number(after: "engine alone:"))
        let cold = try #require(number(after: "engine, cold caches:"))
        let jsonl = try #require(number(after: "check --jsonl:"))
        let floor = try #require(number(after: "I/O floor:"))
        #expect(warm > 0 && cold > 0 && jsonl > 0 && floor > jsonl)
        #expect(lines.contains { $0.hasPrefix("engine, cold caches:") && $0.contains("after touching 1 MB between messages") })
    }

    @Test("a cold-cache size out of range is refused before any work")
    func refusesBadColdSize() throws {
        let data = try KiemProcess.file(Array(#"{"text": "xin chao", "label": "clean"}"#.utf8) + [0x0A])
        let output = try KiemProcess.run(["bench", "--data", data.path, "--cold-megabytes", "5000"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--cold-megabytes must be between 0 and 4096"))
        #expect(output.stdout.isEmpty)
    }

    private static func textBytes(_ line: String) -> Int {
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        return object?["text"]?.utf8.count ?? 0
    }
}
