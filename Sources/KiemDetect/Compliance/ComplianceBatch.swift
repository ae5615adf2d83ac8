/// Checks a batch of records held in memory (the HTTP API's `POST /v1/compliance`): the
/// per-record rules, the frequency rule over the whole batch, spam sources and per-sender counts.
public enum ComplianceBatch {
    /// The outcome of a batch.
    public struct Outcome: Sendable {
        /// Per-record violations in input order, then frequency violations.
        public var violations: [ComplianceViolation]
        public var summary: ComplianceSummary
        public var spamSources: [SpamSourceTracker.Source]
    }

    public static func check(_ records: [SendingRecord], with checker: ComplianceChecker, reports: [String] = []) -> Outcome {
        let config = checker.config
        var violations: [ComplianceViolation] = []
        var summary = ComplianceSummary()
        var tracker = SpamSourceTracker(thresholds: config.spamSources)
        var series: [FrequencySeriesKey: [(time: Int64, index: Int)]] = [:]
        var inBreach = Set<Int>()
        for (index, record) in records.enumerated() {
            let start = violations.count
            let advertising = checker.check(record, into: &violations)
            summary.add(sender: record.sender, advertising: advertising, violations: violations[start...])
            if violations.count > start { inBreach.insert(index) }
            if advertising {
                if config.rules.contains(.frequency) && config.caps[record.channel] != nil {
                    series[FrequencySeriesKey(channel: record.channel, sender: record.sender, recipient: record.recipient), default: []].append((record.sentAt, index))
                }
            } else if config.rules.contains(.spamSource) && checker.watchesAsSpamSource(record.sender) {
                tracker.observe(record)
            }
        }
        var frequency: [(index: Int, violation: ComplianceViolation)] = []
        for (key, entries) in series {
            guard let cap = config.caps[key.channel], entries.count > cap else { continue }
            let sorted = entries.sorted { ($0.time, $0.index) < ($1.time, $1.index) }
            for breach in FrequencyRule.breaches(sortedTimes: sorted.map(\.time), cap: cap, window: config.windowSeconds * 1000) {
                let index = sorted[breach.index].index
                let detail = "the \(FrequencyRule.ordinal(breach.count)) advertising \(key.channel.name) from this sender to this recipient within "
                    + "\(config.windowSeconds / 3600) hours (the first at \(Timestamp.utcString(milliseconds: breach.windowStart, offsetSeconds: config.utcOffsetSeconds))); "
                    + "at most \(cap) allowed"
                frequency.append((index, ComplianceViolation(recordIdJSON: records[index].idJSON, rule: .frequency, article: config.article(.frequency), detail: detail)))
                summary.add(rule: .frequency, senderKey: ComplianceSummary.key(key.sender), alreadyInBreach: inBreach.contains(index))
                inBreach.insert(index)
            }
        }
        violations += frequency.sorted { $0.index < $1.index }.map(\.violation)
        var sources: [SpamSourceTracker.Source] = []
        if config.rules.contains(.spamSource) {
            for report in reports { tracker.addReport(source: report) }
            sources = tracker.sources()
        }
        return Outcome(violations: violations, summary: summary, spamSources: sources)
    }

    private struct FrequencySeriesKey: Hashable {
        var channel: SendingRecord.Channel
        var sender: String
        var recipient: String
    }
}
