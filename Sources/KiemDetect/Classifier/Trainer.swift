import Foundation
import KiemText

/// Trains a ``LinearModel``: hashed TF-IDF features, one L2-regularized squared-hinge SVM per
/// label (dual coordinate descent, as in LIBLINEAR), with the cost, the Platt calibration and the
/// decision threshold of each label chosen on 5-fold out-of-fold margins (or on a validation set).
public struct Trainer: Sendable {
    /// Training options.
    public struct Options: Sendable {
        public var features = FeatureConfig()
        /// Inverse regularization strength; nil chooses it per label from ``costCandidates`` on held-out data.
        public var cost: Double?
        public var costCandidates: [Double] = [0.25, 0.5, 1, 2]
        /// Weigh classes inversely to their frequency.
        public var balanced = false
        public var maxEpochs = 60
        public var tolerance = 0.1
        /// How many of the strongest features per label get readable names in the model.
        public var namedFeatures = 400
        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Sparse, L2-normalized TF-IDF rows.
    struct Matrix {
        var rowStart: [Int] = [0]
        var columns: [UInt32] = []
        var values: [Float] = []
        var rows: Int { rowStart.count - 1 }
    }

    /// The label set of the data and, for single-label data, the class that means "clean".
    public static func labelSet(of examples: [TrainingExample], fixed: [String]? = nil) -> (labels: [String], negative: String?) {
        if let fixed { return (fixed, nil) }
        var counts: [String: Int] = [:]
        for example in examples { for label in example.labels { counts[label, default: 0] += 1 } }
        let single = examples.allSatisfy(\.singleLabel)
        var negative: String?
        if single {
            negative = counts.keys.first { TrainingExample.negativeNames.contains($0.lowercased()) }
            if negative == nil && counts.count == 2 { negative = counts.max { $0.value < $1.value }?.key }
        }
        let labels = counts.keys.filter { $0 != negative }.sorted { lhs, rhs in
            let known = Label.names
            switch (known.firstIndex(of: lhs), known.firstIndex(of: rhs)) {
            case let (l?, r?): return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return lhs < rhs
            }
        }
        return (labels, negative)
    }

    /// Trains on `examples`; `validation`, when given, is used for calibration instead of a held-out part.
    public func train(_ examples: [TrainingExample], validation: [TrainingExample] = [], labels fixedLabels: [String]? = nil,
                      sources: [String] = [], progress: (@Sendable (String) -> Void)? = nil) -> LinearModel {
        let (labels, negative) = Self.labelSet(of: examples + validation, fixed: fixedLabels)
        let config = options.features
        progress?("features for \(examples.count + validation.count) examples")
        let raw = featurize(examples)
        let rawValidation = featurize(validation)
        // IDF over the training rows (smooth, as scikit-learn).
        var documentFrequency = [Int32](repeating: 0, count: config.bucketCount)
        for column in raw.columns { documentFrequency[Int(column & 0x7FFF_FFFF)] += 1 }
        let n = Double(raw.rows)
        var idf = [Float](repeating: 0, count: config.bucketCount)
        for bucket in 0..<config.bucketCount where documentFrequency[bucket] > 0 {
            idf[bucket] = Float(log((1 + n) / (1 + Double(documentFrequency[bucket]))) + 1)
        }
        let matrix = tfidf(raw, idf: idf)
        let validationMatrix = tfidf(rawValidation, idf: idf)
        let stride = labels.count + 1
        var table = [Float](repeating: 0, count: config.bucketCount * stride)
        for bucket in 0..<config.bucketCount { table[bucket * stride] = idf[bucket] }
        var bias: [Double] = []
        var calibration: [PlattScaling] = []
        var thresholds: [Double] = []
        var strongest: [[UInt32]] = []
        for (labelIndex, label) in labels.enumerated() {
            progress?("label \(label) (\(labelIndex + 1)/\(labels.count))")
            let targets = examples.map { $0.labels.contains(label) }
            // Choose the cost, calibrate and set the threshold on margins the model did not see:
            // the validation set, or out-of-fold margins of a 5-fold cross-validation.
            let fold = (0..<matrix.rows).map { Int(Hashing.finalize(UInt64($0) &+ 0x5EED) % 5) }
            var best: (score: Double, cost: Double, platt: PlattScaling, threshold: Double)?
            for cost in options.cost.map({ [$0] }) ?? options.costCandidates {
                let heldMargins: [Double]
                let heldTargets: [Bool]
                if validation.isEmpty {
                    var outOfFold = [Double](repeating: 0, count: matrix.rows)
                    for held in 0..<5 {
                        let (partial, partialBias) = svm(matrix, targets: targets, include: fold.map { $0 != held }, cost: cost)
                        for row in 0..<matrix.rows where fold[row] == held { outOfFold[row] = margin(matrix, row: row, weights: partial, bias: partialBias) }
                    }
                    heldMargins = outOfFold
                    heldTargets = targets
                } else {
                    let (full, fullBias) = svm(matrix, targets: targets, include: nil, cost: cost)
                    heldMargins = (0..<validationMatrix.rows).map { margin(validationMatrix, row: $0, weights: full, bias: fullBias) }
                    heldTargets = validation.map { $0.labels.contains(label) }
                }
                let platt = PlattScaling.fit(margins: heldMargins, positives: heldTargets)
                let probabilities = heldMargins.map(platt.probability)
                let threshold = Self.bestThreshold(probabilities: probabilities, positives: heldTargets)
                let score = Self.f1(probabilities: probabilities, positives: heldTargets, threshold: threshold)
                if best == nil || score > best!.score + 1e-9 { best = (score, cost, platt, threshold) }
            }
            let chosen = best!
            let (weights, b) = svm(matrix, targets: targets, include: nil, cost: chosen.cost)
            let platt = chosen.platt
            let threshold = chosen.threshold
            progress?("  \(label): cost \(chosen.cost), threshold \(threshold), held-out F1 \(String(format: "%.4f", chosen.score))")
            for bucket in 0..<config.bucketCount where weights[bucket] != 0 { table[bucket * stride + 1 + labelIndex] = weights[bucket] }
            bias.append(b)
            calibration.append(platt)
            thresholds.append(threshold)
            let ranked = (0..<config.bucketCount).filter { weights[$0] > 0 }.sorted { weights[$0] > weights[$1] }
            strongest.append(ranked.prefix(options.namedFeatures).map(UInt32.init))
        }
        progress?("naming the strongest features")
        let featureNames = nameFeatures(examples, strongest: strongest)
        let formatter = ISO8601DateFormatter()
        let header = LinearModel.Header(
            format: 1, labels: labels, features: config, bias: bias, calibration: calibration, thresholds: thresholds,
            negativeClass: negative, created: formatter.string(from: Date()), trainedOn: sources,
            examples: examples.count, featureNames: featureNames)
        return LinearModel(header: header, table: table)
    }

