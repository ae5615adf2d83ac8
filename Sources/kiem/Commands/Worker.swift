import ArgumentParser
import Dispatch
import Foundation
import KiemDetect
import KiemServer
import KiemStore
import Synchronization

/// `kiem worker`: checks queued items (ingested with `?check=later`). Run any number of them on
/// one PostgreSQL: each job is taken under a lease by one worker; a killed worker's jobs are
/// taken over when their lease expires, and a verdict is stored only by the lease holder.
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Check queued items in the background (run several for throughput).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var engineOptions: EngineOptions

    @Option(name: .long, help: "Jobs taken at a time.")
    var batch = 64

    @Option(name: .long, help: "Seconds a job is held before another worker may take it over.")
    var leaseSeconds: Int64 = 60

    @Option(name: .long, help: "Seconds to wait when the queue is empty.")
    var poll = 0.5

    @Flag(name: .long, help: "Stop when the queue is empty instead of waiting for more.")
    var once = false

    func validate() throws {
        if !(1...1000).contains(batch) { throw ValidationError("--batch must be between 1 and 1000") }
        if leaseSeconds < 1 { throw ValidationError("--lease-seconds must be at least 1") }
    }

    func run() async throws {
        // The same engine as the servers': the store's listed indicators, known claims and the
        // thresholds administrators set, refreshed while the worker runs.
        let engines = EngineHolder(try engineOptions.makeEngine())
        let (modelVersion, rulesVersion) = try engineOptions.versions()
        let store = try await storeOptions.open()
        try await engines.refresh(from: store)
        try await engines.refreshClaims(from: store, force: true)
        var refreshed = Date()
        let stop = StopSignal()
        let actor = "worker:\(ProcessInfo.processInfo.hostName):\(getpid())"
        var done = 0
        var lost = 0
        do {
            while !stop.requested {
                if Date().timeIntervalSince(refreshed) >= 30 {
                    try await engines.refresh(from: store, force: false)
                    try await engines.refreshClaims(from: store)
                    refreshed = Date()
                }
                let jobs = try await store.claimJobs(limit: batch, leaseSeconds: leaseSeconds)
                if jobs.isEmpty {
                    if once { break }
                    try await Task.sleep(for: .seconds(poll))
                    continue
                }
                for job in jobs {
                    guard let text = try await store.itemText(for: job) else {
                        try await store.failJob(job, error: "no item for job \(job.id) (\(job.kind) \(job.payload))")
                        continue
                    }
                    let verdict = VerdictRecord(engines.withSession { $0.check(text) }, modelVersion: modelVersion,
                                                rulesVersion: engines.rulesVersion(otherwise: rulesVersion))
                    if try await store.completeCheck(job, verdict: verdict, actor: actor) { done += 1 } else { lost += 1 }
                }
            }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        Terminal.info("worker: \(done) items checked" + (lost > 0 ? ", \(lost) jobs taken over by another worker after their lease expired" : ""))
    }
}

/// Set by SIGTERM or SIGINT: the worker finishes the jobs it holds, then stops.
final class StopSignal: Sendable {
    private let state = Mutex<Bool>(false)
    private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

    init() {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.state.withLock { $0 = true } }
            source.resume()
            sources.append(source)
        }
    }

    var requested: Bool { state.withLock { $0 } }
}
