/// A person who logs in.
public struct User: Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var name: String
    public var role: Role
    public var disabled: Bool
}

/// A machine's API token, as stored (only the hash of the secret is kept).
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var createdAt: Int64
    public var revokedAt: Int64?
    /// The person a session token belongs to (nil for a machine's token).
    public var userID: Int64?
    /// When a session ends (nil: a machine's token does not expire).
    public var expiresAt: Int64?
}

/// An entry of the append-only audit log.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var actor: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var before: String?
    public var after: String?
    public var at: Int64
}
