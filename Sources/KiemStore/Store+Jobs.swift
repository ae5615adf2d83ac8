import Foundation
import SQLKit

extension Store {
    /// Jobs are retried this many times, then marked failed with their last error.
    public static let maxJobAttempts = 5

    /// Takes up to `limit` jobs that are queued and due, or whose lease has expired (a worker that
    /// died), under a new lease of `leaseSeconds`. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets
    /// any number of workers take jobs at once without waiting on each other or taking the same.
    public func claimJobs(limit: Int, leaseSeconds: Int64 = 60) async throws -> [Job] {
        let lease = UUID().uuidString
        let dialect = backend.dialect
        return try await backend.transaction { database in
            let now = Clock.now()
            let skipLocked: SQLQueryString = dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            let rows = try await database.raw("""
                UPDATE jobs SET status = 'running', lease = \(bind: lease), locked_until = \(bind: now + leaseSeconds * 1000), attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM jobs
                    WHERE (status = 'queued' AND run_after <= \(bind: now)) OR (status = 'running' AND locked_until < \(bind: now))
                    ORDER BY id LIMIT \(literal: max(1, min(limit, 1000)))
                """ + skipLocked + ") RETURNING id, kind, payload, attempts").all()
            return try rows.map { row in
                Job(id: try row.decode(column: "id", as: Int64.self), kind: try row.decode(column: "kind", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self), lease: lease)
            }.sorted { $0.id < $1.id }
        }
    }

    /// The text of the item a `check_item` job is about.
    public func itemText(for job: Job) async throws -> String? {
        guard job.kind == "check_item", let id = Int64(job.payload) else { return nil }
        return try await item(id: id)?.text
    }

    /// Finishes a `check_item` job: stores the verdict (and opens a case) and marks the job done,
    /// in one transaction, only if this worker still holds the lease. Returns false (changing
    /// nothing) when the lease was lost: the job belongs to another worker now.
    @discardableResult
    public func completeCheck(_ job: Job, verdict: VerdictRecord, actor: String) async throws -> Bool {
        guard job.kind == "check_item", let itemID = Int64(job.payload) else { throw StoreError.invalid("job \(job.id) is not a check_item job") }
        do {
            return try await backend.transaction { database in
                let now = Clock.now()
                let held = try await database.raw("""
                    UPDATE jobs SET status = 'done', locked_until = NULL
                    WHERE id = \(bind: job.id) AND lease = \(bind: job.lease) AND status = 'running' AND locked_until >= \(bind: now)
                    RETURNING id
                    """).first() != nil
                guard held else { throw LeaseLost() }
                _ = try await Self.record(verdict, itemID: itemID, in: database, actor: actor, at: now)
                return true
            }
        } catch is LeaseLost {
            return false
        }
    }

    /// Gives a job back after an error: queued again with a growing delay, or failed for good
    /// after `maxJobAttempts`.
    public func failJob(_ job: Job, error: String) async throws {
        try await backend.transaction { database in
            let now = Clock.now()
            let failed = job.attempts >= Self.maxJobAttempts
            let delay = Int64(1_000) << Int64(min(job.attempts, 10))
            try await database.raw("""
                UPDATE jobs SET status = \(bind: failed ? "failed" : "queued"), run_after = \(bind: now + delay), locked_until = NULL, error = \(bind: String(error.prefix(500)))
                WHERE id = \(bind: job.id) AND lease = \(bind: job.lease)
                """).run()
        }
    }

    /// How many jobs are in each state.
    public func jobCounts() async throws -> [String: Int] {
        try await backend.read { database in
            var counts: [String: Int] = [:]
            for row in try await database.raw("SELECT status, COUNT(*) AS count FROM jobs GROUP BY status").all() {
                counts[try row.decode(column: "status", as: String.self)] = try row.decode(column: "count", as: Int.self)
            }
            return counts
        }
    }

    private struct LeaseLost: Error {}
}
