import Foundation
import KiemText

/// One rule of a rule pack: conditions over the normalized message that, together, add weight
/// to some labels.
///
/// Conditions (all optional; every one given must hold):
/// - `any`: at least `min_any` of these phrases; `groups`: at least one phrase of each group;
/// - `all`: every phrase; `none`: none of these phrases (a veto);
/// - `entities`: at least this many entities of each kind (`url: 1`, `phone: 2`);
/// - `regex`: a regular expression over the plain view (evaluated last, only when the rest hold).
/// Phrases are matched as whole words on the plain view, so accents and teencode do not matter.
public struct Rule: Sendable {
    public var name: String
    public var description: String
    /// Weight per label, in logit units.
    public var weights: [String: Double]
    public var any: [String]
    public var minAny: Int
    public var groups: [[String]]
    public var all: [String]
    public var none: [String]
    public var entities: [Entity.Kind: Int]
    public var regex: String?
    /// Examples the rule must fire on, and must not fire on.
    public var shouldMatch: [String]
    public var shouldNotMatch: [String]

    public init(name: String, description: String = "", weights: [String: Double], any: [String] = [], minAny: Int = 1,
                groups: [[String]] = [], all: [String] = [], none: [String] = [], entities: [Entity.Kind: Int] = [:],
                regex: String? = nil, shouldMatch: [String] = [], shouldNotMatch: [String] = []) {
        self.name = name
        self.description = description
        self.weights = weights
        self.any = any
        self.minAny = minAny
        self.groups = groups
        self.all = all
        self.none = none
        self.entities = entities
        self.regex = regex
        self.shouldMatch = shouldMatch
        self.shouldNotMatch = shouldNotMatch
    }
}

/// A compiled regular expression that can be shared between threads (it is immutable).
final class SharedRegex: @unchecked Sendable {
    let expression: NSRegularExpression

    init(_ pattern: String) throws {
        expression = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
