import Foundation

/// Scores predictions against gold labels: per-class precision, recall and F1, macro-F1, a
/// confusion matrix for single-label data, and the Matthews correlation for binary data.
public struct Evaluation: Sendable {
    /// Precision, recall and F1 of one class.
    public struct ClassScore: Sendable, Equatable {
        public var name: String
        public var support: Int
        public var truePositives: Int
        public var falsePositives: Int
        public var falseNegatives: Int

        public var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double { 2 * Double(truePositives) == 0 ? 0 : 2 * Double(truePositives) / Double(2 * truePositives + falsePositives + falseNegatives) }
    }

    public let classes: [String]
    public let scores: [ClassScore]
    /// confusion[gold][predicted], single-label data only.
    public let confusion: [[Int]]?
    public let examples: Int
    public let singleLabel: Bool
    /// The class taken as positive for the Matthews correlation (binary data only).
    public let positiveClass: String?

    /// Single-label evaluation: one gold and one predicted class per example.
    public init(classes: [String], gold: [String], predicted: [String], positiveClass: String? = nil) {
        var all = classes
        for name in gold + predicted where !all.contains(name) { all.append(name) }
        let index = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) })
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: all.count), count: all.count)
        for (g, p) in zip(gold, predicted) { matrix[index[g]!][index[p]!] += 1 }
        self.classes = all
        confusion = matrix
        examples = gold.count
        singleLabel = true
        scores = all.indices.map { c in
            let tp = matrix[c][c]
            let fp = all.indices.reduce(0) { $0 + ($1 == c ? 0 : matrix[$1][c]) }
            let fn = all.indices.reduce(0) { $0 + ($1 == c ? 0 : matrix[c][$1]) }
            return ClassScore(name: all[c], support: matrix[c].reduce(0, +), truePositives: tp, falsePositives: fp, falseNegatives: fn)
        }
        self.positiveClass = all.count == 2 ? (positiveClass ?? all[1]) : nil
    }

    /// Multi-label evaluation: sets of gold and predicted labels per example.
    public init(labels: [String], gold: [Set<String>], predicted: [Set<String>]) {
        classes = labels
        confusion = nil
        examples = gold.count
        singleLabel = false
        positiveClass = nil
        scores = labels.map { label in
            var score = ClassScore(name: label, support: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0)
            for (g, p) in zip(gold, predicted) {
                let inGold = g.contains(label), inPredicted = p.contains(label)
                if inGold { score.support += 1 }
                if inGold && inPredicted { score.truePositives += 1 } else if inPredicted { score.falsePositives += 1 } else if inGold { score.falseNegatives += 1 }
            }
            return score
        }
    }

    /// Unweighted mean F1 over classes that occur in the gold data.
    public var macroF1: Double {
        let present = scores.filter { $0.support > 0 }
        return present.isEmpty ? 0 : present.map(\.f1).reduce(0, +) / Double(present.count)
    }

    /// Share of single-label examples predicted right.
    public var accuracy: Double? {
        guard let confusion, examples > 0 else { return nil }
        return Double(confusion.indices.reduce(0) { $0 + confusion[$1][$1] }) / Double(examples)
    }

    /// Matthews correlation coefficient of the positive class (binary data only).
    public var mcc: Double? {
        guard let positiveClass, let score = scores.first(where: { $0.name == positiveClass }) else { return nil }
        let tp = Double(score.truePositives), fp = Double(score.falsePositives), fn = Double(score.falseNegatives)
        let tn = Double(examples) - tp - fp - fn
        let denominator = ((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)).squareRoot()
        return denominator == 0 ? 0 : (tp * tn - fp * fn) / denominator
    }

    /// A plain-text report.
    public func report() -> String {
        var lines: [String] = []
        let width = max(8, classes.map(\.count).max() ?? 8)
        func pad(_ text: String, _ count: Int) -> String { text.count >= count ? text : text + String(repeating: " ", count: count - text.count) }
        func number(_ value: Double) -> String { String(format: "%.4f", value) }
        lines.append(pad("class", width) + "  precision  recall     f1         support")
        for score in scores {
            lines.append(pad(score.name, width) + "  " + [number(score.precision), number(score.recall), number(score.f1)].map { pad($0, 9) }.joined(separator: "  ") + "  \(score.support)")
        }
        lines.append("macro-F1: \(number(macroF1))")
        if let accuracy { lines.append("accuracy: \(number(accuracy))") }
        if let mcc, let positiveClass { lines.append("MCC (\(positiveClass)): \(number(mcc))") }
        if let confusion {
            lines.append("confusion (rows: gold, columns: predicted):")
            lines.append(pad("", width) + "  " + classes.map { pad($0, width) }.joined(separator: " "))
            for (row, name) in classes.enumerated() {
                lines.append(pad(name, width) + "  " + confusion[row].map { pad(String($0), width) }.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
