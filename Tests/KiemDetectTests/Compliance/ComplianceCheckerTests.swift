import KiemDefaults
import KiemDetect
import Testing

@Suite("Decree 91 checks of one record")
struct ComplianceCheckerTests {
    static let registry = BrandnameRegistry.parse("SHOPEE\nVIETTEL,sms\n").registry
    static let doNotCall = DoNotCallList.parse("0987 000 111\n+84 912 000 222\n").list

    func record(_ line: String) throws -> SendingRecord {
        let bytes = Array(line.utf8)
        return try bytes.withUnsafeBufferPointer { try SendingRecord.parse($0).get() }
    }

    func rules(_ line: String, engine: Engine? = nil, config: ComplianceConfig = .standard) throws -> [ComplianceRule] {
        let checker = ComplianceChecker(config: config, doNotCall: Self.doNotCall, brandnames: Self.registry, engine: engine)
        var found: [ComplianceViolation] = []
        checker.check(try record(line), into: &found)
        return found.map(\.rule).sorted()
    }

    let good = "[QC] Giam 50% dien thoai tai cua hang. Tu choi QC soan TC gui 9123"

    @Test("an SMS is allowed from 07:00:00 to 22:00:00 local time, both included, and not a second outside")
    func smsHours() throws {
        for (time, broken) in [("2026-11-20T07:00:00+07:00", false), ("2026-11-20T22:00:00+07:00", false), ("2026-11-20T06:59:59+07:00", true),
                               ("2026-11-20T22:00:01+07:00", true), ("2026-11-20T00:30:00Z", false), ("2026-11-20T15:30:00Z", true)] {
            let line = #"{"id": 1, "channel": "sms", "sender": "SHOPEE", "recipient": "0912345678", "sent_at": "\#(time)", "text": "\#(good)"}"#
            #expect(try rules(line) == (broken ? [.hours] : []), "\(time)")
        }
    }

    @Test("a call is allowed from 08:00 to 17:00")
    func callHours() throws {
        for (time, broken) in [("08:00:00", false), ("17:00:00", false), ("07:59:59", true), ("17:00:01", true)] {
            let line = #"{"id": "c", "channel": "call", "sender": "SHOPEE", "recipient": "0912345678", "sent_at": "2026-11-20T\#(time)+07:00"}"#
            #expect(try rules(line) == (broken ? [.hours] : []), "\(time)")
        }
    }

    @Test("the label must open the SMS: [QC] or QC, not QCOM, not in the middle")
    func label() throws {
        for (text, labelled) in [("[QC] Giam gia", true), ("QC: Giam gia", true), ("  QC Giam gia", true), ("QCOM giam gia", false),
                                 ("Giam gia [QC]", false), ("qc giam gia", false)] {
            let line = #"{"id": 1, "channel": "sms", "sender": "SHOPEE", "recipient": "0912345678", "sent_at": "2026-11-20T10:00:00+07:00", "text": "\#(text). Tu choi soan TC gui 9123", "advertising": true}"#
            #expect(try rules(line) == (labelled ? [] : [.label]), "\(text)")
        }
    }

    @Test("an advertising message must say how to refuse, with or without accents")
    func optOut() throws {
        for (text, says) in [("Soạn TC gửi 1090 để từ chối", true), ("Tu choi QC soan TC gui 9123", true), ("Reply STOP to unsubscribe", true),
                             ("De huy nhan tin soan HUY gui 8088", true), ("Lien he anh Huy de biet them", false), ("Mua ngay hom nay", false)] {
            let line = #"{"id": 1, "channel": "sms", "sender": "SHOPEE", "recipient": "0912345678", "sent_at": "2026-11-20T10:00:00+07:00", "text": "[QC] Giam 30%. \#(text)"}"#
            #expect(try rules(line) == (says ? [] : [.optOut]), "\(text)")
        }
    }

