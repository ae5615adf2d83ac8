/// One reason behind a verdict: a rule that fired, an indicator that matched, the words that
/// weighed most in the classifier, or an entity worth showing.
public struct Signal: Sendable, Equatable, Codable {
    /// Where a signal comes from.
    public enum Kind: String, Sendable, Codable {
        case rule, indicator, classifier, entity, claim

        /// The raw value in static memory, for writers that copy bytes.
        var literal: StaticString {
            switch self {
            case .rule: "rule"
            case .indicator: "indicator"
            case .classifier: "classifier"
            case .entity: "entity"
            case .claim: "claim"
            }
        }
    }

    public var kind: Kind
    public var name: String
    /// The label this signal pushes toward, when it has one.
    public var label: String?
    /// Its weight in logit units (rules, indicators, classifier words).
    public var weight: Double?
    /// The matched value (a domain, a number, the words).
    public var value: String?

    public init(kind: Kind, name: String, label: String? = nil, weight: Double? = nil, value: String? = nil) {
        self.kind = kind
        self.name = name
        self.label = label
        self.weight = weight
        self.value = value
    }
}
