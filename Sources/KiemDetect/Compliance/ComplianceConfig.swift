import Foundation

/// Every number and phrase the Decree 91 checks use, with the decree's values as defaults.
///
/// A config file in YAML overrides any part of `ComplianceConfig.defaultYAML` (which
/// `kiem compliance --print-config` prints); keys it does not name keep their defaults.
public struct ComplianceConfig: Sendable {
    /// Allowed time of day, in seconds after local midnight, both ends included.
    public struct Hours: Sendable, Equatable {
        public var from: Int
        public var to: Int

        public init(from: Int, to: Int) {
            self.from = from
            self.to = to
        }

        /// Whether a local time of day is inside the allowed hours (a range may wrap past midnight).
        public func allows(secondOfDay: Int) -> Bool {
            from <= to ? (from...to).contains(secondOfDay) : secondOfDay >= from || secondOfDay <= to
        }
    }

    /// When a sender of ordinary (non-advertising) traffic looks like a spam source.
    public struct SpamSourceThresholds: Sendable, Equatable {
        /// Length of the time buckets in which distinct recipients are counted.
        public var bucketSeconds: Int64
        /// Distinct recipients within one bucket.
        public var distinctRecipients: Int
        /// Recipients of the same or nearly the same text.
        public var sameTextRecipients: Int
        /// User reports (such as 5656 reports) naming the sender.
        public var reports: Int
    }

    /// The rules to check.
    public var rules: Set<ComplianceRule>
    /// The local clock's offset from UTC, in seconds (Asia/Ho_Chi_Minh is UTC+7 all year).
    public var utcOffsetSeconds: Int
    public var hours: [SendingRecord.Channel: Hours]
    /// At most this many advertising messages or calls per sender, recipient and channel in `windowSeconds`.
    public var caps: [SendingRecord.Channel: Int]
    public var windowSeconds: Int64
    public var labelChannels: Set<SendingRecord.Channel>
    /// The accepted forms of the label, one of which must open the message.
    public var labelForms: [String]
    public var optOutChannels: Set<SendingRecord.Channel>
    /// Phrases (matched without accents, as whole words) that tell the recipient how to refuse.
    public var optOutPhrases: [String]
    /// Judge records that do not say whether they are advertising with the detection engine.
    public var detectAdvertising: Bool
    /// The `spam` probability from which the engine's judgement counts as advertising.
    public var advertisingThreshold: Double
    /// Whether a call that does not say otherwise is an advertising call.
    public var callsAreAdvertising: Bool
    public var spamSources: SpamSourceThresholds
    /// The article of the decree cited for each rule.
    public var articles: [ComplianceRule: String]

    /// The article cited for a rule.
    public func article(_ rule: ComplianceRule) -> String { articles[rule] ?? "Nghị định 91/2020/NĐ-CP" }

    /// The defaults, as a commented config file.
    public static let defaultYAML = """
    # Kiem: checks of advertising traffic against Decree 91/2020/ND-CP (Nghị định 91/2020/NĐ-CP
    # về chống tin nhắn rác, thư điện tử rác, cuộc gọi rác). Every value can be overridden.
    rules: [hours, frequency, label, opt_out, dnc, brandname, consent, spam_source]
    # Asia/Ho_Chi_Minh: UTC+07:00, no daylight saving time.
    utc_offset: "+07:00"
    # Advertising may be sent only in these hours, local time, both ends included.
    hours:
      sms: {from: "07:00", to: "22:00"}
      call: {from: "08:00", to: "17:00"}
    # At most this many advertising messages or calls from one sender to one recipient within the
    # window: a record breaks the rule when, counting itself, there are more in (t - window, t].
    frequency:
      window_hours: 24
      sms: 3
      email: 3
      call: 1
    # An advertising SMS opens with the label.
    label:
      channels: [sms]
      forms: ["[QC]", "QC"]
    # An advertising SMS or e-mail says how to refuse further advertising.
    opt_out:
      channels: [sms, email]
      phrases: [tu choi, tuchoi, huy nhan, huy dang ky, huy dv, huy qc, huy tin, soan huy, nhan huy, gui huy,
                ngung nhan, dung nhan, khong nhan, soan tc, nhan tc, gui tc, tc gui, stop, unsubscribe,
                opt out, optout]
    # Records that do not say whether they are advertising ("advertising": true/false):
    # labelled ones are; the others are judged by the detection engine's spam probability.
    advertising:
      detect: true
      threshold: 0.5
      calls: true
    # Ordinary (non-advertising) traffic: when a sender looks like a spam source.
    spam_sources:
      bucket_minutes: 60
      distinct_recipients: 50
      same_text_recipients: 20
      reports: 3
    # The article cited for each rule. These follow the decree as the project read it; check them
    # against the official text (vanban.chinhphu.vn) before relying on them in a legal document.
    articles:
      consent: "Nghị định 91/2020/NĐ-CP, Điều 11 (chỉ gửi khi người nhận đã đồng ý trước)"
      dnc: "Nghị định 91/2020/NĐ-CP, Điều 11 (không gửi tới số trong Danh sách không quảng cáo)"
      frequency: "Nghị định 91/2020/NĐ-CP, Điều 11 (không quá 03 tin nhắn, 03 thư điện tử, 01 cuộc gọi quảng cáo trong 24 giờ)"
      hours: "Nghị định 91/2020/NĐ-CP, Điều 11 (tin nhắn từ 7h đến 22h, cuộc gọi từ 8h đến 17h)"
      label: "Nghị định 91/2020/NĐ-CP, Điều 12 (nhãn QC ở đầu tin nhắn quảng cáo)"
      opt_out: "Nghị định 91/2020/NĐ-CP, Điều 12 (cách thức từ chối nhận quảng cáo)"
      brandname: "Nghị định 91/2020/NĐ-CP, Điều 12 (gửi bằng tên định danh đã đăng ký)"
      spam_source: "Nghị định 91/2020/NĐ-CP, Điều 3 (tin nhắn rác, cuộc gọi rác)"
    """

