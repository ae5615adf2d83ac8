import Foundation
import NIOCore

/// Any JSON value, for fields Kiem keeps as they came (an item's `metadata`).
enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Compact JSON text, keys sorted.
    var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}

/// Decodes a request body with a message that says what is wrong and where.
enum BodyDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from bytes: ByteBufferView) throws -> T {
        try refuseNUL(bytes)
        do {
            return try JSONDecoder.snakeCase.decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw APIError.badRequest(describe(error))
        } catch {
            throw APIError.badRequest("the body is not valid JSON")
        }
    }

    /// Refuses a body with a NUL character, raw or escaped as `\u0000` in a JSON string: PostgreSQL
    /// cannot store it, and a NUL in a key would not find its row again. Every body that may be
    /// stored goes through here, so the check is made once for all routes.
    static func refuseNUL(_ bytes: some Collection<UInt8>) throws {
        if containsNUL(bytes) { throw APIError.badRequest("the body contains a NUL character (\\u0000), which cannot be stored") }
    }

    /// Whether `bytes` hold a NUL byte, or a `\u0000` escape (one not itself escaped: `\\u0000`
    /// is a backslash and the text "u0000").
    static func containsNUL(_ bytes: some Collection<UInt8>) -> Bool {
        var backslashes = 0
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0 { return true }
            if byte == UInt8(ascii: "\\") {
                backslashes += 1
            } else {
                if byte == UInt8(ascii: "u") && backslashes % 2 == 1 {
                    var digits = bytes[bytes.index(after: index)...].prefix(4).makeIterator()
                    var zeros = 0
                    while let digit = digits.next(), digit == UInt8(ascii: "0") { zeros += 1 }
                    if zeros == 4 { return true }
                }
                backslashes = 0
            }
            index = bytes.index(after: index)
        }
        return false
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + snakeCase($0.stringValue) }
            let joined = parts.joined()
            return joined.isEmpty ? "the body" : "`" + (joined.hasPrefix(".") ? String(joined.dropFirst()) : joined) + "`"
        }
        switch error {
        case .keyNotFound(let key, let context):
            let prefix = path(context)
            return "missing `\(snakeCase(key.stringValue))`" + (prefix == "the body" ? "" : " in \(prefix)")
        case .typeMismatch(let type, let context): return "\(path(context)) must be \(describe(type))"
        case .valueNotFound(let type, let context): return "\(path(context)) must be \(describe(type)), not null"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "the body is not valid JSON" : "\(path(context)) is not valid"
        @unknown default: return "the body could not be read"
        }
    }

    /// The wire name of a property: `externalId` → `external_id`.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase { out += "_" + character.lowercased() } else { out.append(character) }
        }
        return out
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
