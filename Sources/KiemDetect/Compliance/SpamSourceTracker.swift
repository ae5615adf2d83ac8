import KiemText

/// Finds senders of ordinary (non-advertising) traffic that behave like spam sources: many
/// distinct recipients in a short time, the same or nearly the same text to many recipients, or
/// many user reports (such as 5656 reports, "S [source] [content]").
///
/// Only counts are kept: per sender and time bucket the distinct recipients, per sender and
/// text fingerprint the distinct recipients, per source the reports. Parts tracked on separate
/// threads are merged before `sources()` is asked.
public struct SpamSourceTracker: Sendable {
    /// A sender flagged as a spam source, with the evidence.
    public struct Source: Sendable, Equatable {
        public var sender: String
        /// The most distinct recipients in one bucket, and when that bucket started (ms, UTC).
        public var peakRecipients: Int
        public var peakBucketStart: Int64
        /// The most recipients of one text, and that text (cut short).
        public var sameTextRecipients: Int
        public var sampleText: String
        public var reports: Int
        /// One sentence per reason it was flagged.
        public var reasons: [String]
    }

    private struct Mark: Hashable, Sendable {
        var sender: UInt64
        var group: Int64
        var recipient: UInt64
    }

    private struct Group: Hashable, Sendable {
        var sender: UInt64
        var group: Int64
    }

    public let thresholds: ComplianceConfig.SpamSourceThresholds
    private var recipientsInBucket: Set<Mark> = []
    private var recipientsOfText: Set<Mark> = []
    private var firstTextOwner: [Group: UInt64] = [:]
    private var samples: [Group: String] = [:]
    private var names: [UInt64: String] = [:]
    private var reports: [String: Int] = [:]

    public init(thresholds: ComplianceConfig.SpamSourceThresholds) {
        self.thresholds = thresholds
    }

    /// Counts one non-advertising record.
    public mutating func observe(_ record: SendingRecord) {
        let sender = ComplianceSummary.key(record.sender)
        if names[sender] == nil { names[sender] = record.sender }
        let recipient = Hashing.fnv1a(record.recipient.utf8)
        let bucketMillis = thresholds.bucketSeconds * 1000
        let bucket = record.sentAt >= 0 ? record.sentAt / bucketMillis : (record.sentAt - bucketMillis + 1) / bucketMillis
        recipientsInBucket.insert(Mark(sender: sender, group: bucket, recipient: recipient))
        guard !record.text.isEmpty else { return }
        let fingerprint = Int64(bitPattern: Self.fingerprint(record.text))
        let text = Group(sender: sender, group: fingerprint)
        recipientsOfText.insert(Mark(sender: sender, group: fingerprint, recipient: recipient))
        // Keep a sample of a text only once it is seen a second time: one-off texts cost nothing.
        if samples[text] == nil {
            if let first = firstTextOwner[text], first != recipient {
                samples[text] = String(decoding: record.text.prefix(160), as: UTF8.self)
            } else if firstTextOwner[text] == nil {
                firstTextOwner[text] = recipient
            }
        }
    }

    /// Counts one user report naming `source` (normalized as records are).
    public mutating func addReport(source: String) {
        reports[source, default: 0] += 1
        let key = ComplianceSummary.key(source)
        if names[key] == nil { names[key] = source }
    }

    /// Adds what another part counted.
    public mutating func merge(_ other: SpamSourceTracker) {
        recipientsInBucket.formUnion(other.recipientsInBucket)
        recipientsOfText.formUnion(other.recipientsOfText)
        firstTextOwner.merge(other.firstTextOwner) { mine, _ in mine }
        samples.merge(other.samples) { mine, _ in mine }
        names.merge(other.names) { mine, _ in mine }
        reports.merge(other.reports, uniquingKeysWith: +)
    }