    @Test("numbers on the Do-Not-Call list match however they are written")
    func doNotCall() throws {
        for (recipient, listed) in [("0987000111", true), ("+84987000111", true), ("84 987 000 111", true), ("0912000222", true), ("0987000112", false)] {
            let line = #"{"id": 1, "channel": "sms", "sender": "SHOPEE", "recipient": "\#(recipient)", "sent_at": "2026-11-20T10:00:00+07:00", "text": "\#(good)"}"#
            #expect(try rules(line) == (listed ? [.dnc] : []), "\(recipient)")
        }
    }

    @Test("brandnames must be registered, for the channel used; case does not matter")
    func brandname() throws {
        for (sender, channel, registered) in [("shopee", "sms", true), ("VIETTEL", "sms", true), ("VIETTEL", "call", false),
                                              ("0912345678", "sms", false), ("SHOPEE-KM", "sms", false)] {
            let line = #"{"id": 1, "channel": "\#(channel)", "sender": "\#(sender)", "recipient": "0912345678", "sent_at": "2026-11-20T10:00:00+07:00", "text": "\#(good)"}"#
            #expect(try rules(line) == (registered ? [] : [.brandname]), "\(sender) \(channel)")
        }
    }

    @Test("a recipient who said no may not be sent advertising; ordinary messages are not judged as advertising")
    func consentAndOrdinary() throws {
        let refused = #"{"id": 1, "channel": "sms", "sender": "SHOPEE", "recipient": "0912345678", "sent_at": "2026-11-20T10:00:00+07:00", "text": "\#(good)", "consent": false}"#
        #expect(try rules(refused) == [.consent])
        let otp = #"{"id": 2, "channel": "sms", "sender": "VIETCOMBANK", "recipient": "0987000111", "sent_at": "2026-11-20T23:50:00+07:00", "text": "Ma OTP cua Quy khach la 482913. Khong cung cap cho bat ky ai.", "advertising": false}"#
        #expect(try rules(otp) == [])
    }

    @Test("the engine tells an unlabelled advertisement from a one-time code")
    func detection() throws {
        let engine = Engine(model: try ShippedDefaults.model(), rules: try ShippedDefaults.rules(), policy: try ShippedDefaults.policy())
        let ad = #"{"id": 1, "channel": "sms", "sender": "SHOPEE", "recipient": "0912345678", "sent_at": "2026-11-20T10:00:00+07:00", "text": "Khuyen mai lon: giam gia 50% toan bo san pham, mua 1 tang 1, uu dai chi hom nay tai cua hang. Tu choi soan TC gui 9123"}"#
        #expect(try rules(ad, engine: engine) == [.label])
        let otp = #"{"id": 2, "channel": "sms", "sender": "SHOPEE", "recipient": "0912345678", "sent_at": "2026-11-20T23:50:00+07:00", "text": "Ma xac thuc cua ban la 482913, hieu luc trong 5 phut."}"#
        #expect(try rules(otp, engine: engine) == [])
    }

    @Test("the config overrides the defaults it names and keeps the rest")
    func config() throws {
        let config = try ComplianceConfig(yaml: """
            rules: [hours, label]
            hours:
              sms: {from: "08:00", to: "20:00"}
            """)
        #expect(config.caps[.sms] == 3)
        #expect(config.hours[.call] == ComplianceConfig.Hours(from: 8 * 3600, to: 17 * 3600))
        let late = #"{"id": 1, "channel": "sms", "sender": "NOBODY", "recipient": "0987000111", "sent_at": "2026-11-20T20:30:00+07:00", "text": "Giam gia", "advertising": true}"#
        #expect(try rules(late, config: config) == [.hours, .label])
        #expect(throws: ComplianceConfig.ParseError.self) { try ComplianceConfig(yaml: "frequency: {sms: many}") }
        #expect(throws: ComplianceConfig.ParseError.self) { try ComplianceConfig(yaml: "hours: {fax: {from: \"07:00\", to: \"08:00\"}}") }
        #expect(throws: ComplianceConfig.ParseError.self) { try ComplianceConfig(yaml: "colour: blue") }
    }
}
