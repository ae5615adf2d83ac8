/// Finds phone numbers in Vietnamese and international formats and writes them in E.164.
///
/// Accepts `0912 345 678`, `0912.345.678`, `(+84) 912-345-678`, `84912345678`, landlines
/// `024 3825 1234`, hotlines `1900 1234` (kept as dialled, they have no E.164 form), and other
/// countries after a `+`.
public enum PhoneExtractor {
    static func extract(_ bytes: [UInt8], from first: Int, skipping taken: [Range<Int>], into entities: inout [Entity]) {
        let count = bytes.count
        // At most 16 digits are read into a number: room on the stack, not an array per message.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { digits in
            // Declared in the closure, so that it stays in a register (captured, it would live in memory).
            var index = first
            while index < count {
                let byte = bytes[index]
                let startsHere = Byte.isDigit(byte) || (byte == 0x2B && index + 1 < count && Byte.isDigit(bytes[index + 1]))
                    || (byte == 0x28 && index + 1 < count && (bytes[index + 1] == 0x2B || Byte.isDigit(bytes[index + 1])))
                guard startsHere, index == 0 || !Byte.isWordByte(bytes[index - 1]) && bytes[index - 1] != 0x2E && bytes[index - 1] != 0x2C else {
                    index += 1
                    continue
                }
                let start = index
                var plus = false
                var cursor = index
                var digitCount = 0
                var lastDigitEnd = cursor
                while cursor < count && digitCount <= 15 {
                    let b = bytes[cursor]
                    if Byte.isDigit(b) {
                        digits[digitCount] = b
                        digitCount += 1
                        cursor += 1
                        lastDigitEnd = cursor
                    } else if b == 0x2B && digitCount == 0 {
                        plus = true
                        cursor += 1
                    } else if (b == 0x20 || b == 0x2E || b == 0x2D || b == 0x28 || b == 0x29) && cursor + 1 < count
                                && (Byte.isDigit(bytes[cursor + 1]) || bytes[cursor + 1] == 0x20 && b == 0x29) {
                        cursor += 1
                    } else {
                        break
                    }
                }
                let end = lastDigitEnd
                let followedByWord = end < count && Byte.isWordByte(bytes[end])
                defer { index = max(end, index + 1) }
                if followedByWord || taken.contains(where: { $0.overlaps(start..<end) }) { continue }
                if let number = e164(UnsafeBufferPointer(rebasing: digits[0..<digitCount]), plus: plus) {
                    entities.append(Entity(kind: .phone, value: number, range: start..<end))
                }
            }
        }
    }

    /// E.164 form of dialled digits, or nil when they are not a phone number.
    public static func e164(_ digits: [UInt8], plus: Bool) -> String? {
        digits.withUnsafeBufferPointer { e164($0, plus: plus) }
    }

    /// E.164 form of dialled digits (ASCII), or nil when they are not a phone number; read on
    /// the bytes, and written without an allocation (the result fits in a `String`'s own room).
    static func e164(_ digits: UnsafeBufferPointer<UInt8>, plus: Bool) -> String? {
        let n = digits.count
        if n >= 2 && digits[0] == 0x30 {
            let second = digits[1]
            // Mobile: 0 + 9 digits with prefixes 3, 5, 7, 8, 9; landline: 02 + 9 digits.
            if n == 10 && isMobilePrefix(second) || n == 11 && second == 0x32 { return written("+84", digits, from: 1) }
            return nil
        }
        if (n == 11 || n == 12) && digits[0] == 0x38 && digits[1] == 0x34 {
            let national = digits[2]
            if isMobilePrefix(national) && n == 11 || national == 0x32 && n == 12 { return written("+", digits, from: 0) }
            return nil
        }
        // Hotlines 1900 and 1800 are kept as dialled.
        if (n == 8 || n == 10) && digits[0] == 0x31 && (digits[1] == 0x39 || digits[1] == 0x38) && digits[2] == 0x30 && digits[3] == 0x30 {
            return written("", digits, from: 0)
        }
        if plus && n >= 8 && n <= 15 { return written("+", digits, from: 0) }
        return nil
    }

    /// `prefix` followed by `digits` from `start` on.
    private static func written(_ prefix: StaticString, _ digits: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        return String(unsafeUninitializedCapacity: prefixBytes.count + digits.count - start) { out in
            var written = 0
            for byte in prefixBytes {
                out[written] = byte
                written += 1
            }
            for index in start..<digits.count {
                out[written] = digits[index]
                written += 1
            }
            return written
        }
    }

    /// Whether a Vietnamese mobile number's first national digit is `digit`: 3, 5, 7, 8 or 9.
    @inline(__always)
    static func isMobilePrefix(_ digit: UInt8) -> Bool {
        digit == 0x33 || digit == 0x35 || digit == 0x37 || digit == 0x38 || digit == 0x39
    }
}

extension PhoneExtractor {
    /// E.164 form of a number as a person writes it ("0912 345 678", "+84 912345678"), or nil.
    public static func e164(_ written: String) -> String? {
        let digits = written.utf8.filter(Byte.isDigit)
        return e164(Array(digits), plus: written.hasPrefix("+"))
    }
}
