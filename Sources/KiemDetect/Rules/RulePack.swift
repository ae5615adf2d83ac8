import Foundation
import KiemText

/// A set of rules loaded from YAML and compiled for fast evaluation.
///
/// ```yaml
/// version: "2026.11"
/// rules:
///   - name: impersonates_police
///     description: Claims to be the police or a court and demands action.
///     labels: {scam: 2.0}
///     any: ["công an", "tòa án", "viện kiểm sát"]
///     groups: [["lệnh bắt", "triệu tập", "điều tra", "phong tỏa"]]
///     tests:
///       match: ["Cong an quan 1 thong bao lenh bat tam giam"]
///       no_match: ["Công an phường tổ chức tuyên truyền phòng chống lừa đảo"]
/// ```
public struct RulePack: Sendable {
    public let version: String
    public let rules: [Rule]
    private let matcher: PhraseMatcher
    private let compiled: [CompiledRule]
    private let phraseLengths: [Int]
    /// The phrase ids of every rule back to back: its `any` list, each of its groups, `all`, then `none`.
    private let phraseIDs: [Int]
    /// Each group's range in `phraseIDs`.
    private let groupRanges: [Range<Int>]
    /// Entity count slots (see `entitySlot`) and the least count each needs, every rule's back to back.
    private let entityNeeds: [EntityNeed]
    private let regexes: [SharedRegex]
    /// For each phrase, the rules that need one of their `any`, group or `all` phrases found: rule
    /// ids in `phraseRules[phraseRuleStarts[p]..<phraseRuleStarts[p + 1]]`. A scan marks these
    /// rules, and a rule left unmarked is not looked at further.
    private let phraseRuleStarts: [Int32]
    private let phraseRules: [Int32]

    /// A rule as ranges into the pack's flat lists: plain integers, so that evaluating it copies
    /// no array and touches no reference count (which threads checking at once would share).
    private struct CompiledRule: Sendable {
        /// Ranges in `phraseIDs`; `any`, the groups and `all` are contiguous, in that order.
        var any: Range<Int>
        var all: Range<Int>
        var none: Range<Int>
        /// Range in `groupRanges`.
        var groups: Range<Int>
        var minAny: Int
        /// Whether the rule cannot fire unless one of its `any`, group or `all` phrases is found.
        var needsPhrase: Bool
        /// Range in `entityNeeds`.
        var entities: Range<Int>
        /// Index in `regexes`.
        var regex: Int?
    }

    private struct EntityNeed: Sendable {
        var slot: Int
        var count: Int
    }

    /// One rule that fired, with the phrases that made it fire.
    public struct Hit: Sendable, Equatable {
        public var rule: Int
        public var phrases: [String]
    }

    /// An empty pack.
    public init() {
        version = "empty"
        rules = []
        matcher = PhraseMatcher(phrases: [])
        compiled = []
        phraseLengths = []
        phraseIDs = []
        groupRanges = []
        entityNeeds = []
        regexes = []
        phraseRuleStarts = [0]
        phraseRules = []
    }

