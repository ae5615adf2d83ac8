import KiemText

/// One record of advertising traffic, as `kiem compliance` reads it, one JSON object per line:
/// `{"id", "channel": "sms"|"email"|"call", "sender", "recipient", "sent_at", "text", "subject"?,
/// "consent"?, "advertising"?}`. Other fields are ignored.
///
/// Phone numbers are kept in E.164 (`+84912345678`), brandnames in upper case, e-mail
/// addresses in lower case, so that lists and windows match however the number was written.
public struct SendingRecord: Sendable, Equatable {
    /// The kind of traffic a record is.
    public enum Channel: UInt8, Sendable, CaseIterable, Comparable {
        case sms, email, call

        public var name: String {
            switch self {
            case .sms: "sms"
            case .email: "email"
            case .call: "call"
            }
        }

        public init?(name: String) {
            guard let channel = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
            self = channel
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The `id` exactly as written in the input (a JSON string or number), echoed in `record_id`.
    public var idJSON: [UInt8]
    public var channel: Channel
    /// The sender, normalized: E.164 for a phone number, upper case for a brandname.
    public var sender: String
    /// The recipient, normalized: E.164 for a phone number, lower case for an e-mail address.
    public var recipient: String
    /// When it was sent, in milliseconds since the epoch, UTC.
    public var sentAt: Int64
    public var text: [UInt8]
    public var subject: [UInt8]
    /// Whether the recipient agreed to receive advertising from this sender; nil when not said.
    public var consent: Bool?
    /// Whether the sender declares the record advertising; nil leaves it to Kiem to judge.
    public var advertising: Bool?

    public init(idJSON: [UInt8], channel: Channel, sender: String, recipient: String, sentAt: Int64,
                text: [UInt8] = [], subject: [UInt8] = [], consent: Bool? = nil, advertising: Bool? = nil) {
        self.idJSON = idJSON
        self.channel = channel
        self.sender = sender
        self.recipient = recipient
        self.sentAt = sentAt
        self.text = text
        self.subject = subject
        self.consent = consent
        self.advertising = advertising
    }

    /// Why a line is not a valid record; the `id` is kept when the line got far enough to have one.
    public struct ParseError: Error, Sendable, Equatable {
        public var message: String
        public var idJSON: [UInt8]?

        public init(message: String, idJSON: [UInt8]?) {
            self.message = message
            self.idJSON = idJSON
        }
    }

    /// Parses one JSONL line.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<SendingRecord, ParseError> {
        var reader = JSONReader(bytes: line)
        var id: [UInt8]?
        do {
            reader.skipWhitespace()
            guard reader.peek() == UInt8(ascii: "{") else {
                return .failure(ParseError(message: reader.atEnd ? "empty line" : "not a JSON object", idJSON: nil))
            }
            var channel: [UInt8]?, sender: [UInt8]?, recipient: [UInt8]?, sentAt: [UInt8]?
            var text: [UInt8]?, subject: [UInt8]?
            var consent: Bool?, advertising: Bool?
            var wrongType: String?
            try reader.readObject { key, reader in
                func string() throws -> [UInt8]? {
                    if reader.peek() == UInt8(ascii: "\"") { return try reader.readString() }
                    // null reads as absent; a number, object or true/false is refused.
                    let start = reader.position
                    if try reader.skipValue() != .literal || line[start] != UInt8(ascii: "n") { wrongType = wrongType ?? key }
                    return nil
                }
                func flag() throws -> Bool? {
                    let start = reader.position
                    let kind = try reader.skipValue()
                    guard kind == .literal else { wrongType = wrongType ?? key; return nil }
                    switch line[start] {
                    case UInt8(ascii: "t"): return true
                    case UInt8(ascii: "f"): return false
                    default: return nil  // null
                    }
                }
                switch key {
                case "id":
                    let start = reader.position
                    let kind = try reader.skipValue()
                    if kind == .string || kind == .number { id = Array(UnsafeBufferPointer(rebasing: line[start..<reader.position])) }
                case "channel": channel = try string()
                case "sender": sender = try string()
                case "recipient": recipient = try string()
                case "sent_at": sentAt = try string()
                case "text": text = try string()
                case "subject": subject = try string()
                case "consent": consent = try flag()
                case "advertising": advertising = try flag()
                default: _ = try reader.skipValue()
                }
            }
            reader.skipWhitespace()
            guard reader.atEnd else { return .failure(ParseError(message: "unexpected data after the JSON object", idJSON: id)) }
            if let wrongType { return .failure(ParseError(message: "`\(wrongType)` has the wrong type", idJSON: id)) }
            guard let id else { return .failure(ParseError(message: "missing `id` (a string or number)", idJSON: nil)) }
            func fail(_ message: String) -> Result<SendingRecord, ParseError> { .failure(ParseError(message: message, idJSON: id)) }
            guard let channelBytes = channel else { return fail("missing `channel`") }
            guard let parsedChannel = Channel(name: String(decoding: channelBytes, as: UTF8.self)) else {
                return fail("`channel` must be \"sms\", \"email\" or \"call\"")
            }
            guard let sender, let normalizedSender = normalizeParty(sender) else { return fail("missing or empty `sender`") }
            guard let recipient, let normalizedRecipient = normalizeParty(recipient) else { return fail("missing or empty `recipient`") }
            guard let sentAt else { return fail("missing `sent_at`") }
            guard let milliseconds = Timestamp.milliseconds(sentAt) else {
                return fail("`sent_at` must be an ISO 8601 date-time with an offset, such as 2026-11-20T09:30:00+07:00")
            }
            if parsedChannel != .call && text == nil { return fail("missing `text`") }
            return .success(SendingRecord(
                idJSON: id, channel: parsedChannel, sender: normalizedSender, recipient: normalizedRecipient,
                sentAt: milliseconds, text: text ?? [], subject: subject ?? [], consent: consent, advertising: advertising
            ))
        } catch let error as JSONReader.Failure {
            return .failure(ParseError(message: "invalid JSON: \(error.reason) at byte \(error.offset)", idJSON: id))
        } catch {
            return .failure(ParseError(message: "invalid JSON", idJSON: id))
        }
    }

    /// A sender or recipient in the form lists are matched in: E.164 for anything that reads as a
    /// phone number, lower case for an e-mail address, upper case for a brandname.
    public static func normalizeParty(_ bytes: [UInt8]) -> String? {
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        guard start < end else { return nil }
        let trimmed = bytes[start..<end]
        var digits: [UInt8] = []
        var phoneLike = true
        for byte in trimmed {
            switch byte {
            case 0x30...0x39: digits.append(byte)
            case 0x2B, 0x20, 0x2D, 0x2E, 0x28, 0x29: break
            default: phoneLike = false
            }
            if !phoneLike { break }
        }
        if phoneLike && !digits.isEmpty {
            return PhoneExtractor.e164(digits, plus: trimmed.first == 0x2B) ?? String(decoding: digits, as: UTF8.self)
        }
        let isEmail = trimmed.contains(UInt8(ascii: "@"))
        var out = [UInt8]()
        out.reserveCapacity(trimmed.count)
        for byte in trimmed {
            switch byte {
            case 0x41...0x5A where isEmail: out.append(byte | 0x20)
            case 0x61...0x7A where !isEmail: out.append(byte & ~0x20)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
