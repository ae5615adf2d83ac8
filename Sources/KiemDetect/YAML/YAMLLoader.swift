import Foundation
import Yams

/// Reads YAML documents (rule packs, policies) into plain values: `[String: Any]`, `[Any]`,
/// `String`, `Int`, `Double`, `Bool` and `NSNull`.
///
/// It walks Yams' node tree itself instead of `Yams.load`, so that hostile input gets an error
/// and never a crash: keys must be scalars, aliases are refused (no "billion laughs"), and
/// nesting is limited.
enum YAMLLoader {
    /// Why a document was refused.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let maxDepth = 64

    static func load(_ text: String) throws -> Any? {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw Failure(description: "\(error)") }
        guard let node else { return nil }
        return try value(of: node, depth: 0)
    }

    private static func value(of node: Node, depth: Int) throws -> Any {
        guard depth < maxDepth else { throw Failure(description: "nesting deeper than \(maxDepth) levels") }
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any else { return scalar.string }
            if let value = node.null { return value }
            // Only true and false are booleans: a keyword "no" or "on" stays a word.
            switch scalar.string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
            if let value = node.int { return value }
            if let value = node.float, scalar.string.contains(where: { $0.isNumber }) { return value }
            return scalar.string
        case .sequence(let sequence):
            return try sequence.map { try value(of: $0, depth: depth + 1) }
        case .mapping(let mapping):
            var result: [String: Any] = [:]
            for (key, entry) in mapping {
                guard case .scalar(let keyScalar) = key else { throw Failure(description: "a mapping key must be a plain value") }
                result[keyScalar.string] = try value(of: entry, depth: depth + 1)
            }
            return result
        case .alias:
            throw Failure(description: "aliases are not supported")
        }
    }
}