    /// Compiles rules; phrases are normalized exactly as messages are.
    public init(version: String, rules: [Rule]) throws {
        self.version = version
        self.rules = rules
        let normalizer = Normalizer()
        var phraseIndex: [[UInt8]: Int] = [:]
        var phrases: [[UInt8]] = []
        func ids(_ list: [String]) -> [Int] {
            list.compactMap { phrase in
                let plain = normalizer.normalize(phrase).plain
                guard !plain.isEmpty else { return nil }
                if let existing = phraseIndex[plain] { return existing }
                phraseIndex[plain] = phrases.count
                phrases.append(plain)
                return phrases.count - 1
            }
        }
        var seen = Set<String>()
        var compiled: [CompiledRule] = []
        var phraseIDs: [Int] = []
        var groupRanges: [Range<Int>] = []
        var entityNeeds: [EntityNeed] = []
        var regexes: [SharedRegex] = []
        func append(_ list: [String]) -> Range<Int> {
            let start = phraseIDs.count
            phraseIDs += ids(list)
            return start..<phraseIDs.count
        }
        for rule in rules {
            guard seen.insert(rule.name).inserted else { throw RulePackError.duplicateRule(rule.name) }
            var regex: Int?
            if let pattern = rule.regex {
                do { regexes.append(try SharedRegex(pattern)) } catch { throw RulePackError.invalidRegex(rule: rule.name, reason: "\(error)") }
                regex = regexes.count - 1
            }
            let any = append(rule.any)
            let firstGroup = groupRanges.count
            for group in rule.groups { groupRanges.append(append(group)) }
            let groups = firstGroup..<groupRanges.count
            let all = append(rule.all)
            let none = append(rule.none)
            let firstNeed = entityNeeds.count
            entityNeeds += rule.entities.map { EntityNeed(slot: Self.entitySlot($0.key), count: $0.value) }
            let needsPhrase = !any.isEmpty && rule.minAny >= 1 || !groups.isEmpty || !all.isEmpty
            compiled.append(CompiledRule(any: any, all: all, none: none, groups: groups, minAny: rule.minAny, needsPhrase: needsPhrase,
                                         entities: firstNeed..<entityNeeds.count, regex: regex))
        }
        var rulesOfPhrase = [[Int32]](repeating: [], count: phrases.count)
        for (index, rule) in compiled.enumerated() where rule.needsPhrase {
            for position in rule.any.lowerBound..<rule.all.upperBound where rulesOfPhrase[phraseIDs[position]].last != Int32(index) {
                rulesOfPhrase[phraseIDs[position]].append(Int32(index))
            }
        }
        phraseRuleStarts = rulesOfPhrase.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        phraseRules = rulesOfPhrase.flatMap { $0 }
        self.compiled = compiled
        self.phraseIDs = phraseIDs
        self.groupRanges = groupRanges
        self.entityNeeds = entityNeeds
        self.regexes = regexes
        matcher = PhraseMatcher(phrases: phrases)
        phraseLengths = phrases.map(\.count)
    }

    /// Parses and compiles a YAML rule pack.
    public init(yaml: String) throws {
        let document: Any?
        do { document = try YAMLLoader.load(yaml) } catch { throw RulePackError.invalidYAML("\(error)") }
        guard let root = document as? [String: Any] else { throw RulePackError.invalidYAML("the top level must be a mapping with `rules`") }
        guard let list = root["rules"] as? [Any] else { throw RulePackError.invalidYAML("`rules` must be a list") }
        let version = root["version"].map { "\($0)" } ?? "unversioned"
        try self.init(version: version, rules: list.enumerated().map { try Self.parseRule($0.element, index: $0.offset) })
    }

