import KiemDetect

/// A listed value (domain, URL, phone number, e-mail address, bank account) with its label.
public struct Indicator: Sendable, Equatable {
    public var id: Int64
    public var type: IndicatorList.Kind
    /// Normalized: lower-case domain, E.164 phone number, digits of an account.
    public var value: String
    public var label: String
    public var source: String
    public var confidence: Double
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var expiresAt: Int64?
    public var note: String
}

/// A value to list; its type is recognized from the value.
public struct IndicatorInput: Sendable, Equatable {
    public var value: String
    public var label: String
    public var source: String
    public var confidence: Double
    public var expiresAt: Int64?
    public var note: String

    public init(value: String, label: String, source: String, confidence: Double = 1, expiresAt: Int64? = nil, note: String = "") {
        self.value = value
        self.label = label
        self.source = source
        self.confidence = confidence
        self.expiresAt = expiresAt
        self.note = note
    }
}

/// What a bulk import did.
public struct ImportOutcome: Sendable, Equatable {
    public var created: Int
    public var updated: Int
    /// Values that are not a domain, URL, phone number, e-mail address or account.
    public var rejected: Int
}