    /// The decree's defaults.
    public static let standard: ComplianceConfig = {
        do { return try ComplianceConfig(overriding: nil, yaml: defaultYAML) } catch {
            preconditionFailure("the built-in compliance config does not parse: \(error)")
        }
    }()

    /// Why a config file was refused.
    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The defaults with what `yaml` says laid over them.
    public init(yaml: String) throws {
        try self.init(overriding: .standard, yaml: yaml)
    }

    private init(overriding base: ComplianceConfig?, yaml: String) throws {
        func fail(_ reason: String) -> ParseError { ParseError(description: "invalid compliance config: \(reason)") }
        let document: Any?
        do { document = try YAMLLoader.load(yaml) } catch { throw fail("\(error)") }
        let root: [String: Any]
        if document == nil || document is NSNull { root = [:] } else {
            guard let map = document as? [String: Any] else { throw fail("the top level must be a mapping") }
            root = map
        }
        try Self.refuseUnknown(root, known: ["rules", "utc_offset", "hours", "frequency", "label", "opt_out", "advertising", "spam_sources", "articles"], at: "", fail)

        func map(_ value: Any?, _ name: String) throws -> [String: Any] {
            guard let value else { return [:] }
            guard let map = value as? [String: Any] else { throw fail("\(name) must be a mapping") }
            return map
        }
        func integer(_ value: Any?, _ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let value else { return nil }
            guard let number = value as? Int, range.contains(number) else { throw fail("\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound)") }
            return number
        }
        func strings(_ value: Any?, _ name: String) throws -> [String]? {
            guard let value else { return nil }
            guard let list = value as? [Any] else { throw fail("\(name) must be a list") }
            return try list.map {
                if let text = $0 as? String { return text }
                if let number = $0 as? Int { return String(number) }
                throw fail("\(name) must be a list of words")
            }
        }
        func channels(_ value: Any?, _ name: String) throws -> Set<SendingRecord.Channel>? {
            try strings(value, name).map { names in
                Set(try names.map { try SendingRecord.Channel(name: $0).orThrow(fail("\(name): unknown channel \($0)")) })
            }
        }
        func clock(_ value: Any?, _ name: String) throws -> Int {
            guard let text = value as? String else { throw fail("\(name) must be a time such as \"07:00\"") }
            let parts = text.split(separator: ":").map { Int($0) }
            guard (2...3).contains(parts.count), let hour = parts[0], let minute = parts[1], (0...24).contains(hour), (0...59).contains(minute),
                  parts.count == 2 || (parts[2].map { (0...59).contains($0) } ?? false) else { throw fail("\(name) must be a time such as \"07:00\"") }
            let seconds = hour * 3600 + minute * 60 + (parts.count == 3 ? parts[2]! : 0)
            guard seconds <= 86_400 else { throw fail("\(name) is after 24:00") }
            return min(seconds, 86_399)
        }

        rules = try strings(root["rules"], "rules").map { names in
            Set(try names.map { try ComplianceRule(rawValue: $0).orThrow(fail("rules: unknown rule \($0)")) })
        } ?? base?.rules ?? Set(ComplianceRule.allCases)

        if let offset = root["utc_offset"] {
            guard let text = offset as? String, let seconds = Self.offsetSeconds(text) else { throw fail("utc_offset must look like \"+07:00\"") }
            utcOffsetSeconds = seconds
        } else {
            utcOffsetSeconds = base?.utcOffsetSeconds ?? 7 * 3600
        }

        hours = base?.hours ?? [:]
        for (name, value) in try map(root["hours"], "hours") {
            guard let channel = SendingRecord.Channel(name: name) else { throw fail("hours: unknown channel \(name)") }
            if value is NSNull { hours[channel] = nil; continue }
            let range = try map(value, "hours.\(name)")
            try Self.refuseUnknown(range, known: ["from", "to"], at: "hours.\(name).", fail)
            hours[channel] = Hours(from: try clock(range["from"], "hours.\(name).from"), to: try clock(range["to"], "hours.\(name).to"))
        }

        let frequency = try map(root["frequency"], "frequency")
        try Self.refuseUnknown(frequency, known: ["window_hours", "sms", "email", "call"], at: "frequency.", fail)
        windowSeconds = try integer(frequency["window_hours"], "frequency.window_hours", 1...8760).map { Int64($0) * 3600 } ?? base?.windowSeconds ?? 86_400
        caps = base?.caps ?? [:]
        for channel in SendingRecord.Channel.allCases {
            if let cap = try integer(frequency[channel.name], "frequency.\(channel.name)", 0...1_000_000) { caps[channel] = cap }
        }

        let label = try map(root["label"], "label")
        try Self.refuseUnknown(label, known: ["channels", "forms"], at: "label.", fail)
        labelChannels = try channels(label["channels"], "label.channels") ?? base?.labelChannels ?? [.sms]
        labelForms = try strings(label["forms"], "label.forms") ?? base?.labelForms ?? ["[QC]", "QC"]
        guard !labelForms.contains(where: \.isEmpty) else { throw fail("label.forms must not contain an empty form") }

        let optOut = try map(root["opt_out"], "opt_out")
        try Self.refuseUnknown(optOut, known: ["channels", "phrases"], at: "opt_out.", fail)
        optOutChannels = try channels(optOut["channels"], "opt_out.channels") ?? base?.optOutChannels ?? [.sms, .email]
        optOutPhrases = try strings(optOut["phrases"], "opt_out.phrases") ?? base?.optOutPhrases ?? []

        let advertising = try map(root["advertising"], "advertising")
        try Self.refuseUnknown(advertising, known: ["detect", "threshold", "calls"], at: "advertising.", fail)
        func flag(_ value: Any?, _ name: String) throws -> Bool? {
            guard let value else { return nil }
            guard let flag = value as? Bool else { throw fail("\(name) must be true or false") }
            return flag
        }
        detectAdvertising = try flag(advertising["detect"], "advertising.detect") ?? base?.detectAdvertising ?? true
        callsAreAdvertising = try flag(advertising["calls"], "advertising.calls") ?? base?.callsAreAdvertising ?? true
        if let raw = advertising["threshold"] {
            guard let value = (raw as? Double) ?? (raw as? Int).map(Double.init), (0...1).contains(value) else {
                throw fail("advertising.threshold must be a probability between 0 and 1")
            }
            advertisingThreshold = value
        } else {
            advertisingThreshold = base?.advertisingThreshold ?? 0.5
        }

        let spam = try map(root["spam_sources"], "spam_sources")
        try Self.refuseUnknown(spam, known: ["bucket_minutes", "distinct_recipients", "same_text_recipients", "reports"], at: "spam_sources.", fail)
        let fallback = base?.spamSources ?? SpamSourceThresholds(bucketSeconds: 3600, distinctRecipients: 50, sameTextRecipients: 20, reports: 3)
        spamSources = SpamSourceThresholds(
            bucketSeconds: try integer(spam["bucket_minutes"], "spam_sources.bucket_minutes", 1...10_080).map { Int64($0) * 60 } ?? fallback.bucketSeconds,
            distinctRecipients: try integer(spam["distinct_recipients"], "spam_sources.distinct_recipients", 2...10_000_000) ?? fallback.distinctRecipients,
            sameTextRecipients: try integer(spam["same_text_recipients"], "spam_sources.same_text_recipients", 2...10_000_000) ?? fallback.sameTextRecipients,
            reports: try integer(spam["reports"], "spam_sources.reports", 1...10_000_000) ?? fallback.reports
        )

        articles = base?.articles ?? [:]
        for (name, value) in try map(root["articles"], "articles") {
            guard let rule = ComplianceRule(rawValue: name) else { throw fail("articles: unknown rule \(name)") }
            guard let text = value as? String else { throw fail("articles.\(name) must be text") }
            articles[rule] = text
        }
    }

    private static func refuseUnknown(_ map: [String: Any], known: Set<String>, at path: String, _ fail: (String) -> ParseError) throws {
        if let unknown = map.keys.sorted().first(where: { !known.contains($0) }) { throw fail("unknown field \(path)\(unknown)") }
    }

    /// Seconds east of UTC in "+07:00", "-0530" or "Z".
    static func offsetSeconds(_ text: String) -> Int? {
        if text == "Z" || text == "UTC" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, digits.allSatisfy(\.isASCII), let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)),
              hours <= 14, minutes <= 59 else { return nil }
        return (hours * 3600 + minutes * 60) * (sign == "+" ? 1 : -1)
    }
}

extension Optional {
    /// The value, or the error when there is none.
    public func orThrow(_ error: @autoclosure () -> Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
