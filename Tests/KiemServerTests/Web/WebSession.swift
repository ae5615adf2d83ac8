import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KiemStore

/// A browser's cookies for the HTTP-level page tests: a CSRF token, and a session when logged in.
struct WebSession {
    static let csrf = "test-csrf-token-0123456789abcdefghijklmnop"
    var session: String?

    /// Logs `role` in through the store (a person with that role is created first).
    static func logIn(_ role: Role, store: Store) async throws -> WebSession {
        let email = "\(role.rawValue)-\(UUID().uuidString.prefix(8))@kiem.test"
        _ = try await store.addUser(email: email, name: "Test \(role.rawValue)", role: role, password: "correct horse battery", actor: "test")
        let created = try await store.createSession(email: email, password: "correct horse battery")
        return WebSession(session: created?.secret)
    }

    var headers: HTTPFields {
        var cookie = "kiem_csrf=\(Self.csrf)"
        if let session { cookie += "; kiem_session=\(session)" }
        return [.cookie: cookie]
    }

    /// Headers of a form POST.
    var formHeaders: HTTPFields {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        return fields
    }

    /// A form body with the CSRF field.
    static func form(_ fields: [(String, String)], csrf: String = WebSession.csrf) -> ByteBuffer {
        var components = URLComponents()
        components.queryItems = ([("csrf", csrf)] + fields).map { URLQueryItem(name: $0.0, value: $0.1) }
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return ByteBuffer(string: encoded)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}
