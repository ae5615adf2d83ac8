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

    /// Why a line could not be checked; the `id` is kept when the line got far enough to have one.
    public struct ParseError: Error, Sendable, Equatable {
        public var message: String
        public var idJSON: [UInt8]?
    }

    /// Parses one line.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<CheckRequest, ParseError> {
        var reader = JSONReader(bytes: line)
        do {
            reader.skipWhitespace()
            guard reader.peek() == UInt8(ascii: "{") else {
                return .failure(ParseError(message: reader.atEnd ? "empty line" : "not a JSON object", idJSON: nil))
            }
            var id: [UInt8]?
            var text: [UInt8]?
            var textIsString = true
            var source: String?
            var sawText = false
            try reader.readObject(keyBytes: { key, reader in
                if JSONReader.key(key, is: "text") {
                    sawText = true
                    if reader.peek() == UInt8(ascii: "\"") { text = try reader.readString() } else { textIsString = false; _ = try reader.skipValue() }
                } else if JSONReader.key(key, is: "id") {
                    let start = reader.position
                    let kind = try reader.skipValue()
                    if kind == .string || kind == .number { id = Array(UnsafeBufferPointer(rebasing: line[start..<reader.position])) }
                } else if JSONReader.key(key, is: "source"), reader.peek() == UInt8(ascii: "\"") {
                    source = try reader.readStringValue()
                } else {
                    _ = try reader.skipValue()
                }
            })
            reader.skipWhitespace()
            guard reader.atEnd else { return .failure(ParseError(message: "unexpected data after the JSON object", idJSON: id)) }
            guard let text else {
                return .failure(ParseError(message: sawText && !textIsString ? "`text` must be a string" : "missing `text`", idJSON: id))
            }
            return .success(CheckRequest(idJSON: id, text: text, source: source))
        } catch let error as JSONReader.Failure {
            return .failure(ParseError(message: "invalid JSON: \(error.reason) at byte \(error.offset)", idJSON: nil))
        } catch {
            return .failure(ParseError(message: "invalid JSON", idJSON: nil))
        }
    }
}
