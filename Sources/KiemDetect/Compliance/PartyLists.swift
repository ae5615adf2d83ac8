/// The Do-Not-Call list: phone numbers (and e-mail addresses) whose owners refused advertising.
///
/// One entry per line, written any usual way ("0912 345 678", "+84912345678"); blank lines and
/// lines starting with `#` are skipped. Entries are kept normalized, as records are.
public struct DoNotCallList: Sendable {
    private var entries: Set<String> = []

    public init() {}

    public var count: Int { entries.count }

    /// Parses a list; returns it with the number of lines that were not a number or address.
    public static func parse(_ text: String) -> (list: DoNotCallList, rejected: Int) {
        var list = DoNotCallList()
        var rejected = 0
        for line in text.split(whereSeparator: \.isNewline) {
            let entry = line.split(separator: ",", maxSplits: 1).first.map(String.init) ?? ""
            if entry.trimmingSpaces.isEmpty || entry.trimmingSpaces.hasPrefix("#") { continue }
            guard let party = SendingRecord.normalizeParty(Array(entry.utf8)),
                  party.hasPrefix("+") || party.contains("@") || party.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                rejected += 1
                continue
            }
            list.entries.insert(party)
        }
        return (list, rejected)
    }

    public func contains(_ party: String) -> Bool { entries.contains(party) }
}

/// Registered brandnames (tên định danh) and the channels each may send on.
///
/// One per line: `NAME` (any channel) or `NAME,sms`, `NAME,call`, `NAME,sms call`. A registered
/// calling number is written like any phone number. `#` starts a comment line.
public struct BrandnameRegistry: Sendable {
    private var channels: [String: Set<SendingRecord.Channel>] = [:]

    public init() {}

    public var count: Int { channels.count }

    /// Parses a registry; returns it with the number of lines it could not read.
    public static func parse(_ text: String) -> (registry: BrandnameRegistry, rejected: Int) {
        var registry = BrandnameRegistry()
        var rejected = 0
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(separator: ",", maxSplits: 1)
            guard let name = SendingRecord.normalizeParty(Array(parts[0].utf8)) else { rejected += 1; continue }
            var allowed = Set(SendingRecord.Channel.allCases)
            if parts.count == 2 {
                let names = parts[1].split(whereSeparator: { $0 == " " || $0 == "|" || $0 == ";" || $0 == "\t" })
                let parsed = names.compactMap { SendingRecord.Channel(name: String($0)) }
                guard !parsed.isEmpty, parsed.count == names.count else { rejected += 1; continue }
                allowed = Set(parsed)
            }
            registry.channels[name, default: []].formUnion(allowed)
        }
        return (registry, rejected)
    }

    /// Whether `sender` (normalized) is registered for `channel`.
    public func allows(_ sender: String, on channel: SendingRecord.Channel) -> Bool {
        channels[sender]?.contains(channel) ?? false
    }

    /// Whether `sender` is registered at all.
    public func contains(_ sender: String) -> Bool { channels[sender] != nil }
}

extension StringProtocol {
    var trimmingSpaces: Substring {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return Substring(slice)
    }
}
