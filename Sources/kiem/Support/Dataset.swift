import Foundation
import KiemDetect

/// Labelled JSONL files for `kiem train` and `kiem eval`.
enum Dataset {
    /// Every usable example of a file; unusable lines are counted and reported, not fatal.
    static func load(_ path: String) throws -> [TrainingExample] {
        let data = try FileInput.read(path)
        var examples: [TrainingExample] = []
        var rejected = 0
        var firstProblem: String?
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                examples.append(try TrainingExample(jsonLine: line))
            } catch {
                rejected += 1
                if firstProblem == nil { firstProblem = "line \(number + 1): \(error)" }
            }
        }
        if rejected > 0 { Terminal.warn("\(path): skipped \(rejected) lines (first: \(firstProblem ?? ""))") }
        return examples
    }
}
