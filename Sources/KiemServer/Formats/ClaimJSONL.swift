import Foundation
import KiemStore

/// Known claims as JSONL, one per line: `{"id", "text", "verdict", "url"?, "variants"?}`
/// (`kiem claims import` and `POST /v1/claims/import`).
public enum ClaimJSONL {
    struct Line: Decodable {
        var id: String
        var text: String
        var verdict: String
        var url: String?
        var variants: [String]?
    }

    /// Reads claim JSONL; returns the claims and an error per unreadable line.
    public static func parse(_ text: String) -> (claims: [(externalID: String, text: String, verdict: Publication.Rating, url: String?, variants: [String])], errors: [(line: Int, message: String)]) {
        var claims: [(externalID: String, text: String, verdict: Publication.Rating, url: String?, variants: [String])] = []
        var errors: [(line: Int, message: String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.trimmed.isEmpty {
            do {
                let parsed = try JSONDecoder.snakeCase.decode(Line.self, from: Data(line.utf8))
                guard let verdict = Publication.Rating(rawValue: parsed.verdict) else { throw APIError.badRequest("`verdict` must be false, misleading, true or unproven") }
                guard !parsed.text.trimmed.isEmpty else { throw APIError.badRequest("`text` is empty") }
                claims.append((parsed.id, parsed.text, verdict, parsed.url, parsed.variants ?? []))
            } catch let error as APIError {
                errors.append((index + 1, error.message))
            } catch let error as DecodingError {
                errors.append((index + 1, BodyDecoder.describe(error)))
            } catch {
                errors.append((index + 1, "not a JSON object"))
            }
        }
        return (claims, errors)
    }
}
