import Foundation
import KiemText

/// Lists of known-bad domains, URLs, phone numbers, e-mail addresses and bank accounts, each
/// with a label, matched exactly (domains also by suffix: a listed `evil.top` covers
/// `login.evil.top`).
public struct IndicatorList: Sendable {
    /// The kinds of value a list holds.
    public enum Kind: String, Sendable, CaseIterable {
        case domain, url, phone, email
        case bankAccount = "bank_account"
    }

    private var entries: [Kind: [String: String]] = [:]

    /// How many values are listed.
    public var count: Int { entries.values.reduce(0) { $0 + $1.count } }

    public init() {}

    /// Adds a value, guessing its kind; returns false when it is none of the known kinds.
    @discardableResult
    public mutating func add(_ rawValue: String, label: String) -> Bool {
        guard let (kind, value) = Self.classify(rawValue) else { return false }
        entries[kind, default: [:]][value] = label
        return true
    }

    /// The kind and normalized value of a listed string.
    public static func classify(_ rawValue: String) -> (Kind, String)? {
        var value = rawValue.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !value.isEmpty, !value.hasPrefix("#") else { return nil }
        if value.hasPrefix("http://") || value.hasPrefix("https://") {
            while value.hasSuffix("/") { value.removeLast() }
            return (.url, value)
        }
        if value.contains("@") { return (.email, value) }
        if let colon = value.firstIndex(of: ":"), value[value.index(after: colon)...].allSatisfy(\.isNumber) {
            return (.bankAccount, String(value[value.index(after: colon)...]))
        }
        let digits = value.filter(\.isNumber)
        if !digits.isEmpty && value.allSatisfy({ $0.isNumber || " .-+()".contains($0) }) {
            if let phone = PhoneExtractor.e164(value) { return (.phone, phone) }
            if digits.count >= 6 && digits.count <= 19 { return (.bankAccount, digits) }
            return nil
        }
        if value.hasPrefix("*.") { value.removeFirst(2) }
        if value.hasPrefix("www.") { value.removeFirst(4) }
        if let slash = value.firstIndex(of: "/") { value = String(value[..<slash]) }
        guard value.contains("."), value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        return (.domain, value)
    }

    /// Reads a list: plain text with one value per line, or JSONL objects with `text` or `value`
    /// and an optional `label`. Returns the list and the number of lines it could not use.
    public static func parse(_ contents: String, defaultLabel: String = "phishing") -> (list: IndicatorList, rejected: Int) {
        var list = IndicatorList()
        var rejected = 0
        for line in contents.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("{") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any],
                      let value = (object["value"] as? String) ?? (object["text"] as? String) else { rejected += 1; continue }
                if !list.add(value, label: (object["label"] as? String) ?? defaultLabel) { rejected += 1 }
            } else if !list.add(trimmed, label: defaultLabel) {
                rejected += 1
            }
        }
        return (list, rejected)
    }

    /// Adds every entry of another list.
    public mutating func merge(_ other: IndicatorList) {
        for (kind, values) in other.entries { entries[kind, default: [:]].merge(values) { _, new in new } }
    }

    /// One listed value found in a message.
    public struct Match: Sendable, Equatable {
        public var kind: Kind
        public var value: String
        public var label: String
    }

    /// The listed values that occur among a message's entities.
    public func matches(_ entities: [Entity]) -> [Match] {
        guard !entries.isEmpty else { return [] }
        var found: [Match] = []
        for entity in entities {
            switch entity.kind {
            case .domain:
                guard let domains = entries[.domain] else { continue }
                var host = Substring(entity.value)
                while true {
                    if let label = domains[String(host)] {
                        found.append(Match(kind: .domain, value: String(host), label: label))
                        break
                    }
                    guard let dot = host.firstIndex(of: "."), host[host.index(after: dot)...].contains(".") else { break }
                    host = host[host.index(after: dot)...]
                }
            case .url:
                var url = entity.value.lowercased()
                while url.hasSuffix("/") { url.removeLast() }
                if let label = entries[.url]?[url] { found.append(Match(kind: .url, value: url, label: label)) }
            case .phone:
                if let label = entries[.phone]?[entity.value] { found.append(Match(kind: .phone, value: entity.value, label: label)) }
            case .email:
                if let label = entries[.email]?[entity.value] { found.append(Match(kind: .email, value: entity.value, label: label)) }
            case .bankAccount:
                let digits = String(entity.value.split(separator: ":").last ?? "")
                if let label = entries[.bankAccount]?[digits] { found.append(Match(kind: .bankAccount, value: entity.value, label: label)) }
            default:
                continue
            }
        }
        return found
    }
}
