/// Byte-level UTF-8 decoding and encoding used by the hot paths.
public enum UTF8Encoding {
    /// Appends the UTF-8 encoding of a scalar value.
    @inlinable
    public static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(value))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18 & 0x07))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// The number of bytes in the UTF-8 encoding of a scalar value.
    @inlinable
    public static func length(of value: UInt32) -> Int {
        value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
    }

    /// Writes the UTF-8 encoding of a scalar value at `out`, which has room for it; returns its length.
    @inlinable
    public static func write(_ value: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if value < 0x80 {
            out[0] = UInt8(value)
            return 1
        } else if value < 0x800 {
            out[0] = UInt8(0xC0 | value >> 6)
            out[1] = UInt8(0x80 | value & 0x3F)
            return 2
        } else if value < 0x10000 {
            out[0] = UInt8(0xE0 | value >> 12)
            out[1] = UInt8(0x80 | value >> 6 & 0x3F)
            out[2] = UInt8(0x80 | value & 0x3F)
            return 3
        }
        out[0] = UInt8(0xF0 | value >> 18 & 0x07)
        out[1] = UInt8(0x80 | value >> 12 & 0x3F)
        out[2] = UInt8(0x80 | value >> 6 & 0x3F)
        out[3] = UInt8(0x80 | value & 0x3F)
        return 4
    }

    /// Decodes the scalar starting at `index`. Returns nil and the number of bytes to skip
    /// when the sequence is invalid (overlong, surrogate, truncated, out of range).
    @inlinable
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32?, Int) {
        let lead = bytes[index]
        let count = bytes.count
        @inline(__always) func continuation(_ offset: Int) -> UInt32? {
            guard index + offset < count else { return nil }
            let byte = bytes[index + offset]
            return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
        }
        switch lead {
        case 0xC2...0xDF:
            guard let b1 = continuation(1) else { return (nil, 1) }
            return (UInt32(lead & 0x1F) << 6 | b1, 2)
        case 0xE0...0xEF:
            guard let b1 = continuation(1) else { return (nil, 1) }
            guard let b2 = continuation(2) else { return (nil, 2) }
            let value = UInt32(lead & 0x0F) << 12 | b1 << 6 | b2
            if value < 0x800 || (value >= 0xD800 && value <= 0xDFFF) { return (nil, 3) }
            return (value, 3)
        case 0xF0...0xF4:
            guard let b1 = continuation(1) else { return (nil, 1) }
            guard let b2 = continuation(2) else { return (nil, 2) }
            guard let b3 = continuation(3) else { return (nil, 3) }
            let value = UInt32(lead & 0x07) << 18 | b1 << 12 | b2 << 6 | b3
            if value < 0x10000 || value > 0x10FFFF { return (nil, 4) }
            return (value, 4)
        default:
            return (nil, 1)
        }
    }

    /// Whether the bytes are valid UTF-8.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 { index += 1; continue }
            let (value, length) = decode(bytes, at: index)
            if value == nil { return false }
            index += length
        }
        return true
    }
}
