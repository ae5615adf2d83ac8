import Crypto
import Foundation
import HummingbirdBcrypt
import SQLKit

extension Store {
    /// Adds a person who logs in with a password (kept as a bcrypt hash).
    public func addUser(email: String, name: String, role: Role, password: String, actor: String) async throws -> User {
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard address.contains("@"), address.count <= 254 else { throw StoreError.invalid("not an e-mail address: \(email)") }
        guard password.count >= 10 else { throw StoreError.invalid("a password needs at least 10 characters") }
        let hash = Bcrypt.hash(password, cost: 12)
        return try await backend.transaction { database in
            let now = Clock.now()
            let taken = try await database.raw("SELECT id FROM users WHERE email = \(bind: address)").first() != nil
            if taken { throw StoreError.conflict("a user with e-mail \(address) exists") }
            guard let id = try await database.raw("""
                INSERT INTO users (email, name, role, password_hash, created_at) VALUES (\(bind: address), \(bind: name), \(bind: role.rawValue), \(bind: hash), \(bind: now))
                RETURNING id
                """).first(decodingColumn: "id", as: Int64.self) else { throw StoreError.conflict("the user was not stored") }
            try await Self.audit(database, actor: actor, action: "create", entity: "user", id: String(id), before: nil,
                                 after: #"{"email":\#(Self.json(address)),"role":"\#(role.rawValue)"}"#, at: now)
            return User(id: id, email: address, name: name, role: role, disabled: false)
        }
    }

    /// The user whose e-mail and password these are, or nil (the same answer whether the
    /// address or the password was wrong).
    public func authenticate(email: String, password: String) async throws -> User? {
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        let row = try await backend.read { database in
            try await database.raw("SELECT id, email, name, role, password_hash, disabled FROM users WHERE email = \(bind: address)").first()
        }
        guard let row else {
            // Spend the same time as a real check, so timing does not tell which addresses exist.
            _ = Bcrypt.verify(password, hash: Self.decoyHash)
            return nil
        }
        let hash = try row.decode(column: "password_hash", as: String.self)
        guard Bcrypt.verify(password, hash: hash), try row.decode(column: "disabled", as: Int.self) == 0,
              let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
        return User(id: try row.decode(column: "id", as: Int64.self), email: address, name: try row.decode(column: "name", as: String.self), role: role, disabled: false)
    }

    static let decoyHash = Bcrypt.hash("not a real password", cost: 12)

    /// Creates an API token; returns the secret (shown once, never stored) and the record.
    public func createToken(name: String, role: Role, actor: String) async throws -> (secret: String, token: APIToken) {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let secret = "kiem_" + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let hash = Self.tokenHash(secret)
        let token = try await backend.transaction { database in
            let now = Clock.now()
            guard let id = try await database.raw("""
                INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (\(bind: name), \(bind: role.rawValue), \(bind: hash), \(bind: now)) RETURNING id
                """).first(decodingColumn: "id", as: Int64.self) else { throw StoreError.conflict("the token was not stored") }
            try await Self.audit(database, actor: actor, action: "create", entity: "api_token", id: String(id), before: nil,
                                 after: #"{"name":\#(Self.json(name)),"role":"\#(role.rawValue)"}"#, at: now)
            return APIToken(id: id, name: name, role: role, createdAt: now, revokedAt: nil, userID: nil, expiresAt: nil)
        }
        return (secret, token)
    }

    /// The live token with this secret, or nil: not revoked, not expired, and for a session,
    /// its user not disabled. A session takes the user's current role.
    public func token(secret: String) async throws -> APIToken? {
        guard secret.hasPrefix("kiem_"), secret.count < 100 else { return nil }
        let hash = Self.tokenHash(secret)
        return try await backend.read { database in
            guard let row = try await database.raw("""
                SELECT api_tokens.id, api_tokens.name, api_tokens.role, api_tokens.created_at, api_tokens.user_id, api_tokens.expires_at,
                       users.role AS user_role, users.disabled AS user_disabled
                FROM api_tokens LEFT JOIN users ON users.id = api_tokens.user_id
                WHERE api_tokens.token_hash = \(bind: hash) AND api_tokens.revoked_at IS NULL
                  AND (api_tokens.expires_at IS NULL OR api_tokens.expires_at > \(bind: Clock.now()))
                """).first() else { return nil }
            let userID = try row.decode(column: "user_id", as: Int64?.self)
            let disabled = try row.decode(column: "user_disabled", as: Int?.self) ?? 1
            if userID != nil && disabled != 0 { return nil }
            let machineRole = try row.decode(column: "role", as: String.self)
            let userRole = try row.decode(column: "user_role", as: String?.self) ?? ""
            let roleName = userID == nil ? machineRole : userRole
            guard let role = Role(rawValue: roleName) else { return nil }
            return APIToken(id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self), role: role,
                            createdAt: try row.decode(column: "created_at", as: Int64.self), revokedAt: nil, userID: userID,
                            expiresAt: try row.decode(column: "expires_at", as: Int64?.self))
        }
    }

    /// Logs a person in: a session token for `seconds`, or nil when the e-mail or password is wrong.
    public func createSession(email: String, password: String, seconds: Int64 = 8 * 3600) async throws -> (secret: String, token: APIToken, user: User)? {
        guard let user = try await authenticate(email: email, password: password) else { return nil }
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let secret = "kiem_" + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let hash = Self.tokenHash(secret)
        let token = try await backend.transaction { database in
            let now = Clock.now()
            let expires = now + seconds * 1000
            guard let id = try await database.raw("""
                INSERT INTO api_tokens (name, role, token_hash, created_at, user_id, expires_at)
                VALUES (\(bind: "session:" + user.email), \(bind: user.role.rawValue), \(bind: hash), \(bind: now), \(bind: user.id), \(bind: expires)) RETURNING id
                """).first(decodingColumn: "id", as: Int64.self) else { throw StoreError.conflict("the session was not stored") }
            try await Self.audit(database, actor: user.email, action: "log_in", entity: "user", id: String(user.id), before: nil, after: nil, at: now)
            return APIToken(id: id, name: "session:" + user.email, role: user.role, createdAt: now, revokedAt: nil, userID: user.id, expiresAt: expires)
        }
        return (secret, token, user)
    }

    /// People, by e-mail.
    public func users() async throws -> [User] {
        try await backend.read { database in
            try await database.raw("SELECT id, email, name, role, disabled FROM users ORDER BY email").all().compactMap { row in
                guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
                return User(id: try row.decode(column: "id", as: Int64.self), email: try row.decode(column: "email", as: String.self),
                            name: try row.decode(column: "name", as: String.self), role: role, disabled: try row.decode(column: "disabled", as: Int.self) != 0)
            }
        }
    }

    /// Changes a person's role or disables them; their sessions follow at once.
    public func updateUser(id: Int64, role: Role?, disabled: Bool?, actor: String) async throws -> User {
        try await backend.transaction { database in
            guard let row = try await database.raw("SELECT email, name, role, disabled FROM users WHERE id = \(bind: id)").first(),
                  let currentRole = Role(rawValue: try row.decode(column: "role", as: String.self)) else { throw StoreError.notFound("user \(id)") }
            let wasDisabled = try row.decode(column: "disabled", as: Int.self) != 0
            let newRole = role ?? currentRole
            let nowDisabled = disabled ?? wasDisabled
            try await database.raw("UPDATE users SET role = \(bind: newRole.rawValue), disabled = \(bind: nowDisabled ? 1 : 0) WHERE id = \(bind: id)").run()
            try await Self.audit(database, actor: actor, action: "update", entity: "user", id: String(id),
                                 before: #"{"role":"\#(currentRole.rawValue)","disabled":\#(wasDisabled)}"#, after: #"{"role":"\#(newRole.rawValue)","disabled":\#(nowDisabled)}"#, at: Clock.now())
            return User(id: id, email: try row.decode(column: "email", as: String.self), name: try row.decode(column: "name", as: String.self), role: newRole, disabled: nowDisabled)
        }
    }

    /// Machines' tokens (not people's sessions), newest first.
    public func tokens() async throws -> [APIToken] {
        try await backend.read { database in
            try await database.raw("SELECT id, name, role, created_at, revoked_at FROM api_tokens WHERE user_id IS NULL ORDER BY id DESC").all().compactMap { row in
                guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
                return APIToken(id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self), role: role,
                                createdAt: try row.decode(column: "created_at", as: Int64.self), revokedAt: try row.decode(column: "revoked_at", as: Int64?.self),
                                userID: nil, expiresAt: nil)
            }
        }
    }

    /// Revokes a token; it stops working at once.
    public func revokeToken(id: Int64, actor: String) async throws {
        try await backend.transaction { database in
            let now = Clock.now()
            guard try await database.raw("UPDATE api_tokens SET revoked_at = \(bind: now) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id").first() != nil else {
                throw StoreError.notFound("live token \(id)")
            }
            try await Self.audit(database, actor: actor, action: "revoke", entity: "api_token", id: String(id), before: #"{"revoked":false}"#, after: #"{"revoked":true}"#, at: now)
        }
    }

    /// Tokens are long random secrets, so a fast hash is enough (bcrypt is for guessable passwords).
    static func tokenHash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension Store {
    /// Sets a user's password (for `kiem serve --demo` and administrators).
    public func setPassword(email: String, password: String, actor: String) async throws {
        guard password.count >= 10 else { throw StoreError.invalid("a password needs at least 10 characters") }
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        let hash = Bcrypt.hash(password, cost: 12)
        try await backend.transaction { database in
            guard let id = try await database.raw("UPDATE users SET password_hash = \(bind: hash) WHERE email = \(bind: address) RETURNING id").first(decodingColumn: "id", as: Int64.self) else {
                throw StoreError.notFound("user \(address)")
            }
            try await Self.audit(database, actor: actor, action: "set_password", entity: "user", id: String(id), before: nil, after: nil, at: Clock.now())
        }
    }

    /// The user with this e-mail address, or nil.
    public func user(email: String) async throws -> User? {
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try await backend.read { database in
            guard let row = try await database.raw("SELECT id, name, role, disabled FROM users WHERE email = \(bind: address)").first(),
                  let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
            return User(id: try row.decode(column: "id", as: Int64.self), email: address, name: try row.decode(column: "name", as: String.self),
                        role: role, disabled: try row.decode(column: "disabled", as: Int.self) != 0)
        }
    }
}
