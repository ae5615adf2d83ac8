import Dispatch
import KiemDetect

/// `kiem check --jsonl --threads N`: checks batches of lines on N threads and writes the
/// answers in input order.
///
/// Lines are copied into a batch (at most `batchLines` lines or `batchBytes` bytes, so memory
/// stays bounded), the batch is cut into N contiguous parts, each part is checked by its own
/// engine session, and the parts' outputs are written one after the other.
final class ParallelChecker: @unchecked Sendable {
    private let checkers: [BatchChecker]
    private let batchLines: Int
    private let batchBytes: Int
    private var bytes: [UInt8] = []
    /// Each line of the batch: its range in `bytes`, or the length of a line that was too long.
    private var lines: [(start: Int, end: Int, oversized: Int?)] = []
    private var outputs: [[UInt8]]

    init(engine: Engine, threads: Int, explain: Bool, batchLines: Int = 8192, batchBytes: Int = 16 << 20) {
        checkers = (0..<threads).map { _ in BatchChecker(session: engine.session(), explain: explain) }
        self.batchLines = batchLines
        self.batchBytes = batchBytes
        outputs = Array(repeating: [], count: threads)
    }

    /// Adds a line; checks the batch and appends the answers to `out` when the batch is full.
    func add(_ line: LineReader.Line, into out: inout [UInt8]) {
        switch line {
        case .text(let text):
            let start = bytes.count
            bytes.append(contentsOf: text)
            lines.append((start, bytes.count, nil))
        case .oversized(let length):
            lines.append((0, 0, length))
        }
        if lines.count >= batchLines || bytes.count >= batchBytes { flush(into: &out) }
    }

    /// Checks what is left in the batch.
    func flush(into out: inout [UInt8]) {
        guard !lines.isEmpty else { return }
        let parts = checkers.count
        let perPart = (lines.count + parts - 1) / parts
        bytes.withUnsafeBufferPointer { batch in
            outputs.withUnsafeMutableBufferPointer { results in
                // Each part reads its own lines and writes only its own result slot.
                nonisolated(unsafe) let batch = batch
                nonisolated(unsafe) let results = results
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    var output: [UInt8] = []
                    let range = min(part * perPart, lines.count)..<min((part + 1) * perPart, lines.count)
                    for index in range {
                        let line = lines[index]
                        if let length = line.oversized {
                            checkers[part].process(.oversized(length), into: &output)
                        } else {
                            checkers[part].process(.text(UnsafeBufferPointer(rebasing: batch[line.start..<line.end])), into: &output)
                        }
                    }
                    results[part] = output
                }
            }
        }
        for part in 0..<parts {
            out.append(contentsOf: outputs[part])
            outputs[part] = []
        }
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }
}