    /// F1 of held-out probabilities at a threshold.
    static func f1(probabilities: [Double], positives: [Bool], threshold: Double) -> Double {
        var tp = 0.0, fp = 0.0, fn = 0.0
        for (p, positive) in zip(probabilities, positives) {
            if p >= threshold { if positive { tp += 1 } else { fp += 1 } } else if positive { fn += 1 }
        }
        return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn)
    }

    /// The threshold in [0.2, 0.8] with the best held-out F1; it leaves 0.5 only for a clear gain
    /// (half a point of F1), since held-out estimates are noisy.
    static func bestThreshold(probabilities: [Double], positives: [Bool]) -> Double {
        guard positives.contains(true) else { return 0.5 }
        let atHalf = f1(probabilities: probabilities, positives: positives, threshold: 0.5)
        var best = (f1: atHalf, threshold: 0.5)
        for step in 4...16 {
            let threshold = Double(step) * 0.05
            let score = f1(probabilities: probabilities, positives: positives, threshold: threshold)
            if score > best.f1 + 1e-9 { best = (score, threshold) }
        }
        return best.f1 >= atHalf + 0.005 ? best.threshold : 0.5
    }

    /// Raw features: the bucket in the low 31 bits of a column, the character group in the top bit.
    func featurize(_ examples: [TrainingExample]) -> (rows: Int, rowStart: [Int], columns: [UInt32], counts: [UInt16]) {
        let normalizer = Normalizer()
        let hasher = FeatureHasher(config: options.features)
        var rowStart = [0]
        var columns: [UInt32] = []
        var counts: [UInt16] = []
        var features: [FeatureHasher.Feature] = []
        for example in examples {
            let text = normalizer.normalize(example.text)
            hasher.features(text, entities: EntityExtractor.extract(text), into: &features)
            for feature in features {
                columns.append(feature.bucket | (feature.isCharacter ? 1 << 31 : 0))
                counts.append(feature.count)
            }
            rowStart.append(columns.count)
        }
        return (examples.count, rowStart, columns, counts)
    }

