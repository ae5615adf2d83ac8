import Foundation
import KiemDetect
import KiemStore

/// How values read on the pages: times in Vietnam's time (UTC+7), labels and ratings in the
/// reader's language, long texts cut to an excerpt.
enum WebFormat {
    static let vietnam = TimeZone(secondsFromGMT: 7 * 3600)!

    /// "02/12/2026 14:30" (Vietnam's time).
    static func time(_ milliseconds: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = vietnam
        let parts = calendar.dateComponents([.day, .month, .year, .hour, .minute], from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        return String(format: "%02d/%02d/%04d %02d:%02d", parts.day ?? 0, parts.month ?? 0, parts.year ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    /// "02/12" of a day number (days since the epoch in Vietnam's time).
    static func day(_ day: Int64) -> String {
        let formatted = time(day * 86_400_000 - 7 * 3_600_000)
        return String(formatted.prefix(5))
    }

    /// RFC 3339 in Vietnam's time, for machines (feeds, JSON-LD, `<time datetime>`).
    static func iso(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = vietnam
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// How long ago, in the reader's language ("3 giờ" / "3 h").
    static func age(_ milliseconds: Int64, now: Int64, _ language: WebState.Language) -> String {
        let minutes = max(0, (now - milliseconds) / 60_000)
        if minutes < 60 { return language == .vi ? "\(minutes) phút" : "\(minutes) min" }
        if minutes < 48 * 60 { return language == .vi ? "\(minutes / 60) giờ" : "\(minutes / 60) h" }
        return language == .vi ? "\(minutes / 1440) ngày" : "\(minutes / 1440) d"
    }

    /// A label's name ("lừa đảo" / "scam"); "clean" reads as no harm found.
    static func label(_ name: String, _ language: WebState.Language) -> String {
        if name == "clean" { return language == .vi ? "không có dấu hiệu" : "clean" }
        guard let label = Label(rawValue: name) else { return name }
        return language == .vi ? label.vietnamese : label.rawValue
    }

    /// A fact-check rating's name (Sai / Gây hiểu nhầm / Đúng / Chưa đủ căn cứ).
    static func rating(_ rating: Publication.Rating, _ language: WebState.Language) -> String {
        if language == .vi { return rating.vietnamese }
        return switch rating {
        case .false: "False"
        case .misleading: "Misleading"
        case .true: "True"
        case .unproven: "Unproven"
        }
    }

    /// The first `limit` characters of a text, cut at a word.
    static func excerpt(_ text: String, limit: Int = 180) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    /// Paragraphs of a text (split at blank lines).
    static func paragraphs(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmed }.filter { !$0.isEmpty }
    }

    /// A percentage, "97%".
    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
