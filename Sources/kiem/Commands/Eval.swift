import ArgumentParser
import Foundation
import KiemDetect
import KiemText

/// `kiem eval`: scores a model on labelled JSONL.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a model on labelled JSONL: per-label precision, recall, F1, macro-F1, MCC, confusion, throughput."
    )

    @Option(name: .long, help: "A labelled JSONL file.")
    var data: String

    @Flag(name: .long, help: "Score the whole engine (rules and indicators too), not only the classifier.")
    var engine = false

    @OptionGroup var engineOptions: EngineOptions

    func run() throws {
        let checkEngine = try engineOptions.makeEngine()
        guard let linear = checkEngine.model else { throw ValidationError("no model") }
        let examples = try Dataset.load(data)
        guard !examples.isEmpty else { throw ValidationError("no usable examples in \(data)") }
        let normalizer = Normalizer()
        let hasher = FeatureHasher(config: linear.config)
        let session = checkEngine.session()
        var features: [FeatureHasher.Feature] = []
        var margins: [Double] = []
        var progress = ProgressBar(total: examples.count, label: "evaluating")
        var predictedProbabilities: [[Double]] = []
        predictedProbabilities.reserveCapacity(examples.count)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for (index, example) in examples.enumerated() {
                if engine {
                    let verdict = session.check(example.text)
                    predictedProbabilities.append(linear.labels.map { verdict.probability($0) })
                } else {
                    let text = normalizer.normalize(example.text)
                    hasher.features(text, entities: EntityExtractor.extract(text), into: &features)
                    predictedProbabilities.append(linear.probabilities(features, margins: &margins))
                }
                progress.update(index + 1)
            }
        }
        progress.finish()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let evaluation: Evaluation
        if examples.allSatisfy(\.singleLabel) {
            let negative = linear.header.negativeClass ?? "clean"
            let gold = examples.map { $0.labels.first.map { linear.labels.contains($0) ? $0 : negative } ?? negative }
            let predicted = predictedProbabilities.map(linear.predictClass)
            let positive = linear.labels.count == 1 ? linear.labels[0] : nil
            evaluation = Evaluation(classes: [negative] + linear.labels, gold: gold, predicted: predicted, positiveClass: positive)
        } else {
            evaluation = Evaluation(labels: linear.labels, gold: examples.map { Set($0.labels) }, predicted: predictedProbabilities.map(linear.predictLabels))
        }
        print("data: \(data) (\(examples.count) examples)\(engine ? ", whole engine" : ", classifier")")
        print(evaluation.report())
        print(String(format: "throughput: %.0f messages/s (normalize, extract, features, score; one thread)", Double(examples.count) / max(seconds, 1e-9)))
    }
}
