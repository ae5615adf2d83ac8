import Foundation
import KiemText

/// The detection engine: normalization, entities, rules, classifier and indicators combined into
/// one ``Verdict`` per message.
///
/// Each signal adds to a label's log-odds: the classifier's calibrated log-odds first, then the
/// weights of the rules that fired and of the indicators that matched. The engine is an
/// immutable value shared by all threads; each thread checks through its own ``Engine/Session``.
public struct Engine: Sendable {
    public let model: LinearModel?
    public let rules: RulePack
    public let indicators: IndicatorList
    public let links: LinkSignals
    public let policy: Policy
    /// Known claims a message is matched against (none without a claim store).
    public let claims: ClaimIndex?
    /// Every label the engine reports, in output order.
    public let labels: [String]
    /// Weight of a listed indicator for its label, in log-odds.
    public var indicatorWeight = 5.0
    /// Log-odds of a label the model does not know before any signal.
    public var priorLogit = -5.0
    /// The classifier's log-odds are kept within ±this, so that it alone is never more than 98%
    /// sure and a rule or an indicator can always outweigh it.
    public var classifierLogitLimit = 4.0
    private let modelIndex: [Int?]
    /// For each rule: (label index, weight) pairs, and the label and weight it is reported with.
    private let ruleEffects: [(effects: [(Int, Double)], label: String?, weight: Double?)]
    private let scamIndex: Int?
    private let thresholds: [Policy.Thresholds]

    public init(model: LinearModel?, rules: RulePack = RulePack(), indicators: IndicatorList = IndicatorList(),
                policy: Policy = Policy(), links: LinkSignals = LinkSignals(), claims: ClaimIndex? = nil) {
        self.model = model
        self.claims = claims
        self.rules = rules
        self.indicators = indicators
        self.policy = policy
        self.links = links
        var names = Label.names
        for label in (model?.labels ?? []) + rules.rules.flatMap({ $0.weights.keys.sorted() }) where !names.contains(label) {
            names.append(label)
        }
        if let model, Set(model.labels).isDisjoint(with: Label.names) {
            // A custom model (e.g. OFFENSIVE/HATE) reports its own labels first.
            names = model.labels + names.filter { !model.labels.contains($0) }
        }
        labels = names
        modelIndex = names.map { model?.labels.firstIndex(of: $0) }
        ruleEffects = rules.rules.map { rule in
            // The label it is reported with: the heaviest, ties broken by output order.
            let strongest = rule.weights.max { lhs, rhs in
                lhs.value != rhs.value ? lhs.value < rhs.value : (names.firstIndex(of: lhs.key) ?? .max) > (names.firstIndex(of: rhs.key) ?? .max)
            }
            return (rule.weights.compactMap { label, weight in names.firstIndex(of: label).map { ($0, weight) } },
                    strongest?.key, strongest?.value)
        }
        scamIndex = names.firstIndex(of: "scam")
        thresholds = names.map(policy.thresholds(for:))
    }

    /// Per-thread scratch state for checking messages.
    public final class Session {
        public let engine: Engine
        let normalizer = Normalizer()
        let hasher: FeatureHasher?
        var features: [FeatureHasher.Feature] = []
        var margins: [Double] = []
        var logits: [Double] = []
        /// The arrays of the last verdict and entities, refilled for the next message: once the
        /// caller has dropped them (as a batch does after writing each verdict), their memory is
        /// reused; a caller that keeps them keeps its copy.
        var lastEntities: [Entity] = []
        var lastSignals: [Signal] = []
        var lastProbabilities: [Double] = []
        var ruleScratch = RulePack.Scratch()
        /// What ``checkAndRead(_:)`` read in its message, between the check and its return.
        private var reading: MessageReading?
        let claimScratch = ClaimIndex.Scratch()

        init(engine: Engine) {
            self.engine = engine
            hasher = engine.model.map { $0.makeHasher() }
            features.reserveCapacity(2048)
        }

        /// Checks one message.
        public func check(_ text: String, explain: Bool = false) -> Verdict {
            var text = text
            return text.withUTF8 { check(bytes: $0, explain: explain) }
        }

        /// Checks one message, and keeps what was read in it on the way.
        public func checkAndRead(_ text: String) -> (verdict: Verdict, reading: MessageReading) {
            var text = text
            let verdict = text.withUTF8 { run(bytes: $0, explain: false, keepReading: true) }
            defer { reading = nil }
            return (verdict, reading!)
        }

