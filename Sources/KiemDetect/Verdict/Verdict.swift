/// The engine's answer for one message: the contract of `kiem check` and `POST /v1/check`.
public struct Verdict: Sendable, Equatable {
    /// Every known label, in output order (shared by all verdicts of an engine).
    public var labelNames: [String]
    /// The calibrated probability of each label in `labelNames`.
    public var probabilities: [Double]
    /// The most likely label that passes its threshold, or `"clean"`.
    public var top: String
    public var action: Action
    public var signals: [Signal]
    /// Known claims the message makes, at or above the policy's match threshold, best first.
    public var matches: [ClaimMatch]
    /// Claims it may make (between the suggest and the match thresholds), for the review queue.
    public var suggestions: [ClaimMatch]

    public init(labelNames: [String], probabilities: [Double], top: String, action: Action, signals: [Signal],
                matches: [ClaimMatch] = [], suggestions: [ClaimMatch] = []) {
        self.labelNames = labelNames
        self.probabilities = probabilities
        self.top = top
        self.action = action
        self.signals = signals
        self.matches = matches
        self.suggestions = suggestions
    }

    /// Labels with their probabilities, in output order.
    public var labels: [(name: String, probability: Double)] {
        Array(zip(labelNames, probabilities)).map { (name: $0.0, probability: $0.1) }
    }

    /// The probability of one label (0 when the engine does not know it).
    public func probability(_ label: String) -> Double {
        labelNames.firstIndex(of: label).map { probabilities[$0] } ?? 0
    }
}
