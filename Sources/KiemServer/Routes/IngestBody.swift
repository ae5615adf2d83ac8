import Foundation
import KiemDetect
import NIOCore

/// The body of `POST /v1/items`: `{"items": [{"source", "external_id", "text", "url",
/// "received_at", "author", "metadata"}, ...]}`, other fields ignored.
///
/// Read with the engine's byte-level JSON reader rather than `JSONDecoder`: a batch of a thousand
/// items is decoded on every ingest request, and the reflective decoder cost as much as checking
/// them. Errors name the field and the item, like ``BodyDecoder``'s.
struct IngestBody {
    /// One item as sent; `metadata` is already the compact JSON text that is stored.
    struct Item {
        var source: String
        var externalId: String
        var text: String
        var url: String?
        var receivedAt: String?
        var author: String?
        var metadata: String?
    }

    var items: [Item]

    static func parse(_ body: ByteBuffer, maxItems: Int) throws -> IngestBody {
        try BodyDecoder.refuseNUL(body.readableBytesView)
        return try body.withUnsafeReadableBytes { raw in
            try parse(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count), maxItems: maxItems)
        }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maxItems: Int) throws -> IngestBody {
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        guard reader.peek() == UInt8(ascii: "{") else {
            throw APIError.badRequest(reader.atEnd ? "the body is empty" : "the body must be a JSON object")
        }
        var items: [Item]?
        do {
            try reader.readObject { key, reader in
                guard key == "items" else { _ = try reader.skipValue(); return }
                guard reader.peek() == UInt8(ascii: "[") else { throw APIError.badRequest("`items` must be an array") }
                var parsed: [Item] = []
                try reader.readArray { reader in
                    guard parsed.count < maxItems else { throw APIError.badRequest("at most \(maxItems) items per request") }
                    parsed.append(try item(&reader, path: "items[\(parsed.count)]"))
                }
                items = parsed
            }
            reader.skipWhitespace()
            guard reader.atEnd else { throw APIError.badRequest("unexpected data after the JSON object") }
        } catch let failure as JSONReader.Failure {
            throw APIError.badRequest("the body is not valid JSON: \(failure.reason) at byte \(failure.offset)")
        }
        guard let items else { throw APIError.badRequest("missing `items`") }
        return IngestBody(items: items)
    }

    private static func item(_ reader: inout JSONReader, path: String) throws -> Item {
        guard reader.peek() == UInt8(ascii: "{") else { throw APIError.badRequest("`\(path)` must be an object") }
        var source: String?
        var external: String?
        var text: String?
        var item = Item(source: "", externalId: "", text: "")
        try reader.readObject { key, reader in
            switch key {
            case "source": source = try string(&reader, path: path, key: key)
            case "external_id": external = try string(&reader, path: path, key: key)
            case "text": text = try string(&reader, path: path, key: key)
            case "url": item.url = try string(&reader, path: path, key: key, optional: true)
            case "received_at": item.receivedAt = try string(&reader, path: path, key: key, optional: true)
            case "author": item.author = try string(&reader, path: path, key: key, optional: true)
            case "metadata": item.metadata = try metadata(&reader, path: path)
            default: _ = try reader.skipValue()
            }
        }
        guard let source else { throw APIError.badRequest("missing `source` in `\(path)`") }
        guard let external else { throw APIError.badRequest("missing `external_id` in `\(path)`") }
        guard let text else { throw APIError.badRequest("missing `text` in `\(path)`") }
        item.source = source
        item.externalId = external
        item.text = text
        return item
    }

    /// A string field; `null` is absent when the field is optional.
    private static func string(_ reader: inout JSONReader, path: String, key: String, optional: Bool = false) throws -> String? {
        if reader.peek() == UInt8(ascii: "\"") { return try reader.readStringValue() }
        if try isNull(&reader) {
            if optional { return nil }
            throw APIError.badRequest("`\(path).\(key)` must be a string, not null")
        }
        throw APIError.badRequest("`\(path).\(key)` must be a string")
    }

    /// `metadata`: an object, kept as compact JSON with sorted keys, or `null` for none.
    private static func metadata(_ reader: inout JSONReader, path: String) throws -> String? {
        guard reader.peek() == UInt8(ascii: "{") else {
            if try isNull(&reader) { return nil }
            throw APIError.badRequest("`\(path).metadata` must be an object")
        }
        let start = reader.position
        _ = try reader.skipValue()
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(UnsafeBufferPointer(rebasing: reader.bytes[start..<reader.position]))).text
        } catch {
            throw APIError.badRequest("`\(path).metadata` is not valid")
        }
    }

    /// Skips a value that is not a string or object, and tells whether it was `null`.
    private static func isNull(_ reader: inout JSONReader) throws -> Bool {
        let first = reader.peek()
        return try reader.skipValue() == .literal && first == UInt8(ascii: "n")
    }
}