    /// The senders over a threshold, most evidence first.
    public func sources() -> [Source] {
        var peaks: [UInt64: (count: Int, bucket: Int64)] = [:]
        var perBucket: [Group: Int] = [:]
        for mark in recipientsInBucket { perBucket[Group(sender: mark.sender, group: mark.group), default: 0] += 1 }
        for (group, count) in perBucket {
            let best = peaks[group.sender]
            if best == nil || count > best!.count || count == best!.count && group.group < best!.bucket {
                peaks[group.sender] = (count, group.group)
            }
        }
        var perText: [Group: Int] = [:]
        for mark in recipientsOfText { perText[Group(sender: mark.sender, group: mark.group), default: 0] += 1 }
        var textPeaks: [UInt64: (count: Int, text: Group)] = [:]
        for (text, count) in perText where count > (textPeaks[text.sender]?.count ?? 0) { textPeaks[text.sender] = (count, text) }
        var reportsBySender: [UInt64: Int] = [:]
        for (source, count) in reports { reportsBySender[ComplianceSummary.key(source), default: 0] += count }

        var found: [Source] = []
        let minutes = thresholds.bucketSeconds / 60
        for (sender, name) in names {
            let peak = peaks[sender] ?? (0, 0)
            let textPeak = textPeaks[sender]
            let reportCount = reportsBySender[sender] ?? 0
            var reasons: [String] = []
            if peak.count >= thresholds.distinctRecipients {
                let start = Timestamp.utcString(milliseconds: peak.bucket * thresholds.bucketSeconds * 1000)
                reasons.append("sent to \(peak.count) distinct recipients within \(minutes) minutes (from \(start))")
            }
            let sample = textPeak.flatMap { samples[$0.text] } ?? ""
            if let textPeak, textPeak.count >= thresholds.sameTextRecipients {
                reasons.append("sent the same or nearly the same text to \(textPeak.count) recipients" + (sample.isEmpty ? "" : ": \"\(sample)\""))
            }
            if reportCount >= thresholds.reports {
                reasons.append("reported by users \(reportCount) times")
            }
            guard !reasons.isEmpty else { continue }
            found.append(Source(sender: name, peakRecipients: peak.count, peakBucketStart: peak.bucket * thresholds.bucketSeconds * 1000,
                                sameTextRecipients: textPeak?.count ?? 0, sampleText: sample, reports: reportCount, reasons: reasons))
        }
        return found.sorted { ($0.reasons.count, $0.peakRecipients + $0.sameTextRecipients + $0.reports, $1.sender) > ($1.reasons.count, $1.peakRecipients + $1.sameTextRecipients + $1.reports, $0.sender) }
    }

    /// A fingerprint that is the same for texts that differ only in case, spacing, punctuation
    /// and numbers (codes, amounts, names of days): every run of digits counts as one.
    public static func fingerprint(_ text: [UInt8]) -> UInt64 {
        var hash = Hashing.fnvOffset
        var inDigits = false
        for byte in text {
            switch byte {
            case 0x30...0x39:
                if !inDigits { hash = Hashing.step(hash, 0x23) }
                inDigits = true
            case 0x41...0x5A:
                hash = Hashing.step(hash, byte | 0x20)
                inDigits = false
            case 0x61...0x7A, 0x80...:
                hash = Hashing.step(hash, byte)
                inDigits = false
            default:
                inDigits = false
            }
        }
        return Hashing.finalize(hash)
    }

    /// Parses 5656-style reports, one per line: "S 0912345678 nội dung" (an SMS) or
    /// "V 0912345678 nội dung" (a call); returns the sources and the number of unreadable lines.
    public static func parseReports(_ text: String) -> (sources: [String], rejected: Int) {
        var sources: [String] = []
        var rejected = 0
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
            // The source may be written with spaces ("0901 000 001"): take every word that is part of a number.
            let number = words.dropFirst().prefix { $0.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2E || $0 == 0x2D } }
            let sourceBytes = number.isEmpty ? words.dropFirst().first.map { Array($0.utf8) } : Array(number.joined().utf8)
            guard words.count >= 2, ["S", "V"].contains(words[0].uppercased()), let sourceBytes,
                  let source = SendingRecord.normalizeParty(sourceBytes) else {
                rejected += 1
                continue
            }
            sources.append(source)
        }
        return (sources, rejected)
    }
}

extension SpamSourceTracker.Source {
    /// Appends the source as one JSON line in the shape of a violation, with `record_id` null and
    /// the `sender` named: `{"record_id": null, "sender", "rule": "spam_source", "article", "detail"}`.
    public func appendJSONLine(article: String, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"record_id":null,"sender":"#.utf8)
        VerdictJSON.appendString(sender, to: &out)
        out.append(contentsOf: #","rule":"spam_source","article":"#.utf8)
        VerdictJSON.appendString(article, to: &out)
        out.append(contentsOf: #","detail":"#.utf8)
        VerdictJSON.appendString(reasons.joined(separator: "; "), to: &out)
        out.append(contentsOf: "}\n".utf8)
    }
}
