/// Finds amounts of money and converts them to đồng: "5tr", "500k", "2 củ", "1.200.000đ",
/// "10 triệu", "1tỷ2", "$100", "50 usd".
enum MoneyExtractor {
    private static let units: [(word: [UInt8], multiplier: Double, isCurrency: Bool)] = [
        ("triệu", 1_000_000, true), ("trieu", 1_000_000, true), ("tr", 1_000_000, true), ("củ", 1_000_000, true),
        ("cu", 1_000_000, true), ("tỷ", 1_000_000_000, true), ("tỉ", 1_000_000_000, true), ("ty", 1_000_000_000, true),
        ("tỏi", 1_000_000_000, true), ("nghìn", 1_000, true), ("ngàn", 1_000, true), ("nghin", 1_000, true),
        ("ngan", 1_000, true), ("k", 1_000, true), ("lít", 100_000, true), ("vnđ", 1, true), ("vnd", 1, true),
        ("đồng", 1, true), ("dong", 1, true), ("đ", 1, true), ("₫", 1, true), ("d", 1, true),
        ("usdt", 25_000, true), ("usd", 25_000, true), ("$", 25_000, true), ("đô", 25_000, true),
    ].map { (Array($0.0.utf8), $0.1, $0.2) }

    /// Per byte, whether a unit starts with it: after most numbers no unit can follow, and the
    /// list is not walked.
    private static let unitFirstBytes: [Bool] = (0..<256).map { byte in units.contains { $0.word.first == UInt8(byte) } }

    static func extract(_ bytes: [UInt8], from first: Int, skipping taken: [Range<Int>], into entities: inout [Entity]) {
        let count = bytes.count
        var index = first
        while index < count {
            let dollarPrefix = bytes[index] == 0x24 && index + 1 < count && Byte.isDigit(bytes[index + 1])
            guard Byte.isDigit(bytes[index]) || dollarPrefix, index == 0 || !Byte.isWordByte(bytes[index - 1]) && bytes[index - 1] != 0x2E && bytes[index - 1] != 0x2C else {
                index += 1
                continue
            }
            let start = index
            var cursor = dollarPrefix ? index + 1 : index
            // Digits with thousands separators (. or ,) and at most one decimal part.
            var integer: Double = 0
            var groups = 0
            var fraction: Double = 0
            var fractionScale: Double = 1
            var separatorSeen: UInt8 = 0
            var digitsInGroup = 0
            while cursor < count {
                let b = bytes[cursor]
                if Byte.isDigit(b) {
                    if separatorSeen != 0 && groups == 0 { fractionScale /= 10; fraction += Double(b - 0x30) * fractionScale } else { integer = integer * 10 + Double(b - 0x30) }
                    digitsInGroup += 1
                    cursor += 1
                } else if (b == 0x2E || b == 0x2C) && cursor + 3 < count && Byte.isDigit(bytes[cursor + 1]) && Byte.isDigit(bytes[cursor + 2]) && Byte.isDigit(bytes[cursor + 3]) && (cursor + 4 >= count || !Byte.isDigit(bytes[cursor + 4])) {
                    groups += 1
                    separatorSeen = b
                    cursor += 1
                    digitsInGroup = 0
                } else if (b == 0x2E || b == 0x2C) && separatorSeen == 0 && cursor + 1 < count && Byte.isDigit(bytes[cursor + 1]) {
                    separatorSeen = b
                    cursor += 1
                } else {
                    break
                }
            }
            let numberEnd = cursor
            var unitCursor = cursor
            if unitCursor < count && bytes[unitCursor] == 0x20 { unitCursor += 1 }
            var matched: (multiplier: Double, end: Int, extra: Double)?
            if dollarPrefix {
                matched = (25_000, numberEnd, 0)
            } else if unitCursor < count && unitFirstBytes[Int(bytes[unitCursor])] {
                for unit in units where bytes.hasBytes(unit.word, at: unitCursor) {
                    var end = unitCursor + unit.word.count
                    // "5tr5", "1tỷ2", "2k5": one more digit is a decimal of the unit.
                    var extra: Double = 0
                    if unit.multiplier >= 1_000 && end < count && Byte.isDigit(bytes[end]) && (end + 1 >= count || !Byte.isWordByte(bytes[end + 1])) && unitCursor == numberEnd {
                        extra = Double(bytes[end] - 0x30) / 10
                        end += 1
                    }
                    guard end >= count || !Byte.isWordByte(bytes[end]) || unit.word == [0x24] else { continue }
                    matched = (unit.multiplier, end, extra)
                    break
                }
            }
            let value = integer + fraction
            defer { index = max(index + 1, matched?.end ?? numberEnd) }
            if taken.contains(where: { $0.overlaps(start..<numberEnd) }) { continue }
            if let matched {
                let amount = (value + matched.extra) * matched.multiplier
                guard amount >= 1_000 else { continue }
                entities.append(Entity(kind: .money, value: String(Int64(min(amount, 1e15))), range: start..<matched.end))
            } else if groups >= 2 && separatorSeen == 0x2E || groups >= 2 && separatorSeen == 0x2C {
                entities.append(Entity(kind: .money, value: String(Int64(min(value, 1e15))), range: start..<numberEnd))
            }
        }
    }
}
