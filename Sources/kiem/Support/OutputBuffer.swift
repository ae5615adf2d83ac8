import Foundation

/// Buffered writing to a file descriptor (standard output by default).
struct OutputBuffer {
    var bytes: [UInt8] = []
    let descriptor: Int32
    let threshold: Int

    init(descriptor: Int32 = 1, threshold: Int = 1 << 16) {
        self.descriptor = descriptor
        self.threshold = threshold
        bytes.reserveCapacity(threshold + 4096)
    }

    /// Writes out when enough has accumulated.
    mutating func flushIfNeeded() throws {
        if bytes.count >= threshold { try flush() }
    }

    mutating func flush() throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileInput.Unreadable(path: "output", reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
