import Foundation

/// A submitted HTML form (`application/x-www-form-urlencoded`): every value of every field, in
/// order. Malformed percent-encoding or invalid UTF-8 is an error, not a guess; NUL characters
/// (which no form field means and PostgreSQL cannot store) are dropped.
struct FormData: Sendable, Equatable {
    private(set) var fields: [String: [String]] = [:]

    /// Why a form could not be read.
    struct Malformed: Error {}

    init() {}

    init(_ body: String) throws {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
    }

    /// The first value of a field, or nil.
    subscript(_ name: String) -> String? { fields[name]?.first }

    /// The first value of a field with surrounding white space removed; nil when empty.
    func trimmed(_ name: String) -> String? {
        guard let value = self[name]?.trimmed, !value.isEmpty else { return nil }
        return value
    }

    /// Every value of a field (check boxes, repeated inputs).
    func all(_ name: String) -> [String] { fields[name] ?? [] }

    private static func decode(_ part: Substring) throws -> String {
        guard let decoded = part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else { throw Malformed() }
        return decoded.replacingOccurrences(of: "\u{0}", with: "")
    }
}
