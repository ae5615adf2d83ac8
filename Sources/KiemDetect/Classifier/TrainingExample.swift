import Foundation

/// One labelled message for training or evaluation.
///
/// Read from JSONL with `text` and either `label` (one class, e.g. `"spam"` or `"ham"`) or
/// `labels` (a list of labels, or an object of label → 0/1). Other fields are ignored.
public struct TrainingExample: Sendable, Equatable {
    public var text: String
    /// The classes as written in the data (single-label sets have exactly one).
    public var labels: [String]
    /// Whether the data used `label` (one class per example) rather than `labels`.
    public var singleLabel: Bool

    public init(text: String, labels: [String], singleLabel: Bool = false) {
        self.text = text
        self.labels = labels
        self.singleLabel = singleLabel
    }

    /// Why a training line was rejected.
    public enum ParseError: Error, CustomStringConvertible {
        case invalidJSON, missingText, missingLabel

        public var description: String {
            switch self {
            case .invalidJSON: "not a JSON object"
            case .missingText: "no string `text`"
            case .missingLabel: "no `label` string or `labels` list"
            }
        }
    }

    /// Parses one JSONL line.
    public init(jsonLine: some Collection<UInt8>) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonLine)) as? [String: Any] else { throw ParseError.invalidJSON }
        guard let text = object["text"] as? String else { throw ParseError.missingText }
        if let label = object["label"] {
            self.init(text: text, labels: ["\(label)"], singleLabel: true)
        } else if let list = object["labels"] as? [Any] {
            self.init(text: text, labels: list.map { "\($0)" })
        } else if let map = object["labels"] as? [String: Any] {
            let on = map.filter { key, value in
                if let number = value as? NSNumber { return number.doubleValue >= 0.5 }
                return (value as? Bool) == true
            }
            self.init(text: text, labels: on.keys.sorted())
        } else {
            throw ParseError.missingLabel
        }
    }

    /// Class names that mean "none of the labels" in single-label data sets.
    public static let negativeNames: Set<String> = [
        "ham", "legit", "legitimate", "clean", "no-spam", "not_spam", "not-spam", "normal", "benign", "negative",
        "none", "0", "false", "real", "safe", "ok",
    ]
}
