#if canImport(Glibc)
@_exported import Glibc
#endif
import KiemDetect
import KiemText

/// The code paths under fuzzing. The first byte of an input picks the target, the rest is its
/// input: the JSONL reader and the whole check path, normalization (its ASCII and general paths
/// compared) with entity extraction, the rule-pack parser, indicator-list parsing, sending records
/// with the Decree 91 checks, and the compliance config.
enum FuzzTargets {
    nonisolated(unsafe) static let normalizer = Normalizer()
    nonisolated(unsafe) static let generalNormalizer = Normalizer(byteLevelPath: false)
    nonisolated(unsafe) static let session = Engine(model: nil, rules: defaultRules).session()
    static let defaultRules: RulePack = {
        let yaml = """
        rules:
          - name: bank
            labels: {scam: 2}
            any: [vietcombank, "ngân hàng"]
            groups: [["khoá", "xác minh"]]
          - name: link
            labels: {phishing: 1}
            entities: {url: 1}
            regex: "otp|mat khau"
        """
        return (try? RulePack(yaml: yaml)) ?? RulePack()
    }()

    nonisolated(unsafe) static let compliance = ComplianceChecker(
        config: .standard, doNotCall: DoNotCallList.parse("0987000111\n").list,
        brandnames: BrandnameRegistry.parse("SHOPEE\nVIETTEL,sms\n").registry, engine: Engine(model: nil, rules: defaultRules))

    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        guard let selector = input.first else { return }
        let bytes = UnsafeBufferPointer(rebasing: input[1...])
        switch selector % 6 {
        case 0:
            if case .success(let request) = CheckRequest.parse(bytes) {
                let verdict = request.text.withUnsafeBufferPointer { session.check(bytes: $0, explain: true) }
                var out: [UInt8] = []
                VerdictJSON.append(verdict, idJSON: request.idJSON, to: &out)
                precondition(out.last == 0x0A)
            }
        case 1:
            let text = normalizer.normalize(bytes: bytes)
            // The byte-level path (ASCII and precomposed Vietnamese) and the general path agree on everything.
            precondition(text == generalNormalizer.normalize(bytes: bytes))
            precondition(text.folded.withUnsafeBufferPointer { UTF8Encoding.isValid($0) })
            precondition(text.plain.withUnsafeBufferPointer { UTF8Encoding.isValid($0) })
            for entity in EntityExtractor.extract(text) {
                precondition(entity.range.lowerBound >= 0)
            }
        case 2:
            _ = try? RulePack(yaml: String(decoding: bytes, as: UTF8.self))
        case 3:
            _ = IndicatorList.parse(String(decoding: bytes, as: UTF8.self))
        case 4:
            if case .success(let record) = SendingRecord.parse(bytes) {
                var found: [ComplianceViolation] = []
                if !compliance.check(record, into: &found) {
                    var tracker = SpamSourceTracker(thresholds: ComplianceConfig.standard.spamSources)
                    tracker.observe(record)
                    tracker.observe(record)
                    _ = tracker.sources()
                }
                var out: [UInt8] = []
                for violation in found { violation.appendJSONLine(to: &out) }
                _ = FrequencyRule.breaches(sortedTimes: [record.sentAt, record.sentAt], cap: 1, window: 86_400_000)
            }
            _ = SpamSourceTracker.parseReports(String(decoding: bytes, as: UTF8.self))
        default:
            _ = try? ComplianceConfig(yaml: String(decoding: bytes, as: UTF8.self))
        }
    }
}
