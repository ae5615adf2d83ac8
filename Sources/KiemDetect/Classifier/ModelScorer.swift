import KiemText

/// Scores messages with a model alone, without rules or indicators (for evaluation and tests).
/// It keeps scratch buffers between calls: use one per thread.
public final class ModelScorer {
    public let model: LinearModel
    private let normalizer = Normalizer()
    private let hasher: FeatureHasher
    private var features: [FeatureHasher.Feature] = []
    private var margins: [Double] = []

    public init(model: LinearModel) {
        self.model = model
        hasher = model.makeHasher()
    }

    /// The calibrated probability of each of the model's labels.
    public func probabilities(_ text: String) -> [Double] {
        let normalized = normalizer.normalize(text)
        hasher.features(normalized, entities: EntityExtractor.extract(normalized), into: &features)
        return model.probabilities(features, margins: &margins)
    }
}