        /// Checks one message given as UTF-8 bytes (invalid bytes are replaced).
        public func check(bytes: UnsafeBufferPointer<UInt8>, explain: Bool = false) -> Verdict {
            run(bytes: bytes, explain: explain, keepReading: false)
        }

        /// With `keepReading`, what was read in the message is left in `reading` for the caller.
        /// Without, the text and entities are not handed out: each of their arrays would be
        /// retained on the way out and released by a caller that has no use for them.
        private func run(bytes: UnsafeBufferPointer<UInt8>, explain: Bool, keepReading: Bool) -> Verdict {
            let text = normalizer.normalize(bytes: bytes)
            EntityExtractor.extract(text, into: &lastEntities)
            let entities = lastEntities
            let engine = self.engine
            let labelCount = engine.labels.count
            if logits.count != labelCount { logits = [Double](repeating: 0, count: labelCount) }
            var signals = Session.emptied(&lastSignals)
            if let model = engine.model, let hasher {
                hasher.features(text, entities: entities, into: &features)
                model.margins(features, into: &margins)
                for index in 0..<labelCount {
                    if let modelLabel = engine.modelIndex[index] {
                        let logit = model.header.calibration[modelLabel].logit(margins[modelLabel])
                        logits[index] = min(max(logit, -engine.classifierLogitLimit), engine.classifierLogitLimit)
                    } else {
                        logits[index] = engine.priorLogit
                    }
                }
            } else {
                for index in 0..<labelCount { logits[index] = engine.priorLogit }
            }
            for hit in engine.rules.evaluate(text, entities: entities, scratch: &ruleScratch) {
                let effect = engine.ruleEffects[hit.rule]
                for (index, weight) in effect.effects { logits[index] += weight }
                Session.add(Signal(kind: .rule, name: engine.rules.rules[hit.rule].name, label: effect.label, weight: effect.weight,
                                   value: Engine.list(hit.phrases)), to: &signals)
            }
            if !entities.isEmpty {
                for match in engine.indicators.matches(entities) {
                    // A listed value is known bad whatever the words say: at least the indicator's weight.
                    if let index = engine.labels.firstIndex(of: match.label) {
                        logits[index] = max(logits[index] + engine.indicatorWeight, engine.indicatorWeight)
                    }
                    Session.add(Signal(kind: .indicator, name: "listed_" + match.kind.rawValue, label: match.label,
                                       weight: engine.indicatorWeight, value: match.value), to: &signals)
                }
                let original = text.stats.substituted > 0 ? String(decoding: bytes, as: UTF8.self).lowercased() : nil
                for signal in engine.links.signals(for: entities, original: original) {
                    if let label = signal.label, let index = engine.labels.firstIndex(of: label), let weight = signal.weight {
                        logits[index] += weight
                        // A link that imitates a bank is also the vehicle of a scam.
                        if label == "phishing", weight >= 2.5, let scam = engine.scamIndex { logits[scam] += weight / 2 }
                    }
                    Session.add(signal, to: &signals)
                }
            }
            var probabilities = Session.emptied(&lastProbabilities)
            for _ in 0..<labelCount { probabilities.append(0) }
            var top = "clean"
            var topIndex = -1
            var action = Action.allow
            for index in 0..<labelCount {
                let logit = logits[index]
                let probability = logit >= 0 ? 1 / (1 + exp(-logit)) : exp(logit) / (1 + exp(logit))
                probabilities[index] = probability
                let labelAction = engine.thresholds[index].action(for: probability)
                if labelAction > action { action = labelAction }
                if labelAction != .allow && (topIndex < 0 || probability > probabilities[topIndex]) { topIndex = index }
            }
            if topIndex >= 0 { top = engine.labels[topIndex] }
            if action == .block && engine.policy.blockRequiresIndicator
                && !signals.contains(where: { $0.kind == .indicator && ($0.weight ?? 0) >= Engine.strongIndicator }) {
                action = .warn
            }
            if let model = engine.model, let hasher, topIndex >= 0, let modelLabel = engine.modelIndex[topIndex] {
                // The classifier's say in the top label; with `explain`, the words that weighed most.
                var words: String?
                if explain {
                    let named = hasher.namedFeatures(text, entities: entities)
                    let names = Engine.readable(model.explain(features, label: modelLabel, named: named, limit: 12).map(\.name), limit: 8)
                    if !names.isEmpty { words = names.joined(separator: ", ") }
                }
                Session.add(Signal(kind: .classifier, name: "linear_model", label: top,
                                   weight: (model.header.calibration[modelLabel].logit(margins[modelLabel]) * 100).rounded() / 100,
                                   value: words), to: &signals)
            }
            var matches: [ClaimMatch] = []
            var suggestions: [ClaimMatch] = []
            if let claims = engine.claims {
                let settings = engine.policy.claims
                for match in claims.matches(text, threshold: settings.suggest, scratch: claimScratch) {
                    if match.similarity >= settings.match {
                        matches.append(match)
                        Session.add(Signal(kind: .claim, name: "matches_fact_check", weight: match.similarity, value: match.claimID), to: &signals)
                        // A claim already rated false or misleading is worth a warning whatever the labels say.
                        if match.verdict == "false" || match.verdict == "misleading" { action = max(action, .warn) }
                    } else {
                        suggestions.append(match)
                        action = max(action, .review)
                    }
                }
            }
            if explain {
                for entity in entities { Session.add(Signal(kind: .entity, name: entity.kind.rawValue, value: entity.value), to: &signals) }
            }
            lastSignals = signals
            lastProbabilities = probabilities
            if keepReading { reading = MessageReading(normalized: text, entities: entities) }
            return Verdict(labelNames: engine.labels, probabilities: probabilities, top: top, action: action, signals: signals,
                           matches: matches, suggestions: suggestions)
        }

