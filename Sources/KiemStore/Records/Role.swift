/// What a person or machine may do. Each role may do everything the roles below it may.
public enum Role: String, Sendable, CaseIterable, Comparable, Codable {
    /// Reads the queue, items and reports.
    case viewer
    /// Works the review queue: decides cases, adds indicators.
    case analyst
    /// Also writes and publishes fact-checks and warnings.
    case editor
    /// Also manages users, tokens, policy and rules.
    case admin

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
