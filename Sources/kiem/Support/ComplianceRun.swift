import Dispatch
import KiemDetect

/// `kiem compliance`: reads records in batches, checks each batch on N threads (each with its
/// own checker, counts and spam-source tracker), writes per-record violations in input order
/// and files advertising records in the frequency ledger.
final class ComplianceRun: @unchecked Sendable {
    /// What one thread owns.
    private final class Part {
        let checker: ComplianceChecker
        var summary = ComplianceSummary()
        var tracker: SpamSourceTracker
        var output: [UInt8] = []
        var filed: [(sender: UInt64, pair: UInt64, time: Int64, channel: SendingRecord.Channel, id: [UInt8], inBreach: Bool)] = []
        var violations: [ComplianceViolation] = []
        var errors = 0

        init(checker: ComplianceChecker, thresholds: ComplianceConfig.SpamSourceThresholds) {
            self.checker = checker
            tracker = SpamSourceTracker(thresholds: thresholds)
        }

        func process(_ line: LineReader.Line, number: Int, maxLineBytes: Int) {
            switch line {
            case .oversized(let length):
                errors += 1
                ComplianceViolation.appendErrorLine(SendingRecord.ParseError(message: "line of \(length) bytes is longer than --max-line-bytes \(maxLineBytes)", idJSON: nil),
                                                    line: number, to: &output)
            case .text(let bytes):
                switch SendingRecord.parse(bytes) {
                case .failure(let error):
                    // A blank line is not a record; say nothing about it.
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
                    errors += 1
                    ComplianceViolation.appendErrorLine(error, line: number, to: &output)
                case .success(let record):
                    violations.removeAll(keepingCapacity: true)
                    let advertising = checker.check(record, into: &violations)
                    for violation in violations { violation.appendJSONLine(to: &output) }
                    summary.add(sender: record.sender, advertising: advertising, violations: violations[...])
                    if advertising {
                        if checker.config.rules.contains(.frequency) && checker.config.caps[record.channel] != nil {
                            filed.append((ComplianceSummary.key(record.sender), FrequencyLedger.pairKey(record), record.sentAt, record.channel,
                                          record.idJSON, !violations.isEmpty))
                        }
                    } else if checker.config.rules.contains(.spamSource) && checker.watchesAsSpamSource(record.sender) {
                        tracker.observe(record)
                    }
                }
            }
        }
    }

    private let parts: [Part]
    private let maxLineBytes: Int
    private let batchLines: Int
    private var bytes: [UInt8] = []
    private var lines: [(start: Int, end: Int, oversized: Int?)] = []
    private var lineNumber = 0
    let ledger: FrequencyLedger

    init(threads: Int, maxLineBytes: Int, sortBuffer: Int, batchLines: Int = 16_384, makeChecker: () -> ComplianceChecker) {
        ledger = FrequencyLedger(maxEntries: sortBuffer)
        parts = (0..<threads).map { _ in
            let checker = makeChecker()
            return Part(checker: checker, thresholds: checker.config.spamSources)
        }
        self.maxLineBytes = maxLineBytes
        self.batchLines = batchLines
    }

    func add(_ line: LineReader.Line, into out: inout [UInt8]) throws {
        switch line {
        case .text(let text):
            let start = bytes.count
            bytes.append(contentsOf: text)
            lines.append((start, bytes.count, nil))
        case .oversized(let length):
            lines.append((0, 0, length))
        }
        if lines.count >= batchLines || bytes.count >= 32 << 20 { try flush(into: &out) }
    }

    /// Checks what is left in the batch.
    func flush(into out: inout [UInt8]) throws {
        guard !lines.isEmpty else { return }
        let count = parts.count
        let perPart = (lines.count + count - 1) / count
        let firstLine = lineNumber + 1
        bytes.withUnsafeBufferPointer { batch in
            nonisolated(unsafe) let batch = batch
            DispatchQueue.concurrentPerform(iterations: count) { index in
                let part = parts[index]
                for offset in min(index * perPart, lines.count)..<min((index + 1) * perPart, lines.count) {
                    let line = lines[offset]
                    let number = firstLine + offset
                    if let length = line.oversized {
                        part.process(.oversized(length), number: number, maxLineBytes: maxLineBytes)
                    } else {
                        part.process(.text(UnsafeBufferPointer(rebasing: batch[line.start..<line.end])), number: number, maxLineBytes: maxLineBytes)
                    }
                }
            }
        }
        lineNumber += lines.count
        for part in parts {
            out.append(contentsOf: part.output)
            part.output.removeAll(keepingCapacity: true)
            for item in part.filed {
                try ledger.add(sender: item.sender, pair: item.pair, time: item.time, channel: item.channel, idJSON: item.id, inBreach: item.inBreach)
            }
            part.filed.removeAll(keepingCapacity: true)
        }
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// The merged per-sender counts, spam-source tracker and number of error lines.
    func results() -> (summary: ComplianceSummary, tracker: SpamSourceTracker, errors: Int) {
        var summary = ComplianceSummary()
        var tracker = parts[0].tracker
        var errors = 0
        for (index, part) in parts.enumerated() {
            summary.merge(part.summary)
            if index > 0 { tracker.merge(part.tracker) }
            errors += part.errors
        }
        return (summary, tracker, errors)
    }
}
