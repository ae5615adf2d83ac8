import ArgumentParser
import Foundation
import KiemDetect
import KiemText

/// `kiem eval`: scores a model on labelled JSONL.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a model on labelled JSONL: per-label precision, recall, F1, macro-F1, MCC, confusion, throughput."
    )

    @Option(name: .long, help: "A labelled JSONL file.")
    var data: String

    @Flag(name: .long, help: "Score the whole engine (rules and indicators too), not only the classifier.")
    var engine = false

    @Flag(name: .long, help: "Also report the recall of each label on its examples after each obfuscation (accents removed, zero-width characters, Cyrillic look-alikes, spaced letters, leetspeak).")
    var obfuscations = false

    @OptionGroup var engineOptions: EngineOptions

    func run() throws {
        let checkEngine = try engineOptions.makeEngine()
        guard let linear = checkEngine.model else { throw ValidationError("no model") }
        let examples = try Dataset.load(data)
        guard !examples.isEmpty else { throw ValidationError("no usable examples in \(data)") }
        let scorer = ModelScorer(model: linear)
        let session = checkEngine.session()
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
                    predictedProbabilities.append(scorer.probabilities(example.text))
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
        if obfuscations { reportObfuscations(examples, scorer: scorer, session: session) }
    }

    /// Recall per label on the original positives and on each obfuscated copy of them.
    private func reportObfuscations(_ examples: [TrainingExample], scorer: ModelScorer, session: Engine.Session) {
        let model = scorer.model
        func predicted(_ text: String) -> Set<String> {
            if engine {
                let verdict = session.check(text)
                return Set(model.labels.filter { verdict.probability($0) >= 0.5 })
            }
            let probabilities = scorer.probabilities(text)
            if examples.allSatisfy(\.singleLabel) { return [model.predictClass(probabilities: probabilities)] }
            return model.predictLabels(probabilities: probabilities)
        }
        print("recall under obfuscation (positives of each label; original → obfuscated):")
        for label in model.labels {
            let positives = examples.filter { $0.labels.contains(label) }.map(\.text)
            guard !positives.isEmpty else { continue }
            let recall = { (texts: [String]) in Double(texts.filter { predicted($0).contains(label) }.count) / Double(texts.count) }
            let original = recall(positives)
            var line = String(format: "  %@ (%d): original %.4f", label, positives.count, original)
            for obfuscation in Obfuscation.allCases {
                let value = recall(positives.map(obfuscation.apply))
                line += String(format: "; %@ %.4f (%+.1f points)", obfuscation.rawValue, value, (value - original) * 100)
            }
            print(line)
        }
    }
}
