import KiemText

/// Checks one sending record against the rules that need nothing but the record and the lists:
/// hours, label, opt-out, Do-Not-Call, brandname and consent. (The frequency rule needs every
/// record of a sender and recipient; see `FrequencyRule`.)
///
/// It also decides whether a record is advertising: the record may say so; a labelled message
/// is; otherwise the detection engine judges the text. What it learns of a text is cached, since
/// a campaign sends the same text to thousands. Not thread-safe: give each thread its own.
public final class ComplianceChecker {
    public let config: ComplianceConfig
    public let doNotCall: DoNotCallList?
    public let brandnames: BrandnameRegistry?
    private let session: Engine.Session?
    private let normalizer = Normalizer()
    private let optOutMatcher: PhraseMatcher
    private let labelForms: [[UInt8]]
    private var cache: TextCache

    /// - Parameters:
    ///   - doNotCall: the Do-Not-Call list; without one the `dnc` rule is not checked.
    ///   - brandnames: the brandname registry; without one the `brandname` rule is not checked.
    ///   - engine: judges records that do not say whether they are advertising; without one they are.
    public init(config: ComplianceConfig, doNotCall: DoNotCallList? = nil, brandnames: BrandnameRegistry? = nil, engine: Engine? = nil) {
        self.config = config
        self.doNotCall = doNotCall
        self.brandnames = brandnames
        session = config.detectAdvertising ? engine?.session() : nil
        let normalizer = Normalizer()
        optOutMatcher = PhraseMatcher(phrases: config.optOutPhrases.map { normalizer.normalize($0).plain })
        labelForms = config.labelForms.map { Array($0.utf8) }
        cache = TextCache(slots: 1 << 14)
    }

    /// Checks `record`, appends what it breaks to `violations`, and says whether it is advertising.
    @discardableResult
    public func check(_ record: SendingRecord, into violations: inout [ComplianceViolation]) -> Bool {
        let channel = record.channel
        let labelled: Bool
        if channel == .call {
            labelled = false
        } else {
            labelled = startsWithLabel(channel == .email && !record.subject.isEmpty ? record.subject : record.text)
        }
        let advertising = isAdvertising(record, labelled: labelled)
        guard advertising else { return false }
        let rules = config.rules
        func add(_ rule: ComplianceRule, _ detail: String) {
            violations.append(ComplianceViolation(recordIdJSON: record.idJSON, rule: rule, article: config.article(rule), detail: detail))
        }
        if rules.contains(.consent), record.consent == false {
            add(.consent, "the recipient did not agree to receive advertising from this sender (\"consent\": false)")
        }
        if rules.contains(.hours), let allowed = config.hours[channel] {
            let local = Self.secondOfDay(record.sentAt, offset: config.utcOffsetSeconds)
            if !allowed.allows(secondOfDay: local) {
                add(.hours, "\(channel.name) sent at \(Self.clock(local)) local time (UTC\(Self.offsetText(config.utcOffsetSeconds))); "
                    + "advertising \(channel.name) is allowed only from \(Self.clock(allowed.from)) to \(Self.clock(allowed.to))")
            }
        }
        if rules.contains(.label), config.labelChannels.contains(channel), !labelled {
            let forms = config.labelForms.map { "\"\($0)\"" }.joined(separator: " or ")
            add(.label, channel == .email ? "the subject of an advertising e-mail does not start with \(forms)"
                : "an advertising \(channel.name) does not start with \(forms)")
        }
        if rules.contains(.optOut), config.optOutChannels.contains(channel), !tellsHowToRefuse(record) {
            add(.optOut, "an advertising \(channel == .email ? "e-mail" : channel.name) does not tell the recipient how to refuse further advertising")
        }
        if rules.contains(.dnc), channel != .email, let doNotCall, doNotCall.contains(record.recipient) {
            add(.dnc, "the recipient \(record.recipient) is on the Do-Not-Call list")
        }
        if rules.contains(.brandname), channel != .email, let brandnames, !brandnames.allows(record.sender, on: channel) {
            add(.brandname, brandnames.contains(record.sender)
                ? "the brandname \(record.sender) is registered, but not for \(channel.name)"
                : "the sender \(record.sender) is not a registered brandname")
        }
        return true
    }

