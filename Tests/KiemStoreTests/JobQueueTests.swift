import Foundation
import KiemStore
import KiemTestSupport
import SQLKit
import Testing

@Suite("The job queue")
struct JobQueueTests {
    static func queued(_ store: Store, count: Int) async throws {
        let batch: [(item: ItemInput, verdict: VerdictRecord?)] = (0..<count).map {
            (ItemInput(source: "sms", externalID: "j\($0)", text: "Tin nhắn số \($0): nhận quà tại qua-tang.top"), nil)
        }
        let outcomes = try await store.ingest(batch, actor: "test")
        #expect(outcomes.allSatisfy { $0.created && $0.caseID == nil })
    }

    static func verdict(_ top: String = "scam") -> VerdictRecord {
        VerdictRecord(top: top, action: "review", json: "{}", modelVersion: "m", rulesVersion: "r")
    }

    /// How many verdicts each item has.
    static func verdictsPerItem(_ store: Store) async throws -> [Int] {
        try await store.backend.read { database in
            try await database.raw("SELECT (SELECT COUNT(*) FROM verdicts WHERE verdicts.item_id = items.id) AS n FROM items ORDER BY items.id").all()
                .map { try $0.decode(column: "n", as: Int.self) }
        }
    }

    @Test("workers racing for jobs, one of them dying with jobs in hand: every item is checked exactly once", arguments: TestDatabases.kinds)
    func noJobTwiceNoJobLost(kind: String) async throws {
        let store = try await TestDatabases.fresh(kind)
        try await Self.queued(store, count: 120)
        #expect(try await store.items(ItemQuery(label: "pending")).total == 120)
        // A worker takes 30 jobs under a one-second lease and dies.
        let abandoned = try await store.claimJobs(limit: 30, leaseSeconds: 1)
        #expect(abandoned.count == 30)
        // Three workers share the rest, and take over the abandoned jobs once their lease expires.
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    var finished = 0
                    let deadline = ContinuousClock.now + .seconds(60)
                    while ContinuousClock.now < deadline {
                        let jobs = try await store.claimJobs(limit: 7, leaseSeconds: 60)
                        if jobs.isEmpty {
                            if try await store.jobCounts()["done"] == 120 { break }
                            try await Task.sleep(for: .milliseconds(100))
                            continue
                        }
                        for job in jobs where try await store.completeCheck(job, verdict: Self.verdict(), actor: "worker") { finished += 1 }
                    }
                    return finished
                }
            }
            var total = 0
            for try await finished in group { total += finished }
            #expect(total == 120)
        }
        // The dead worker comes back and tries to finish a job it no longer holds: nothing changes.
        #expect(try await store.completeCheck(abandoned[0], verdict: Self.verdict("clean"), actor: "zombie") == false)
        #expect(try await Self.verdictsPerItem(store) == Array(repeating: 1, count: 120))
        #expect(try await store.jobCounts() == ["done": 120])
        #expect(try await store.items(ItemQuery(label: "pending")).total == 0)
        #expect(try await store.items(ItemQuery(label: "scam")).total == 120)
        #expect(try await store.cases(CaseQuery()).total == 120)
        try await store.close()
    }

    @Test("a job that keeps failing is retried with a delay, then marked failed", arguments: TestDatabases.kinds)
    func retries(kind: String) async throws {
        let store = try await TestDatabases.fresh(kind)
        try await Self.queued(store, count: 1)
        var job = try #require(try await store.claimJobs(limit: 5).first)
        let failedAt = Int64(Date().timeIntervalSince1970 * 1000)
        try await store.failJob(job, error: "engine unavailable")
        // Queued again, due two seconds later.
        let rows = try await store.backend.read { database in
            try await database.raw("SELECT status, run_after, error FROM jobs").all().map {
                (status: try $0.decode(column: "status", as: String.self), runAfter: try $0.decode(column: "run_after", as: Int64.self),
                 error: try $0.decode(column: "error", as: String.self))
            }
        }
        let retry = try #require(rows.first)
        #expect(rows.count == 1 && retry.status == "queued" && retry.error == "engine unavailable")
        #expect(retry.runAfter >= failedAt + 2_000 - 1)
        // Not handed out before then (a loaded machine may stall two seconds before asking).
        let early = try await store.claimJobs(limit: 5)
        #expect(early.isEmpty || Int64(Date().timeIntervalSince1970 * 1000) >= retry.runAfter)
        if let claimed = early.first {
            job = claimed
            try await store.failJob(job, error: "engine unavailable")
        }
        // Make it due again at once, as many times as it takes to exhaust its attempts.
        while job.attempts < Store.maxJobAttempts {
            try await store.backend.transaction { database in try await database.raw("UPDATE jobs SET run_after = 0").run() }
            job = try #require(try await store.claimJobs(limit: 5).first)
            try await store.failJob(job, error: "engine unavailable")
        }
        #expect(job.attempts == Store.maxJobAttempts)
        #expect(try await store.jobCounts() == ["failed": 1])
        try await store.close()
    }
}
