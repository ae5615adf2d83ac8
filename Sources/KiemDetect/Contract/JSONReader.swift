import KiemText

/// A strict, allocation-light JSON reader over UTF-8 bytes (RFC 8259), used for input lines.
///
/// It validates everything it skips, unescapes only the strings it is asked for, rejects
/// invalid UTF-8 in strings, and limits nesting so hostile input cannot exhaust the stack.
/// The server reads its hot bodies (`POST /v1/check`, `POST /v1/items`) with it too.
package struct JSONReader {
    package let bytes: UnsafeBufferPointer<UInt8>
    package var position = 0
    static let maxDepth = 64

    /// What is wrong with the input, and the byte offset where it was found.
    package struct Failure: Error {
        package var reason: String
        package var offset: Int

        package init(reason: String, offset: Int) {
            self.reason = reason
            self.offset = offset
        }
    }

    package enum ValueKind { case string, number, object, array, literal }

    package init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    package var atEnd: Bool { position >= bytes.count }

    package func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    package func fail(_ reason: String) -> Failure { Failure(reason: reason, offset: position) }

    package mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard peek() == byte else { throw fail("expected '\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    /// Reads an object, calling `field` with each key; `field` must consume the value.
    package mutating func readObject(_ field: (String, inout JSONReader) throws -> Void) throws {
        try readObject(keyBytes: { key, reader in try field(String(decoding: key, as: UTF8.self), &reader) })
    }

    /// Reads an object, calling `field` with each key as unescaped UTF-8 bytes, valid only during
    /// the call; `field` must consume the value. A key without escapes is read in place, uncopied.
    package mutating func readObject(keyBytes field: (UnsafeBufferPointer<UInt8>, inout JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { position += 1; return }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw fail("expected a key") }
            let key = try readStringInPlace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            switch key {
            case .inPlace(let range): try field(UnsafeBufferPointer(rebasing: bytes[range]), &self)
            case .unescaped(let copy): try copy.withUnsafeBufferPointer { try field($0, &self) }
            }
            skipWhitespace()
            guard let next = peek() else { throw fail("unterminated object") }
            position += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw fail("expected ',' or '}'") }
        }
    }

    /// Whether a key read by ``readObject(keyBytes:)`` is `name`.
    package static func key(_ key: UnsafeBufferPointer<UInt8>, is name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        for index in 0..<key.count where key[index] != expected[index] { return false }
        return true
    }

    /// Reads an array, calling `element` at each element; `element` must consume the value.
    package mutating func readArray(_ element: (inout JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { position += 1; return }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            guard let next = peek() else { throw fail("unterminated array") }
            if next == UInt8(ascii: "]") { position += 1; return }
            guard next == UInt8(ascii: ",") else { throw fail("expected ',' or ']'") }
            position += 1
        }
    }

    /// Reads a string and returns its unescaped UTF-8 bytes.
    package mutating func readString() throws -> [UInt8] {
        var out: [UInt8] = []
        try readString(into: &out)
        return out
    }

    /// Reads a string and appends its unescaped UTF-8 bytes to `out`.
    package mutating func readString(into out: inout [UInt8]) throws {
        try scanString(into: &out, keep: true)
    }

    /// Reads a string as a `String`. One without escapes is taken straight from the input, so a
    /// key or a short value (up to 15 bytes, which `String` keeps inline) costs no allocation.
    package mutating func readStringValue() throws -> String {
        switch try readStringInPlace() {
        case .inPlace(let range): String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        case .unescaped(let copy): String(decoding: copy, as: UTF8.self)
        }
    }

    /// A string just read: where its bytes sit in the input when it has no escape, else its
    /// unescaped bytes.
    private enum StringBytes {
        case inPlace(Range<Int>)
        case unescaped([UInt8])
    }

    /// Reads a string, copying it only when it has an escape to undo.
    private mutating func readStringInPlace() throws -> StringBytes {
        let start = position + 1
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: "\"") && bytes[end] != UInt8(ascii: "\\") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return .unescaped(try readString()) }
        var unused: [UInt8] = []
        try scanString(into: &unused, keep: false)  // validates (control characters, UTF-8) and moves past it
        return .inPlace(start..<end)
    }

    private mutating func scanString(into out: inout [UInt8], keep: Bool) throws {
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        position += 1
        var runStart = position
        while position < bytes.count {
            // Eight bytes at a time while none needs a look: most of a message is plain ASCII.
            while position &+ 8 <= bytes.count,
                  !Self.needsLook(UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self)) {
                position &+= 8
            }
            // Then byte by byte up to the end of those eight bytes (or past an escape or a letter
            // beyond ASCII).
            let stop = min(position &+ 8, bytes.count)
            while position < stop {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    if keep { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position])) }
                    position += 1
                    return
                }
                if byte < 0x20 { throw fail("control character in string") }
                if byte == UInt8(ascii: "\\") {
                    if keep {
                        if out.isEmpty { reserveUnescaped(&out, start: runStart, escape: position) }
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                    }
                    position += 1
                    guard let escape = peek() else { break }
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): if keep { out.append(escape) }
                    case UInt8(ascii: "b"): if keep { out.append(0x08) }
                    case UInt8(ascii: "f"): if keep { out.append(0x0C) }
                    case UInt8(ascii: "n"): if keep { out.append(0x0A) }
                    case UInt8(ascii: "r"): if keep { out.append(0x0D) }
                    case UInt8(ascii: "t"): if keep { out.append(0x09) }
                    case UInt8(ascii: "u"):
                        var scalar = try readHex4()
                        if scalar >= 0xD800 && scalar <= 0xDBFF {
                            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                                throw fail("unpaired surrogate")
                            }
                            position += 2
                            let low = try readHex4()
                            guard low >= 0xDC00 && low <= 0xDFFF else { throw fail("unpaired surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                            throw fail("unpaired surrogate")
                        }
                        if keep { UTF8Encoding.append(scalar, to: &out) }
                    default:
                        throw fail("invalid escape")
                    }
                    runStart = position
                    continue
                }
                if byte >= 0x80 {
                    let (value, length) = UTF8Encoding.decode(bytes, at: position)
                    guard value != nil else { throw fail("invalid UTF-8") }
                    position += length
                    continue
                }
                position += 1
            }
        }
        throw fail("unterminated string")
    }

    /// Whether any of eight bytes is a quote, a backslash, a control byte or beyond ASCII: each
    /// test sets the high bit of a byte that may be one (a byte after a real hit may be flagged
    /// too, which only sends those bytes to the byte-by-byte path).
    @inline(__always)
    static func needsLook(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroBackslash | control | word) & high != 0
    }

    /// Makes room, once, for a string that starts at `start` and has its first escape at
    /// `escape`: unescaped, it has at most as many bytes as it has up to its closing quote, so
    /// `out` never grows again while it is read.
    private func reserveUnescaped(_ out: inout [UInt8], start: Int, escape: Int) {
        var end = escape
        while end < bytes.count && bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
        out.reserveCapacity(min(end, bytes.count) - start)
    }

    private mutating func readHex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// Skips one value of any kind, validating it.
    package mutating func skipValue(depth: Int = 0) throws -> ValueKind {
        guard depth < Self.maxDepth else { throw fail("nesting too deep") }
        skipWhitespace()
        guard let byte = peek() else { throw fail("expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            var ignored: [UInt8] = []
            try scanString(into: &ignored, keep: false)
            return .string
        case UInt8(ascii: "{"):
            try readObject(keyBytes: { _, reader in _ = try reader.skipValue(depth: depth + 1) })
            return .object
        case UInt8(ascii: "["):
            try readArray { reader in _ = try reader.skipValue(depth: depth + 1) }
            return .array
        case UInt8(ascii: "t"): try literal("true"); return .literal
        case UInt8(ascii: "f"): try literal("false"); return .literal
        case UInt8(ascii: "n"): try literal("null"); return .literal
        case UInt8(ascii: "-"), 0x30...0x39: try skipNumber(); return .number
        default: throw fail("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw fail("invalid literal") }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where bytes[position + offset] != expected[offset] { throw fail("invalid literal") }
        position += count
    }

    private mutating func skipNumber() throws {
        func digits() -> Int {
            let start = position
            while position < bytes.count && bytes[position] >= 0x30 && bytes[position] <= 0x39 { position += 1 }
            return position - start
        }
        if peek() == UInt8(ascii: "-") { position += 1 }
        if peek() == 0x30 { position += 1 } else if digits() == 0 { throw fail("invalid number") }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw fail("invalid number") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw fail("invalid number") }
        }
    }
}
