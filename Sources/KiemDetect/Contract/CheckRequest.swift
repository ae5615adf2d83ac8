/// One input line of `kiem check --jsonl` (and one item of `POST /v1/check`):
/// `{"id": "...", "text": "...", "source": "sms"}`, `id` and `source` optional, other fields ignored.
///
/// Parsed by a small byte-level JSON reader that validates the whole line but only decodes the
/// fields it needs, so that a line costs little more than reading it.
public struct CheckRequest: Sendable, Equatable {
    /// The `id` as it should be echoed: a JSON string or number, copied as written.
    public var idJSON: [UInt8]?
    /// The text, unescaped UTF-8.
    public var text: [UInt8]
    public var source: String?

    public init(idJSON: [UInt8]? = nil, text: [UInt8] = [], source: String? = nil) {
        self.idJSON = idJSON
        self.text = text
        self.source = source
    }

    /// Why a line could not be checked; the `id` is kept when the line got far enough to have one.
    public struct ParseError: Error, Sendable, Equatable {
        public var message: String
        public var idJSON: [UInt8]?
    }

    /// Parses one line.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<CheckRequest, ParseError> {
        var request = CheckRequest()
        if let error = parse(line, into: &request) { return .failure(error) }
        return .success(request)
    }

    /// Parses one line into `request`, or returns why it cannot be checked. The memory of the
    /// request's text and id is reused when nothing else holds them, as when a batch reads line
    /// after line into one request.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>, into request: inout CheckRequest) -> ParseError? {
        var reader = JSONReader(bytes: line)
        // Taken out of the request, so that they are its only holders while they are refilled
        // (each read empties them first).
        var text = request.text
        var id = request.idJSON ?? []
        request = CheckRequest()
        do {
            reader.skipWhitespace()
            guard reader.peek() == UInt8(ascii: "{") else {
                return ParseError(message: reader.atEnd ? "empty line" : "not a JSON object", idJSON: nil)
            }
            var hasID = false
            var hasText = false
            var textIsString = true
            var source: String?
            var sawText = false
            try reader.readObject(keyBytes: { key, reader in
                if JSONReader.key(key, is: "text") {
                    sawText = true
                    if reader.peek() == UInt8(ascii: "\"") {
                        text.removeAll(keepingCapacity: true)
                        try reader.readString(into: &text)
                        hasText = true
                    } else {
                        textIsString = false
                        _ = try reader.skipValue()
                    }
                } else if JSONReader.key(key, is: "id") {
                    let start = reader.position
                    let kind = try reader.skipValue()
                    if kind == .string || kind == .number {
                        id.removeAll(keepingCapacity: true)
                        id.append(contentsOf: UnsafeBufferPointer(rebasing: line[start..<reader.position]))
                        hasID = true
                    }
                } else if JSONReader.key(key, is: "source"), reader.peek() == UInt8(ascii: "\"") {
                    source = try reader.readStringValue()
                } else {
                    _ = try reader.skipValue()
                }
            })
            let idJSON = hasID ? id : nil
            reader.skipWhitespace()
            guard reader.atEnd else { return ParseError(message: "unexpected data after the JSON object", idJSON: idJSON) }
            guard hasText else {
                return ParseError(message: sawText && !textIsString ? "`text` must be a string" : "missing `text`", idJSON: idJSON)
            }
            request = CheckRequest(idJSON: idJSON, text: text, source: source)
            return nil
        } catch let error as JSONReader.Failure {
            return ParseError(message: "invalid JSON: \(error.reason) at byte \(error.offset)", idJSON: nil)
        } catch {
            return ParseError(message: "invalid JSON", idJSON: nil)
        }
    }
}
