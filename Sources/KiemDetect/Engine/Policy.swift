
/// Per-label thresholds that turn probabilities into an action.
///
/// A label at or above `review` makes the message a candidate for `top` and sends it to
/// review; at or above `warn` the public is warned; at or above `block` it is blocked.
/// Blocking is allowed only for scam, phishing and malware: everything else goes to people.
public struct Policy: Sendable, Equatable {
    /// The thresholds of one label.
    public struct Thresholds: Sendable, Equatable {
        public var review: Double
        public var warn: Double
        public var block: Double?

        public init(review: Double, warn: Double, block: Double? = nil) {
            self.review = review
            self.warn = warn
            self.block = block
        }
    }

    /// How similar a message must be to a known claim to match it, and to be suggested to reviewers.
    public struct ClaimThresholds: Sendable, Equatable {
        public var match: Double
        public var suggest: Double

        public init(match: Double = 0.6, suggest: Double = 0.45) {
            self.match = match
            self.suggest = suggest
        }
    }

    /// Labels for which automatic blocking may be configured.
    public static let blockable: Set<String> = ["scam", "phishing", "malware"]

    public var defaults: Thresholds
    public var labels: [String: Thresholds]
    /// Block only when a strong indicator (a listed value or a look-alike link) backs the verdict;
    /// a verdict from words alone goes no further than `warn`.
    public var blockRequiresIndicator: Bool
    public var claims: ClaimThresholds

    public init(defaults: Thresholds = Thresholds(review: 0.5, warn: 0.8), labels: [String: Thresholds] = [:], blockRequiresIndicator: Bool = true,
                claims: ClaimThresholds = ClaimThresholds()) {
        self.defaults = defaults
        self.labels = labels
        self.blockRequiresIndicator = blockRequiresIndicator
        self.claims = claims
    }

    /// The thresholds for a label.
    public func thresholds(for label: String) -> Thresholds { labels[label] ?? defaults }
}

extension Policy.Thresholds {
    /// The action these thresholds give a probability.
    @inlinable
    public func action(for probability: Double) -> Action {
        if let block, probability >= block { return .block }
        if probability >= warn { return .warn }
        if probability >= review { return .review }
        return .allow
    }
}

extension Policy {
    /// Why a policy file was rejected.
    public enum ParseError: Error, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            switch self { case .invalid(let reason): "invalid policy: \(reason)" }
        }
    }

    /// Reads a policy from YAML:
    /// ```yaml
    /// default: {review: 0.5, warn: 0.8}
    /// labels:
    ///   phishing: {review: 0.5, warn: 0.7, block: 0.95}
    /// block_requires_indicator: true
    /// claims: {match: 0.6, suggest: 0.45}
    /// ```
    public init(yaml: String) throws {
        let document: Any?
        do { document = try YAMLLoader.load(yaml) } catch { throw ParseError.invalid("\(error)") }
        guard let root = document as? [String: Any] else { throw ParseError.invalid("top level must be a mapping") }
        func thresholds(_ value: Any?, name: String) throws -> Thresholds {
            guard let map = value as? [String: Any] else { throw ParseError.invalid("\(name) must be a mapping of review, warn, block") }
            func number(_ key: String) throws -> Double? {
                guard let raw = map[key] else { return nil }
                guard let value = (raw as? Double) ?? (raw as? Int).map(Double.init), value >= 0, value <= 1 else {
                    throw ParseError.invalid("\(name).\(key) must be a probability between 0 and 1")
                }
                return value
            }
            let review = try number("review") ?? 0.5
            let warn = try number("warn") ?? max(review, 0.8)
            let block = try number("block")
            guard review <= warn, block.map({ $0 >= warn }) ?? true else { throw ParseError.invalid("\(name): need review ≤ warn ≤ block") }
            if block != nil && !Self.blockable.contains(name) {
                throw ParseError.invalid("\(name): automatic blocking is only allowed for \(Self.blockable.sorted().joined(separator: ", "))")
            }
            return Thresholds(review: review, warn: warn, block: block)
        }
        let defaults = try root["default"].map { try thresholds($0, name: "default") } ?? Thresholds(review: 0.5, warn: 0.8)
        var labels: [String: Thresholds] = [:]
        if let map = root["labels"] as? [String: Any] {
            for (label, value) in map { labels[label] = try thresholds(value, name: label) }
        }
        var requiresIndicator = true
        if let raw = root["block_requires_indicator"] {
            guard let flag = raw as? Bool else { throw ParseError.invalid("block_requires_indicator must be true or false") }
            requiresIndicator = flag
        }
        var claims = ClaimThresholds()
        if let raw = root["claims"] {
            guard let map = raw as? [String: Any] else { throw ParseError.invalid("claims must be a mapping of match, suggest") }
            for (key, value) in map {
                guard let number = (value as? Double) ?? (value as? Int).map(Double.init), number > 0, number <= 1 else {
                    throw ParseError.invalid("claims.\(key) must be a similarity above 0 and at most 1")
                }
                switch key {
                case "match": claims.match = number
                case "suggest": claims.suggest = number
                default: throw ParseError.invalid("unknown field claims.\(key)")
                }
            }
            guard claims.suggest <= claims.match else { throw ParseError.invalid("claims: need suggest ≤ match") }
        }
        let known: Set<String> = ["default", "labels", "block_requires_indicator", "claims"]
        if let unknown = root.keys.first(where: { !known.contains($0) }) { throw ParseError.invalid("unknown field \(unknown)") }
        self.init(defaults: defaults, labels: labels, blockRequiresIndicator: requiresIndicator, claims: claims)
    }
}
