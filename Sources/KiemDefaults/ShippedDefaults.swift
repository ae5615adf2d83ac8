import Foundation
import KiemDetect

/// The model, rule pack and policy that ship with Kiem, so that `kiem check` gives good
/// answers with no set-up. Rebuilt by `scripts/build-model.sh`; see `MODEL_CARD.md`.
public enum ShippedDefaults {
    /// Why a shipped file could not be found (a broken installation).
    public struct MissingResource: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "the shipped resource \(name) is missing from this installation" }
    }

    /// The location of a shipped resource.
    public static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources") else {
            throw MissingResource(name: name)
        }
        return url
    }

    /// The shipped classifier.
    public static func model() throws -> LinearModel {
        try LinearModel(serialized: Array(try Data(contentsOf: try url("kiem-default.model"))))
    }

    /// The shipped rule pack.
    public static func rules() throws -> RulePack {
        try RulePack(yaml: try String(contentsOf: try url("rules.yaml"), encoding: .utf8))
    }

    /// The shipped policy.
    public static func policy() throws -> Policy {
        try Policy(yaml: try String(contentsOf: try url("policy.yaml"), encoding: .utf8))
    }

    /// The items `kiem serve --demo` seeds: source, external id, text and age in minutes.
    public static func demoItems() throws -> [(source: String, externalID: String, text: String, ageMinutes: Int)] {
        let text = try String(contentsOf: try url("demo-items.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let source = object["source"] as? String, let id = object["external_id"] as? String,
                  let body = object["text"] as? String, let age = object["age_minutes"] as? Int else { throw MissingResource(name: "demo-items.jsonl (damaged)") }
            return (source, id, body, age)
        }
    }

    /// The known claims `kiem serve --demo` imports: id, text and verdict (no variants, no url).
    public static func demoClaims() throws -> [KnownClaim] {
        let text = try String(contentsOf: try url("demo-claims.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["id"] as? String, let body = object["text"] as? String,
                  let verdict = object["verdict"] as? String else { throw MissingResource(name: "demo-claims.jsonl (damaged)") }
            return KnownClaim(key: id, text: body, verdict: verdict)
        }
    }

    /// A short fingerprint of a shipped file, kept with every stored verdict ("which model said this?").
    public static func fingerprint(_ name: String) throws -> String {
        let bytes = try Data(contentsOf: try url(name))
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return name + "@" + String(hash, radix: 16)
    }
}
