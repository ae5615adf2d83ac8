/// The engine's answer for one message: the contract of `kiem check` and `POST /v1/check`.
public struct Verdict: Sendable, Equatable {
    /// Every known label with its calibrated probability, in model order.
    public var labels: [(name: String, probability: Double)]
    /// The most likely label that passes its threshold, or `"clean"`.
    public var top: String
    public var action: Action
    public var signals: [Signal]
    public var matches: [ClaimMatch]

    public init(labels: [(name: String, probability: Double)], top: String, action: Action, signals: [Signal], matches: [ClaimMatch] = []) {
        self.labels = labels
        self.top = top
        self.action = action
        self.signals = signals
        self.matches = matches
    }

    /// The probability of one label (0 when the model does not know it).
    public func probability(_ label: String) -> Double {
        labels.first { $0.name == label }?.probability ?? 0
    }

    public static func == (lhs: Verdict, rhs: Verdict) -> Bool {
        lhs.top == rhs.top && lhs.action == rhs.action && lhs.signals == rhs.signals && lhs.matches == rhs.matches
            && lhs.labels.map(\.name) == rhs.labels.map(\.name) && lhs.labels.map(\.probability) == rhs.labels.map(\.probability)
    }
}
