import KiemText

/// Per-sender counts of a compliance run: records, advertising, and violations by rule.
public struct ComplianceSummary: Sendable {
    /// One sender's counts.
    public struct Sender: Sendable {
        public var name: String
        public var records = 0
        public var advertising = 0
        /// Records with at least one violation (frequency included).
        public var recordsInBreach = 0
        public var violations: [ComplianceRule: Int] = [:]

        public var totalViolations: Int { violations.values.reduce(0, +) }
    }

    private(set) var senders: [UInt64: Sender] = [:]

    public init() {}

    /// The key a sender is filed under (also used by the frequency ledger).
    public static func key(_ sender: String) -> UInt64 { Hashing.fnv1a(sender.utf8) }

    /// Counts one record and the violations the per-record rules found in it.
    public mutating func add(sender: String, advertising: Bool, violations: ArraySlice<ComplianceViolation>) {
        let key = Self.key(sender)
        var entry = senders[key] ?? Sender(name: sender)
        entry.records += 1
        if advertising { entry.advertising += 1 }
        if !violations.isEmpty { entry.recordsInBreach += 1 }
        for violation in violations { entry.violations[violation.rule, default: 0] += 1 }
        senders[key] = entry
    }

    /// Counts a violation found later (frequency); `alreadyInBreach` when the record had others.
    public mutating func add(rule: ComplianceRule, senderKey: UInt64, alreadyInBreach: Bool) {
        guard var entry = senders[senderKey] else { return }
        entry.violations[rule, default: 0] += 1
        if !alreadyInBreach { entry.recordsInBreach += 1 }
        senders[senderKey] = entry
    }

    /// Adds another part's counts.
    public mutating func merge(_ other: ComplianceSummary) {
        for (key, theirs) in other.senders {
            guard var mine = senders[key] else { senders[key] = theirs; continue }
            mine.records += theirs.records
            mine.advertising += theirs.advertising
            mine.recordsInBreach += theirs.recordsInBreach
            for (rule, count) in theirs.violations { mine.violations[rule, default: 0] += count }
            senders[key] = mine
        }
    }

    /// Senders with the most violations first, then by name.
    public func ranked() -> [Sender] {
        senders.values.sorted { ($0.totalViolations, $1.name) > ($1.totalViolations, $0.name) }
    }
}
