import Foundation
import Yams

/// Reads YAML documents (rule packs, policies) into plain values: `[String: Any]`, `[Any]`,
/// `String`, `Int`, `Double`, `Bool` and `NSNull`.
///
/// It walks Yams' node tree itself instead of `Yams.load`, so that hostile input gets an error
/// and never a crash: keys must be scalars, nesting is limited, and so is the number of values,
/// which bounds what aliases can expand to (no "billion laughs").
enum YAMLLoader {
    /// Why a document was refused.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let maxDepth = 64
    static let maxValues = 200_000

    static func load(_ text: String) throws -> Any? {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw Failure(description: "\(error)") }
        guard let node else { return nil }
        var budget = maxValues
        return try value(of: node, depth: 0, budget: &budget)
    }

    private static func value(of node: Node, depth: Int, budget: inout Int) throws -> Any {
        guard depth < maxDepth else { throw Failure(description: "nesting deeper than \(maxDepth) levels") }
        budget -= 1
        guard budget >= 0 else { throw Failure(description: "more than \(maxValues) values") }
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any else { return scalar.string }
            // Plain scalars are read here, not by Yams' constructors (which trap on some
            // YAML 1.1 forms such as huge base-60 numbers): null, true/false, numbers, or text.
            let text = scalar.string
            switch text {
            case "", "~", "null", "Null", "NULL": return NSNull()
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
            if let number = Int(text) { return number }
            if let number = Double(text), number.isFinite, text.contains(where: \.isNumber) { return number }
            return text
        case .sequence(let sequence):
            var items: [Any] = []
            for item in sequence { items.append(try value(of: item, depth: depth + 1, budget: &budget)) }
            return items
        case .mapping(let mapping):
            var result: [String: Any] = [:]
            for (key, entry) in mapping {
                guard case .scalar(let keyScalar) = key else { throw Failure(description: "a mapping key must be a plain value") }
                result[keyScalar.string] = try value(of: entry, depth: depth + 1, budget: &budget)
            }
            return result
        case .alias:
            throw Failure(description: "aliases are not supported")
        }
    }
}
