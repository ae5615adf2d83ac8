import Foundation

/// Reads and writes CSV (RFC 4180): quoted fields with doubled quotes, commas and line breaks
/// inside quotes, CRLF or LF line ends.
public enum CSV {
    /// Why a CSV text could not be read.
    public struct Failure: Error, Equatable {
        public var message: String
    }

    public static func rows(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var line = 1
        func endField() {
            row.append(field)
            field = ""
            afterQuote = false
        }
        while let scalar = iterator.next() {
            if quoted {
                if scalar == "\"" { quoted = false; afterQuote = true } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                if afterQuote { field.unicodeScalars.append("\""); quoted = true; afterQuote = false }
                else if field.isEmpty { quoted = true }
                else { throw Failure(message: "line \(line): a quote inside an unquoted field") }
            case ",":
                endField()
            case "\r":
                continue
            case "\n":
                endField()
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
                line += 1
            default:
                if afterQuote { throw Failure(message: "line \(line): text after a closing quote") }
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw Failure(message: "line \(line): a quoted field is not closed") }
        if !field.isEmpty || !row.isEmpty || afterQuote {
            endField()
            rows.append(row)
        }
        return rows
    }

    /// One field, quoted when needed; a leading = + - @ is escaped so spreadsheets do not run it.
    public static func field(_ text: String) -> String {
        let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        let needsQuotes = safe != text || safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        return needsQuotes ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }
}
