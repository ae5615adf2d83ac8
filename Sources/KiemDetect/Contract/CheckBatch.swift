/// The body of `POST /v1/check`: one request object, or `{"items": [...]}` with up to
/// `maxItems` of them. Each item is parsed on its own, so one bad item does not spoil the rest.
public enum CheckBatch {
    /// A parsed body: one item, or a batch whose items are each a request or an error.
    public enum Body: Sendable {
        case single(CheckRequest)
        case batch([Result<CheckRequest, CheckRequest.ParseError>])
    }

    /// Why the body as a whole cannot be read.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
    }

    public static let maxItems = 1000

    public static func parse(_ body: UnsafeBufferPointer<UInt8>, maxItems: Int = maxItems) -> Result<Body, Failure> {
        var reader = JSONReader(bytes: body)
        reader.skipWhitespace()
        guard reader.peek() == UInt8(ascii: "{") else {
            return .failure(Failure(message: reader.atEnd ? "the body is empty" : "the body must be a JSON object"))
        }
        var items: [Result<CheckRequest, CheckRequest.ParseError>]?
        var sawText = false
        do {
            try reader.readObject { key, reader in
                switch key {
                case "items":
                    guard reader.peek() == UInt8(ascii: "[") else { throw JSONReader.Failure(reason: "`items` must be an array", offset: reader.position) }
                    var parsed: [Result<CheckRequest, CheckRequest.ParseError>] = []
                    try reader.readArray { reader in
                        let start = reader.position
                        _ = try reader.skipValue()
                        guard parsed.count < maxItems else { throw JSONReader.Failure(reason: "more than \(maxItems) items", offset: start) }
                        parsed.append(CheckRequest.parse(UnsafeBufferPointer(rebasing: body[start..<reader.position])))
                    }
                    items = parsed
                case "text":
                    sawText = true
                    _ = try reader.skipValue()
                default:
                    _ = try reader.skipValue()
                }
            }
            reader.skipWhitespace()
            guard reader.atEnd else { return .failure(Failure(message: "unexpected data after the JSON object")) }
        } catch let error as JSONReader.Failure {
            return .failure(Failure(message: error.reason.hasPrefix("more than") || error.reason.hasPrefix("`items`") ? error.reason : "invalid JSON: \(error.reason) at byte \(error.offset)"))
        } catch {
            return .failure(Failure(message: "invalid JSON"))
        }
        if let items, !sawText { return .success(.batch(items)) }
        switch CheckRequest.parse(body) {
        case .success(let request): return .success(.single(request))
        case .failure(let error): return .failure(Failure(message: error.message))
        }
    }
}