    private static func parseRule(_ value: Any, index: Int) throws -> Rule {
        guard let map = value as? [String: Any] else { throw RulePackError.invalidField(rule: "#\(index + 1)", field: "-", reason: "a rule must be a mapping") }
        guard let name = map["name"] as? String, !name.isEmpty else { throw RulePackError.invalidField(rule: "#\(index + 1)", field: "name", reason: "required string") }
        let known: Set<String> = ["name", "description", "labels", "any", "min_any", "groups", "all", "none", "entities", "regex", "tests"]
        if let unknown = map.keys.first(where: { !known.contains($0) }) {
            throw RulePackError.invalidField(rule: name, field: unknown, reason: "unknown field")
        }
        func strings(_ field: String) throws -> [String] {
            guard let raw = map[field] else { return [] }
            guard let list = raw as? [Any] else { throw RulePackError.invalidField(rule: name, field: field, reason: "must be a list of strings") }
            return list.map { "\($0)" }
        }
        guard let labelMap = map["labels"] as? [String: Any], !labelMap.isEmpty else {
            throw RulePackError.invalidField(rule: name, field: "labels", reason: "required mapping of label to weight")
        }
        var weights: [String: Double] = [:]
        for (label, raw) in labelMap {
            guard let weight = (raw as? Double) ?? (raw as? Int).map(Double.init), weight.isFinite, abs(weight) <= 20 else {
                throw RulePackError.invalidField(rule: name, field: "labels.\(label)", reason: "weight must be a number between -20 and 20")
            }
            weights[label] = weight
        }
        var groups: [[String]] = []
        if let raw = map["groups"] {
            guard let list = raw as? [Any] else { throw RulePackError.invalidField(rule: name, field: "groups", reason: "must be a list of lists") }
            for group in list {
                guard let items = group as? [Any], !items.isEmpty else { throw RulePackError.invalidField(rule: name, field: "groups", reason: "each group must be a non-empty list") }
                groups.append(items.map { "\($0)" })
            }
        }
        var entities: [Entity.Kind: Int] = [:]
        if let raw = map["entities"] {
            guard let entityMap = raw as? [String: Any] else { throw RulePackError.invalidField(rule: name, field: "entities", reason: "must map entity kinds to counts") }
            for (kindName, count) in entityMap {
                guard let kind = Entity.Kind(rawValue: kindName) else {
                    throw RulePackError.invalidField(rule: name, field: "entities.\(kindName)", reason: "unknown entity kind (known: \(Entity.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard let number = count as? Int, number >= 0 else { throw RulePackError.invalidField(rule: name, field: "entities.\(kindName)", reason: "must be a count") }
                entities[kind] = number
            }
        }
        var minAny = 1
        if let raw = map["min_any"] {
            guard let number = raw as? Int, number >= 1 else { throw RulePackError.invalidField(rule: name, field: "min_any", reason: "must be a positive integer") }
            minAny = number
        }
        var regex: String?
        if let raw = map["regex"] {
            guard let pattern = raw as? String else { throw RulePackError.invalidField(rule: name, field: "regex", reason: "must be a string") }
            regex = pattern
        }
        var match: [String] = []
        var noMatch: [String] = []
        if let raw = map["tests"] {
            guard let tests = raw as? [String: Any] else { throw RulePackError.invalidField(rule: name, field: "tests", reason: "must be a mapping with match and no_match") }
            match = (tests["match"] as? [Any])?.map { "\($0)" } ?? []
            noMatch = (tests["no_match"] as? [Any])?.map { "\($0)" } ?? []
        }
        let rule = Rule(name: name, description: map["description"] as? String ?? "", weights: weights, any: try strings("any"),
                        minAny: minAny, groups: groups, all: try strings("all"), none: try strings("none"), entities: entities,
                        regex: regex, shouldMatch: match, shouldNotMatch: noMatch)
        let hasCondition = !rule.any.isEmpty || !rule.groups.isEmpty || !rule.all.isEmpty || !rule.entities.isEmpty || rule.regex != nil
        guard hasCondition else { throw RulePackError.invalidField(rule: name, field: "-", reason: "a rule needs at least one condition") }
        return rule
    }

    /// Reusable per-thread memory for ``evaluate(_:entities:scratch:)``.
    public struct Scratch {
        var seenAt: [UInt32] = []
        var positions: [Int] = []
        /// Per rule: the generation in which one of its phrases was found.
        var ruleMarkedAt: [UInt32] = []
        var generation: UInt32 = 0
        public init() {}
    }

    /// The rules that fire on a message.
    public func evaluate(_ text: NormalizedText, entities: [Entity]) -> [Hit] {
        var scratch = Scratch()
        return evaluate(text, entities: entities, scratch: &scratch)
    }

    /// The rules that fire on a message, reusing `scratch` between calls.
    public func evaluate(_ text: NormalizedText, entities: [Entity], scratch: inout Scratch) -> [Hit] {
        guard !compiled.isEmpty else { return [] }
        if scratch.seenAt.count != matcher.count || scratch.ruleMarkedAt.count != compiled.count {
            scratch.seenAt = [UInt32](repeating: 0, count: matcher.count)
            scratch.positions = [Int](repeating: 0, count: matcher.count)
            scratch.ruleMarkedAt = [UInt32](repeating: 0, count: compiled.count)
            scratch.generation = 0
        }
        scratch.generation &+= 1
        if scratch.generation == 0 {
            for index in scratch.seenAt.indices { scratch.seenAt[index] = 0 }
            for index in scratch.ruleMarkedAt.indices { scratch.ruleMarkedAt[index] = 0 }
            scratch.generation = 1
        }
        let generation = scratch.generation
        var any = false
        scratch.seenAt.withUnsafeMutableBufferPointer { seen in
            scratch.positions.withUnsafeMutableBufferPointer { positions in
                scratch.ruleMarkedAt.withUnsafeMutableBufferPointer { marked in
                    phraseRuleStarts.withUnsafeBufferPointer { starts in
                        phraseRules.withUnsafeBufferPointer { rules in
                            matcher.forEachMatch(in: text) { phrase, start in
                                if seen[phrase] != generation {
                                    seen[phrase] = generation
                                    positions[phrase] = start
                                    for index in Int(starts[phrase])..<Int(starts[phrase + 1]) { marked[Int(rules[index])] = generation }
                                }
                                any = true
                            }
                        }
                    }
                }
            }
        }
        // Eight counters in one word each, without an array per message.
        var entityCounts: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &entityCounts) { raw in
            let counts = raw.bindMemory(to: Int.self)
            for entity in entities { counts[Self.entitySlot(entity.kind)] += 1 }
        }
        // Room for four hits is made at the first one: most messages match a phrase, few a rule.
        var hits: [Hit] = []
        var plainString: String?
        let seen = scratch.seenAt
        let marked = scratch.ruleMarkedAt
        // Whether the phrase at `position` of `phraseIDs` is in the message.
        func found(_ position: Int) -> Bool { seen[phraseIDs[position]] == generation }
        withUnsafeBytes(of: entityCounts) { raw in
            let counts = raw.bindMemory(to: Int.self)
            for index in compiled.indices {
                let rule = compiled[index]
                if !any && (!rule.any.isEmpty || !rule.groups.isEmpty || !rule.all.isEmpty) { continue }
                // None of the phrases it needs was found: it cannot fire.
                if rule.needsPhrase && marked[index] != generation { continue }
                if !rule.any.isEmpty && !Self.atLeast(rule.minAny, of: rule.any, where: found) { continue }
                if !rule.groups.allSatisfy({ groupRanges[$0].contains(where: found) }) { continue }
                if !rule.all.allSatisfy(found) { continue }
                if rule.none.contains(where: found) { continue }
                if !rule.entities.allSatisfy({ counts[entityNeeds[$0].slot] >= entityNeeds[$0].count }) { continue }
                if let regex = rule.regex {
                    if plainString == nil { plainString = text.plainString }
                    if !regexes[regex].matches(plainString!) { continue }
                }
                // The phrases that matched, from `any`, the groups and `all` (contiguous).
                var phrases: [String] = []
                // One allocation for the list, not one per doubling.
                phrases.reserveCapacity((rule.any.lowerBound..<rule.all.upperBound).count(where: found))
                for position in rule.any.lowerBound..<rule.all.upperBound where found(position) {
                    let id = phraseIDs[position]
                    let start = scratch.positions[id]
                    let phrase = String(decoding: text.plain[start..<min(text.plain.count, start + phraseLength(id))], as: UTF8.self)
                    if !phrases.contains(phrase) { phrases.append(phrase) }
                }
                if hits.isEmpty { hits.reserveCapacity(4) }
                hits.append(Hit(rule: index, phrases: phrases))
            }
        }
        return hits
    }

    /// Whether at least `count` positions of `range` satisfy `found`, stopping once they do.
    private static func atLeast(_ count: Int, of range: Range<Int>, where found: (Int) -> Bool) -> Bool {
        var remaining = count
        for position in range where remaining > 0 && found(position) { remaining -= 1 }
        return remaining <= 0
    }

    private static func entitySlot(_ kind: Entity.Kind) -> Int {
        switch kind {
        case .url: 0
        case .domain: 1
        case .email: 2
        case .phone: 3
        case .bankAccount: 4
        case .money: 5
        case .credentialRequest: 6
        case .appInstall: 7
        }
    }

    private func phraseLength(_ id: Int) -> Int { phraseLengths[id] }

    /// A failed rule test: the rule, the example, and whether it should have fired.
    public struct TestFailure: Sendable, CustomStringConvertible {
        public var rule: String
        public var example: String
        public var expectedMatch: Bool
        public var description: String {
            expectedMatch ? "rule \(rule) should fire on: \(example)" : "rule \(rule) should not fire on: \(example)"
        }
    }

    /// Runs the examples written in each rule; an empty result means every rule behaves as documented.
    public func runTests(only ruleName: String? = nil) -> (checked: Int, failures: [TestFailure]) {
        let normalizer = Normalizer()
        var failures: [TestFailure] = []
        var checked = 0
        for (index, rule) in rules.enumerated() where ruleName == nil || rule.name == ruleName {
            for (examples, expected) in [(rule.shouldMatch, true), (rule.shouldNotMatch, false)] {
                for example in examples {
                    checked += 1
                    let text = normalizer.normalize(example)
                    let fired = evaluate(text, entities: EntityExtractor.extract(text)).contains { $0.rule == index }
                    if fired != expected { failures.append(TestFailure(rule: rule.name, example: example, expectedMatch: expected)) }
                }
            }
        }
        return (checked, failures)
    }
}
