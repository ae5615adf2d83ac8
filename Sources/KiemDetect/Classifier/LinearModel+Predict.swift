import KiemText

extension LinearModel {
    /// Calibrated probability per model label for a message.
    public func probabilities(_ features: [FeatureHasher.Feature], margins: inout [Double]) -> [Double] {
        self.margins(features, into: &margins)
        return labels.indices.map { header.calibration[$0].probability(margins[$0]) }
    }

    /// The predicted class of single-label data: the most probable label that passes its
    /// threshold, else the negative class.
    public func predictClass(probabilities: [Double]) -> String {
        var best: (index: Int, score: Double)?
        for (index, probability) in probabilities.enumerated() where probability >= header.thresholds[index] {
            let score = probability / header.thresholds[index]
            if best == nil || score > best!.score { best = (index, score) }
        }
        if let best { return labels[best.index] }
        if header.negativeClass == nil, let most = probabilities.indices.max(by: { probabilities[$0] < probabilities[$1] }) { return labels[most] }
        return header.negativeClass ?? "clean"
    }

    /// The predicted label set of multi-label data: every label that passes its threshold.
    public func predictLabels(probabilities: [Double]) -> Set<String> {
        Set(probabilities.indices.filter { probabilities[$0] >= header.thresholds[$0] }.map { labels[$0] })
    }
}