    /// Whether ordinary traffic from `sender` is watched as a possible spam source. A registered
    /// brandname sends one-time codes and notices to many people by design, so it is not; without
    /// a registry, no name that is not a phone number or e-mail address is (carriers let only
    /// registered brandnames send under a name).
    public func watchesAsSpamSource(_ sender: String) -> Bool {
        if let brandnames { return !brandnames.contains(sender) }
        return sender.hasPrefix("+") || sender.contains("@") || sender.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private func isAdvertising(_ record: SendingRecord, labelled: Bool) -> Bool {
        if let declared = record.advertising { return declared }
        if record.channel == .call { return config.callsAreAdvertising }
        if labelled { return true }
        guard let session else { return true }
        let probability = cachedSpamProbability(of: record) { bytes in
            session.check(bytes: bytes).probability("spam")
        }
        return probability >= config.advertisingThreshold
    }

    private func tellsHowToRefuse(_ record: SendingRecord) -> Bool {
        if record.channel == .email && !record.subject.isEmpty && mentionsOptOut(record.subject) { return true }
        return record.text.isEmpty ? false : cachedOptOut(record.text)
    }

    private func cachedOptOut(_ text: [UInt8]) -> Bool {
        let key = Hashing.fnv1a(text) | 1
        if let known = cache.optOut(key) { return known }
        let found = mentionsOptOut(text)
        cache.setOptOut(key, found)
        return found
    }

    private func mentionsOptOut(_ bytes: [UInt8]) -> Bool {
        let text = bytes.withUnsafeBufferPointer { normalizer.normalize(bytes: $0) }
        var found = false
        optOutMatcher.forEachMatch(in: text) { _, _ in found = true }
        return found
    }

    private func cachedSpamProbability(of record: SendingRecord, spam: (UnsafeBufferPointer<UInt8>) -> Double) -> Double {
        var text = record.text
        if record.channel == .email && !record.subject.isEmpty { text = record.subject + [0x0A] + record.text }
        let key = Hashing.fnv1a(text) | 1
        if let known = cache.spam(key) { return known }
        let value = text.withUnsafeBufferPointer(spam)
        cache.setSpam(key, value)
        return value
    }

    /// Whether `text` opens (after blanks) with one of the label forms, followed by a non-letter.
    func startsWithLabel(_ text: [UInt8]) -> Bool {
        var start = 0
        while start < text.count && (text[start] == 0x20 || text[start] == 0x09 || text[start] == 0x0A || text[start] == 0x0D) { start += 1 }
        for form in labelForms where text.count - start >= form.count {
            var same = true
            for offset in 0..<form.count where text[start + offset] != form[offset] { same = false; break }
            guard same else { continue }
            let next = start + form.count
            if next == text.count { return true }
            let byte = text[next]
            let isWordByte = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
            if !isWordByte || form.last.map({ !(($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)) }) == true { return true }
        }
        return false
    }

    /// Seconds after local midnight.
    public static func secondOfDay(_ milliseconds: Int64, offset: Int) -> Int {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let local = seconds + Int64(offset)
        return Int(((local % 86_400) + 86_400) % 86_400)
    }

    static func clock(_ secondOfDay: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let seconds = secondOfDay % 60
        return "\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60))" + (seconds == 0 ? "" : ":\(two(seconds))")
    }

    static func offsetText(_ seconds: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return (seconds < 0 ? "-" : "+") + two(abs(seconds) / 3600) + ":" + two(abs(seconds) % 3600 / 60)
    }
}

/// A direct-mapped cache of what is known about texts, by 64-bit hash: the same campaign text
/// is normalized and judged once, not once per recipient.
struct TextCache {
    private var keys: [UInt64]
    private var optOutValues: [UInt8]
    private var spamKeys: [UInt64]
    private var spamValues: [Double]
    private let mask: Int

    init(slots: Int) {
        keys = Array(repeating: 0, count: slots)
        optOutValues = Array(repeating: 0, count: slots)
        spamKeys = Array(repeating: 0, count: slots)
        spamValues = Array(repeating: 0, count: slots)
        mask = slots - 1
    }

    func optOut(_ key: UInt64) -> Bool? {
        let slot = Int(truncatingIfNeeded: key) & mask
        return keys[slot] == key ? optOutValues[slot] == 1 : nil
    }

    mutating func setOptOut(_ key: UInt64, _ value: Bool) {
        let slot = Int(truncatingIfNeeded: key) & mask
        keys[slot] = key
        optOutValues[slot] = value ? 1 : 0
    }

    func spam(_ key: UInt64) -> Double? {
        let slot = Int(truncatingIfNeeded: key) & mask
        return spamKeys[slot] == key ? spamValues[slot] : nil
    }

    mutating func setSpam(_ key: UInt64, _ value: Double) {
        let slot = Int(truncatingIfNeeded: key) & mask
        spamKeys[slot] = key
        spamValues[slot] = value
    }
}
