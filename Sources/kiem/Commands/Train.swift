import ArgumentParser
import Foundation
import KiemDetect
import KiemText

extension FeatureConfig.CharacterView: ExpressibleByArgument {}

/// `kiem train`: a classifier from labelled JSONL.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a classifier on labelled JSONL (`text` with `label` or `labels`).",
        discussion: """
        Single-label data (`"label": "spam"`) learns one head per class except the class that means
        "none" (ham, clean, legit, ... or the majority of a two-class set). Multi-label data
        (`"labels": ["scam", "phishing"]`, or [] for clean) learns one head per label.
        """
    )

    @Option(name: .long, help: "A JSONL training file. Repeatable.")
    var data: [String]

    @Option(name: .long, help: "Where to write the model.")
    var out: String

    @Option(name: .long, help: "A JSONL file to calibrate on instead of a held-out fifth of the training data.")
    var validation: String?

    @Option(name: .long, help: "Train these labels (comma-separated) even if some have no examples.")
    var labels: String?

    @Option(name: .long, help: ArgumentHelp("Rename a class before training, FROM=TO; an empty TO means none of the labels (e.g. ham=). Repeatable.", valueName: "from=to"))
    var labelMap: [String] = []

    @Option(name: .long, help: "log2 of the number of feature buckets.")
    var bits = 20

    @Option(name: .long, help: "Shortest character n-gram.")
    var charMin = 2

    @Option(name: .long, help: "Longest character n-gram.")
    var charMax = 5

    @Option(name: .long, help: "Longest word n-gram.")
    var wordMax = 2

    @Option(name: .long, help: "Inverse regularization strength of the SVM (default: chosen per label from 0.25, 0.5, 1, 2 on held-out data).")
    var cost: Double?

    @Option(name: .long, help: "The view character n-grams read: plain (no diacritics), accented, or folded (punctuation and emoji kept).")
    var characterView: FeatureConfig.CharacterView = .plain

    @Flag(name: .long, help: "Weigh classes inversely to their frequency.")
    var balanced = false

    func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one --data file") }
        for mapping in labelMap where !mapping.contains("=") { throw ValidationError("--label-map takes FROM=TO, got \(mapping)") }
        if !(12...24).contains(bits) { throw ValidationError("--bits must be between 12 and 24") }
        if charMin < 1 || charMax < charMin || charMax > 8 { throw ValidationError("need 1 ≤ --char-min ≤ --char-max ≤ 8") }
        if !(1...3).contains(wordMax) { throw ValidationError("--word-max must be 1, 2 or 3") }
        if let cost, !(cost > 0) { throw ValidationError("--cost must be positive") }
    }

    func run() throws {
        var examples: [TrainingExample] = []
        for path in data { examples += try Dataset.load(path) }
        if !labelMap.isEmpty {
            let mapping = Dictionary(labelMap.map { entry in
                let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                return (parts[0], parts[1])
            }, uniquingKeysWith: { _, last in last })
            // Mapped data is multi-label: each example keeps the labels it maps to.
            examples = examples.map { example in
                TrainingExample(text: example.text, labels: example.labels.compactMap { label in
                    guard let target = mapping[label] else { return label }
                    return target.isEmpty ? nil : target
                })
            }
        }
        guard !examples.isEmpty else { throw ValidationError("no usable examples in \(data.joined(separator: ", "))") }
        let validationExamples = try validation.map(Dataset.load) ?? []
        var options = Trainer.Options()
        options.features = FeatureConfig(bucketBits: bits, charMin: charMin, charMax: charMax, wordMax: wordMax, characterView: characterView)
        options.cost = cost
        options.balanced = balanced
        let fixed = labels?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let started = Date()
        let model = Trainer(options: options).train(
            examples, validation: validationExamples, labels: fixed,
            sources: data.map { URL(fileURLWithPath: $0).lastPathComponent }) { step in
            if Terminal.isInteractive || step.hasPrefix("  ") { Terminal.info("  \(step)") }
        }
        let bytes = try model.serialized()
        guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else {
            throw FileInput.Unreadable(path: out, reason: "cannot write the model here")
        }
        let seconds = Date().timeIntervalSince(started)
        Terminal.info("trained \(model.labels.joined(separator: ", ")) on \(examples.count) examples in \(String(format: "%.1f", seconds)) s"
            + (model.header.negativeClass.map { " (\"\($0)\" = none of the labels)" } ?? "") + "; wrote \(out) (\(bytes.count / 1024) KiB)")
    }
}
