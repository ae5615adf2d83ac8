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
}
