/// Reads ISO 8601 date-times with an explicit offset ("2026-11-20T07:00:00+07:00",
/// "2026-11-20T00:00:00.250Z") into milliseconds since the Unix epoch, UTC.
///
/// A time without an offset is refused: a sending record must say which clock it was read
/// from, or the hour rules cannot be judged.
public enum Timestamp {
    /// Milliseconds since 1970-01-01T00:00:00Z, or nil when `bytes` is not a valid date-time
    /// with an offset. A space may stand for the `T`; fractions of a second are cut to milliseconds.
    public static func milliseconds<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8 {
        var cursor = bytes.makeIterator()
        var peeked: UInt8? = cursor.next()
        func next() -> UInt8? { defer { peeked = cursor.next() }; return peeked }
        func number(_ width: Int) -> Int? {
            var value = 0
            for _ in 0..<width {
                guard let byte = peeked, byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                _ = next()
            }
            return value
        }
        func literal(_ byte: UInt8) -> Bool {
            guard peeked == byte else { return false }
            _ = next()
            return true
        }
        guard let year = number(4), literal(0x2D), let month = number(2), literal(0x2D), let day = number(2) else { return nil }
        guard peeked == UInt8(ascii: "T") || peeked == UInt8(ascii: "t") || peeked == 0x20 else { return nil }
        _ = next()
        guard let hour = number(2), literal(0x3A), let minute = number(2), literal(0x3A), let second = number(2) else { return nil }
        var millis = 0
        if peeked == UInt8(ascii: ".") || peeked == UInt8(ascii: ",") {
            _ = next()
            var digits = 0
            while let byte = peeked, byte >= 0x30, byte <= 0x39 {
                if digits < 3 { millis = millis * 10 + Int(byte - 0x30) }
                digits += 1
                _ = next()
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millis *= 10 }
        }
        var offsetSeconds = 0
        switch next() {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            break
        case let sign? where sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"):
            guard let hours = number(2) else { return nil }
            _ = literal(0x3A)
            guard let minutes = number(2), hours <= 23, minutes <= 59 else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        guard peeked == nil else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        // A leap second is read as the last millisecond of its minute.
        let (wholeSecond, fraction) = second == 60 ? (59, 999) : (second, millis)
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + wholeSecond) - Int64(offsetSeconds)
        return seconds * 1000 + Int64(fraction)
    }

    /// The same instant written in UTC, to the second: "2026-11-20T00:00:00Z".
    public static func utcString(milliseconds: Int64, offsetSeconds: Int = 0) -> String {
        let seconds = Int64((Double(milliseconds) / 1000).rounded(.down)) + Int64(offsetSeconds)
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let timeOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = civil(fromDays: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var offset = "Z"
        if offsetSeconds != 0 {
            let magnitude = abs(offsetSeconds)
            offset = (offsetSeconds > 0 ? "+" : "-") + two(magnitude / 3600) + ":" + two(magnitude % 3600 / 60)
        }
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-\(two(month))-\(two(day))T"
            + "\(two(timeOfDay / 3600)):\(two(timeOfDay % 3600 / 60)):\(two(timeOfDay % 60))" + offset
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
