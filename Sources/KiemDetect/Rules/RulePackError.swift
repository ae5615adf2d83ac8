/// Why a rule pack could not be loaded.
public enum RulePackError: Error, CustomStringConvertible, Equatable {
    case invalidYAML(String)
    case invalidField(rule: String, field: String, reason: String)
    case duplicateRule(String)
    case invalidRegex(rule: String, reason: String)

    public var description: String {
        switch self {
        case .invalidYAML(let reason): "rule pack is not valid YAML: \(reason)"
        case .invalidField(let rule, let field, let reason): "rule \(rule): field \(field): \(reason)"
        case .duplicateRule(let name): "rule \(name) is defined twice"
        case .invalidRegex(let rule, let reason): "rule \(rule): invalid regex: \(reason)"
        }
    }
}
