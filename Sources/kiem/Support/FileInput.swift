import Foundation

/// Reading input files, with errors that name the file.
enum FileInput {
    struct Unreadable: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot read \(path): \(reason)" }
    }

    /// The whole contents of a (small) file, or of standard input for "-".
    static func read(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file")
        }
        return data
    }

    /// Opens a file (or standard input for "-") for streaming; returns its descriptor.
    static func open(_ path: String) throws -> Int32 {
        if path == "-" { return 0 }
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Unreadable(path: path, reason: String(cString: strerror(errno))) }
        return descriptor
    }
}
