import ArgumentParser
import Foundation
import KiemDetect
import KiemServer
import KiemStore

/// `kiem check`: one message in readable form, or a JSONL batch in the contract of DESIGN.md.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a message, or a batch of JSONL messages.",
        discussion: """
        kiem check "text"                 one message, human-readable answer
        kiem check --jsonl [FILE|-]       batch: one JSON object per line in, one per line out
        kiem check --db kiem.sqlite ...   also match the store's known claims ("matches")
        """
    )

    @Flag(name: .long, help: "Read JSONL (from FILE, or standard input) and write one JSON verdict per line.")
    var jsonl = false

    @Flag(name: .long, help: "Add the strongest words and every entity to the signals.")
    var explain = false

    @Option(name: .long, help: "Longest input line accepted, in bytes; longer lines get an error line.")
    var maxLineBytes = 1 << 20

    @Option(name: .long, help: "Check a batch on this many threads (answers stay in input order).")
    var threads = 1

    @OptionGroup var engineOptions: EngineOptions

    @Option(name: .long, help: ArgumentHelp("Match the known claims of this store (a SQLite file or a PostgreSQL URL).", valueName: "path-or-url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Match the known claims of this JSONL file (as `kiem claims import` reads).", valueName: "file"))
    var claims: String?

    @Argument(help: "The message to check, or with --jsonl the input file (- for standard input).")
    var input: String?

    func validate() throws {
        if !jsonl && input == nil { throw ValidationError("give a message to check, or --jsonl to read a batch") }
        if db != nil && claims != nil { throw ValidationError("give --db or --claims, not both") }
        if maxLineBytes < 16 { throw ValidationError("--max-line-bytes must be at least 16") }
        if !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
    }

    func run() async throws {
        let engine = try engineOptions.makeEngine(claims: try await loadClaims())
        let session = engine.session()
        if !jsonl {
            print(VerdictText.render(session.check(input ?? "", explain: true)))
            return
        }
        let path = input ?? "-"
        let descriptor = try FileInput.open(path)
        defer { if descriptor != 0 { close(descriptor) } }
        var totalBytes = 0
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG { totalBytes = Int(status.st_size) }
        var reader = LineReader(descriptor: descriptor, maxLineBytes: maxLineBytes)
        var output = OutputBuffer()
        let checker = BatchChecker(session: session, explain: explain)
        let parallel = threads > 1 ? ParallelChecker(engine: engine, threads: threads, explain: explain) : nil
        var progress = ProgressBar(total: totalBytes, label: "checking")
        var consumed = 0
        var lines = 0
        try reader.forEach { line in
            if let parallel { parallel.add(line, into: &output.bytes) } else { checker.process(line, into: &output.bytes) }
            lines += 1
            if case .text(let bytes) = line { consumed += bytes.count + 1 }
            if lines & 0x3FF == 0 { progress.update(consumed) }
            try output.flushIfNeeded()
        }
        parallel?.flush(into: &output.bytes)
        try output.flush()
        if totalBytes > 0 && lines > 1024 {
            progress.update(totalBytes, force: true)
            progress.finish()
        }
    }

    /// The claim index of `--db` or `--claims`, if one was given.
    private func loadClaims() async throws -> ClaimIndex? {
        if let path = claims {
            let (parsed, errors) = ClaimJSONL.parse(String(decoding: try FileInput.read(path), as: UTF8.self))
            for error in errors.prefix(20) { Terminal.warn("\(path):\(error.line): \(error.message)") }
            return ClaimIndex(parsed.map { KnownClaim(key: $0.externalID, text: $0.text, verdict: $0.verdict.rawValue, url: $0.url, variants: $0.variants) })
        }
        guard let db else { return nil }
        let store = try await Store.open(db)
        do {
            let known = try await store.matchableClaims()
            try await store.close()
            return ClaimIndex(known)
        } catch {
            try? await store.close()
            throw error
        }
    }
}
