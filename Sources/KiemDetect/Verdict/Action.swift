/// What the policy says to do with a message, from least to most severe.
public enum Action: String, Sendable, Codable, Comparable, CaseIterable {
    case allow, review, warn, block

    var severity: Int {
        switch self {
        case .allow: 0
        case .review: 1
        case .warn: 2
        case .block: 3
        }
    }

    public static func < (lhs: Action, rhs: Action) -> Bool { lhs.severity < rhs.severity }

    /// The raw value in static memory, for writers that copy bytes.
    var literal: StaticString {
        switch self {
        case .allow: "allow"
        case .review: "review"
        case .warn: "warn"
        case .block: "block"
        }
    }
}
