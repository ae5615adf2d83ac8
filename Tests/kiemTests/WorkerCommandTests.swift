import Foundation
import KiemStore
import SQLKit
import Testing

@Suite("kiem worker")
struct WorkerCommandTests {
    @Test("worker processes check queued items; one killed mid-way loses nothing and nothing is checked twice")
    func killed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiem-worker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("kiem.sqlite").path
        let store = try await Store.open(path)
        let texts = ["Vietcombank: tai khoan bi khoa, xac minh tai https://vietcombank-xacminh.top", "Mai em qua lấy đồ nhé", "Nhà cái uy tín, nạp lần đầu tặng 100%"]
        let batch: [(item: ItemInput, verdict: VerdictRecord?)] = (0..<3000).map { (ItemInput(source: "sms", externalID: "w\($0)", text: texts[$0 % 3] + " #\($0)"), nil) }
        _ = try await store.ingest(batch, actor: "test")
        try await store.close()

        // One worker is killed (SIGKILL: no chance to clean up) while it holds jobs.
        let doomed = Process()
        doomed.executableURL = KiemProcess.executable
        doomed.arguments = ["worker", "--db", path, "--batch", "200", "--lease-seconds", "2", "--poll", "0.05"]
        doomed.standardError = FileHandle.nullDevice
        try doomed.run()
        let watcher = try await Store.open(path)
        var counts: [String: Int] = [:]
        for _ in 0..<400 where (counts["done"] ?? 0) < 50 {
            try await Task.sleep(for: .milliseconds(25))
            counts = try await watcher.jobCounts()
        }
        kill(doomed.processIdentifier, SIGKILL)
        doomed.waitUntilExit()
        counts = try await watcher.jobCounts()
        try await watcher.close()
        #expect((counts["done"] ?? 0) >= 50)
        #expect((counts["running"] ?? 0) > 0, "the killed worker held no jobs: \(counts)")
        // Another finishes the queue, taking over the dead worker's jobs when their lease expires.
        try await Task.sleep(for: .seconds(2.2))
        let survivor = try KiemProcess.run(["worker", "--db", path, "--once", "--lease-seconds", "2"])
        #expect(survivor.status == 0, "\(survivor.stderr)")
        #expect(survivor.stderr.contains("items checked"))

        let reopened = try await Store.open(path)
        #expect(try await reopened.jobCounts() == ["done": 3000])
        #expect(try await reopened.items(ItemQuery(label: "pending")).total == 0)
        #expect(try await reopened.items(ItemQuery(label: "gambling")).total == 1000)
        let verdictsPerItem = try await reopened.backend.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM verdicts GROUP BY item_id").all().map { try $0.decode(column: "n", as: Int.self) }
        }
        #expect(verdictsPerItem.count == 3000)
        #expect(verdictsPerItem.allSatisfy { $0 == 1 })
        try await reopened.close()
    }
}
