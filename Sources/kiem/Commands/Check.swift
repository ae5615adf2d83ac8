import ArgumentParser
import Foundation
import KiemDetect

/// `kiem check`: one message in readable form, or a JSONL batch in the contract of DESIGN.md.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a message, or a batch of JSONL messages.",
        discussion: """
        kiem check "text"                 one message, human-readable answer
        kiem check --jsonl [FILE|-]       batch: one JSON object per line in, one per line out
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

    @Argument(help: "The message to check, or with --jsonl the input file (- for standard input).")
    var input: String?

    func validate() throws {
        if !jsonl && input == nil { throw ValidationError("give a message to check, or --jsonl to read a batch") }
        if maxLineBytes < 16 { throw ValidationError("--max-line-bytes must be at least 16") }
        if !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
    }

    func run() throws {
        let engine = try engineOptions.makeEngine()
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
}
