import Foundation

/// Messages and a progress bar on standard error.
enum Terminal {
    static let isInteractive = isatty(2) == 1

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("kiem: \(message)\n".utf8))
    }

    static func info(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
struct ProgressBar {
    let total: Int
    let label: String
    private var lastDrawn = Date.distantPast

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    mutating func update(_ done: Int, force: Bool = false) {
        guard Terminal.isInteractive else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDrawn) > 0.1 else { return }
        lastDrawn = now
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = total > 0 ? "\r\(label) \(bar) \(Int(fraction * 100))% (\(done)/\(total))" : "\r\(label) \(done)"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        guard Terminal.isInteractive else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
