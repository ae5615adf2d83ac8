import KiemText

/// What the engine read in a message on its way to a verdict: the normalized views and the
/// entities. Callers that go on to cluster or count the message (the campaign watch) take it
/// from the check instead of normalizing the text a second time.
public struct MessageReading: Sendable {
    public let normalized: NormalizedText
    public let entities: [Entity]

    public init(normalized: NormalizedText, entities: [Entity]) {
        self.normalized = normalized
        self.entities = entities
    }

    /// Reads `text` afresh.
    public init(_ text: String, normalizer: Normalizer) {
        normalized = normalizer.normalize(text)
        entities = EntityExtractor.extract(normalized)
    }
}
