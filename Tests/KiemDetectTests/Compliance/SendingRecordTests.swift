import KiemDetect
import Testing

@Suite("Sending records and their times")
struct SendingRecordTests {
    func parse(_ line: String) -> Result<SendingRecord, SendingRecord.ParseError> {
        Array(line.utf8).withUnsafeBufferPointer { SendingRecord.parse($0) }
    }

    @Test("ISO 8601 times need an offset and are read to the millisecond")
    func timestamps() {
        #expect(Timestamp.milliseconds("2026-11-20T07:00:00+07:00".utf8) == Timestamp.milliseconds("2026-11-20T00:00:00Z".utf8))
        #expect(Timestamp.milliseconds("1970-01-01T00:00:00.250Z".utf8) == 250)
        #expect(Timestamp.milliseconds("1970-01-01 07:00:00+0700".utf8) == 0)
        #expect(Timestamp.milliseconds("2024-02-29T12:00:00Z".utf8) != nil)
        for bad in ["2026-11-20T07:00:00", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20", "", "2026-11-20T07:00:00+07:00x"] {
            #expect(Timestamp.milliseconds(bad.utf8) == nil, "\(bad)")
        }
        #expect(Timestamp.utcString(milliseconds: 0, offsetSeconds: 7 * 3600) == "1970-01-01T07:00:00+07:00")
    }

    @Test("numbers become E.164, brandnames upper case, addresses lower case")
    func normalized() throws {
        let record = try parse(#"{"id": 7, "channel": "SMS", "sender": "Shopee", "recipient": "0912 345 678", "sent_at": "2026-11-20T07:00:00+07:00", "text": "x", "extra": [1]}"#).get()
        #expect(record.channel == .sms)
        #expect(record.sender == "SHOPEE")
        #expect(record.recipient == "+84912345678")
        #expect(record.idJSON == Array("7".utf8))
        let mail = try parse(#"{"id": "m", "channel": "email", "sender": "News@Shop.VN", "recipient": "Khach@Example.vn", "sent_at": "2026-11-20T07:00:00Z", "text": "x", "subject": null}"#).get()
        #expect(mail.sender == "news@shop.vn")
        #expect(mail.recipient == "khach@example.vn")
    }

    @Test("a bad record gets a reason, keeping its id when it has one")
    func errors() {
        let cases: [(String, String)] = [
            (#"{"channel": "sms"}"#, "missing `id`"),
            (#"{"id": "a", "channel": "fax", "sender": "X", "recipient": "1", "sent_at": "2026-11-20T07:00:00Z", "text": ""}"#, "`channel` must be"),
            (#"{"id": "a", "channel": "sms", "sender": "X", "recipient": "0912345678", "sent_at": "2026-11-20 07:00", "text": ""}"#, "`sent_at` must be"),
            (#"{"id": "a", "channel": "sms", "sender": "X", "recipient": "0912345678", "sent_at": "2026-11-20T07:00:00Z"}"#, "missing `text`"),
            (#"{"id": "a", "channel": "sms", "sender": 5, "recipient": "0912345678", "sent_at": "2026-11-20T07:00:00Z", "text": ""}"#, "`sender` has the wrong type"),
            (#"{"id": "a", "#, "invalid JSON"),
            ("[1]", "not a JSON object"),
        ]
        for (line, reason) in cases {
            guard case .failure(let error) = parse(line) else { Issue.record("\(line) was accepted"); continue }
            #expect(error.message.contains(reason), "\(line): \(error.message)")
        }
        if case .failure(let error) = parse(#"{"id": "a", "channel": "fax"}"#) { #expect(error.idJSON == Array(#""a""#.utf8)) }
    }
}