        /// `kept`, emptied and taken out of the session: the caller is then its only holder while it
        /// refills it, and its memory is kept unless a verdict still holds it.
        private static func emptied<Element>(_ kept: inout [Element]) -> [Element] {
            var array: [Element] = []
            swap(&array, &kept)
            array.removeAll(keepingCapacity: true)
            return array
        }

        /// Appends a signal; most messages have none, so room for eight is made by the first.
        private static func add(_ signal: Signal, to signals: inout [Signal]) {
            if signals.isEmpty { signals.reserveCapacity(8) }
            signals.append(signal)
        }
    }

    /// Phrases as a signal's value, joined with ", " (nil for none); a plain loop, as the generic
    /// `joined(separator:)` cost more than the rule matching that found them.
    static func list(_ phrases: [String]) -> String? {
        guard phrases.count > 1 else { return phrases.first }
        var value = ""
        // Sized once: growing by appends reallocated it up to three times.
        value.reserveCapacity(phrases.reduce(2 * (phrases.count - 1)) { $0 + $1.utf8.count })
        value += phrases[0]
        for phrase in phrases.dropFirst() {
            value += ", "
            value += phrase
        }
        return value
    }

    /// Calls `body` with each phrase of a value made by ``list(_:)``, split on the bytes: far
    /// cheaper than splitting a String on a String.
    static func forEachPhrase(in value: String, _ body: (Substring) -> Void) {
        let bytes = value.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == UInt8(ascii: ","), next != bytes.endIndex, bytes[next] == UInt8(ascii: " ") {
                if start != index { body(value[start..<index]) }
                start = bytes.index(after: next)
                index = start
            } else {
                index = next
            }
        }
        if start != bytes.endIndex { body(value[start...]) }
    }

    /// Indicator signals at least this strong may back an automatic block.
    static let strongIndicator = 2.5

    /// Feature names as people read them: words and entities first, character n-grams only
    /// when nothing else explains, without prefixes or repeats.
    static func readable(_ names: [String], limit: Int) -> [String] {
        var words: [String] = []
        var grams: [String] = []
        for name in names {
            if name.hasPrefix("c:") {
                let gram = String(name.dropFirst(2).filter { $0 != " " })
                if !gram.isEmpty && !grams.contains(gram) { grams.append(gram) }
            } else {
                let word = name.hasPrefix("w:") ? String(name.dropFirst(2)) : name
                if !words.contains(word) { words.append(word) }
            }
        }
        return Array((words.isEmpty ? grams : words).prefix(limit))
    }

    /// A new session for the calling thread.
    public func session() -> Session { Session(engine: self) }
}
