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
            return APIToken(id: id, name: name, role: role, createdAt: now, revokedAt: nil)
        }
        return (secret, token)
    }

    /// The live token with this secret, or nil.
    public func token(secret: String) async throws -> APIToken? {
        guard secret.hasPrefix("kiem_"), secret.count < 100 else { return nil }
        let hash = Self.tokenHash(secret)
        return try await backend.read { database in
            guard let row = try await database.raw("SELECT id, name, role, created_at, revoked_at FROM api_tokens WHERE token_hash = \(bind: hash) AND revoked_at IS NULL").first(),
                  let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
            return APIToken(id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self), role: role,
                            createdAt: try row.decode(column: "created_at", as: Int64.self), revokedAt: nil)
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
