import Foundation
import Testing

/// Access to `../shared/data`, the labelled sets beside the repository.
enum SharedData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")

    /// Whether the data is here; in CI its absence is a failure, not a skip.
    static var available: Bool {
        let present = FileManager.default.fileExists(atPath: root.path)
        if !present && ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("../shared/data is missing, and CI=true: data-driven tests must run in CI")
        }
        return present
    }

    /// The JSON objects of a data file.
    static func rows(_ set: String, _ split: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: root.appendingPathComponent("\(set)/\(split).jsonl"))
        return try data.split(separator: 0x0A).map { try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any] }
    }
}