    func tfidf(_ raw: (rows: Int, rowStart: [Int], columns: [UInt32], counts: [UInt16]), idf: [Float]) -> Matrix {
        var matrix = Matrix()
        matrix.rowStart.reserveCapacity(raw.rows + 1)
        var isCharacter: [Bool] = []
        for row in 0..<raw.rows {
            let start = matrix.columns.count
            var norms: (Float, Float) = (0, 0)
            isCharacter.removeAll(keepingCapacity: true)
            for index in raw.rowStart[row]..<raw.rowStart[row + 1] {
                let bucket = raw.columns[index] & 0x7FFF_FFFF
                let character = raw.columns[index] >> 31 == 1
                let weight = idf[Int(bucket)]
                guard weight > 0 else { continue }
                let value = (1 + logf(Float(raw.counts[index]))) * weight
                matrix.columns.append(bucket)
                matrix.values.append(value)
                isCharacter.append(character)
                if character { norms.1 += value * value } else { norms.0 += value * value }
            }
            let scales = (norms.0 > 0 ? 1 / norms.0.squareRoot() : 0, norms.1 > 0 ? 1 / norms.1.squareRoot() : 0)
            for index in start..<matrix.values.count { matrix.values[index] *= isCharacter[index - start] ? scales.1 : scales.0 }
            matrix.rowStart.append(matrix.columns.count)
        }
        return matrix
    }

    func margin(_ matrix: Matrix, row: Int, weights: [Float], bias: Double) -> Double {
        var sum = bias
        for index in matrix.rowStart[row]..<matrix.rowStart[row + 1] { sum += Double(matrix.values[index] * weights[Int(matrix.columns[index])]) }
        return sum
    }

    /// L2-regularized squared-hinge SVM by dual coordinate descent (Hsieh et al., 2008); the bias
    /// is a constant feature of value 1.
    func svm(_ matrix: Matrix, targets: [Bool], include: [Bool]?, cost: Double) -> (weights: [Float], bias: Double) {
        let rows = (0..<matrix.rows).filter { include?[$0] ?? true }
        var weights = [Float](repeating: 0, count: options.features.bucketCount)
        var bias = 0.0
        guard !rows.isEmpty else { return (weights, -1) }
        let positives = Double(rows.filter { targets[$0] }.count)
        let negatives = Double(rows.count) - positives
        guard positives > 0 else { return (weights, -1) }
        let total = Double(rows.count)
        let costPositive = options.balanced ? cost * total / (2 * positives) : cost
        let costNegative = options.balanced ? cost * total / (2 * max(negatives, 1)) : cost
        var alpha = [Double](repeating: 0, count: rows.count)
        var diagonal = [Double](repeating: 0, count: rows.count)
        var qii = [Double](repeating: 0, count: rows.count)
        for (i, row) in rows.enumerated() {
            diagonal[i] = 1 / (2 * (targets[row] ? costPositive : costNegative))
            var squared = 1.0
            for index in matrix.rowStart[row]..<matrix.rowStart[row + 1] { squared += Double(matrix.values[index] * matrix.values[index]) }
            qii[i] = squared + diagonal[i]
        }
        var order = Array(rows.indices)
        var generator = SplitMix(seed: 42)
        for _ in 0..<options.maxEpochs {
            order.shuffle(using: &generator)
            var maxGradient = -Double.infinity
            var minGradient = Double.infinity
            for i in order {
                let row = rows[i]
                let y: Double = targets[row] ? 1 : -1
                var dot = bias
                for index in matrix.rowStart[row]..<matrix.rowStart[row + 1] { dot += Double(matrix.values[index] * weights[Int(matrix.columns[index])]) }
                let gradient = y * dot - 1 + diagonal[i] * alpha[i]
                let projected = alpha[i] == 0 ? min(gradient, 0) : gradient
                maxGradient = max(maxGradient, projected)
                minGradient = min(minGradient, projected)
                guard abs(projected) > 1e-12 else { continue }
                let old = alpha[i]
                alpha[i] = max(old - gradient / qii[i], 0)
                let delta = Float((alpha[i] - old) * y)
                for index in matrix.rowStart[row]..<matrix.rowStart[row + 1] { weights[Int(matrix.columns[index])] += delta * matrix.values[index] }
                bias += Double(delta)
            }
            if maxGradient - minGradient < options.tolerance { break }
        }
        return (weights, bias)
    }

    /// Readable names for the strongest buckets of each label, found by re-hashing the examples with names.
    func nameFeatures(_ examples: [TrainingExample], strongest: [[UInt32]]) -> [[String: String]] {
        let wanted = Set(strongest.flatMap { $0 })
        var found: [UInt32: String] = [:]
        let normalizer = Normalizer()
        let hasher = FeatureHasher(config: options.features)
        for example in examples where found.count < wanted.count {
            let text = normalizer.normalize(example.text)
            for (bucket, name) in hasher.namedFeatures(text, entities: EntityExtractor.extract(text)) where wanted.contains(bucket) && found[bucket] == nil {
                found[bucket] = name
            }
        }
        return strongest.map { buckets in
            var names: [String: String] = [:]
            for bucket in buckets { if let name = found[bucket] { names[String(bucket)] = name } }
            return names
        }
    }
}

/// A small deterministic random generator, so training is reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Hashing.finalize(state)
    }
}
