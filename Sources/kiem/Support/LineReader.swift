import Foundation

/// Reads lines from a file descriptor in large chunks with bounded memory.
///
/// A line longer than `maxLineBytes` is not kept: the reader reports it as oversized and skips
/// to the next newline, so a 10 MB line or a 1 GB file without newlines cannot exhaust memory.
struct LineReader {
    enum Line {
        case text(UnsafeBufferPointer<UInt8>)
        case oversized(Int)
    }

    let descriptor: Int32
    let maxLineBytes: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    private var skipping = false
    private var skipped = 0

    init(descriptor: Int32, maxLineBytes: Int, chunkSize: Int = 1 << 20) {
        self.descriptor = descriptor
        self.maxLineBytes = maxLineBytes
        buffer = [UInt8](repeating: 0, count: max(chunkSize, maxLineBytes + 1))
    }

    /// Calls `body` for each line (without its newline); throws when the input cannot be read.
    mutating func forEach(_ body: (Line) throws -> Void) throws {
        while true {
            // Emit every complete line in the buffer.
            while let newline = firstNewline() {
                if skipping {
                    try body(.oversized(skipped + newline - start))
                    skipping = false
                    skipped = 0
                } else {
                    var lineEnd = newline
                    if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    if lineEnd - start > maxLineBytes {
                        try body(.oversized(lineEnd - start))
                    } else {
                        try buffer.withUnsafeBufferPointer { try body(.text(UnsafeBufferPointer(rebasing: $0[start..<lineEnd]))) }
                    }
                }
                start = newline + 1
            }
            if eof {
                if skipping {
                    try body(.oversized(skipped + end - start))
                } else if end > start {
                    if end - start > maxLineBytes {
                        try body(.oversized(end - start))
                    } else {
                        try buffer.withUnsafeBufferPointer { try body(.text(UnsafeBufferPointer(rebasing: $0[start..<end]))) }
                    }
                }
                return
            }
            // Keep the partial line; drop it when it is already too long.
            if end - start > maxLineBytes {
                skipped += end - start
                skipping = true
                start = end
            }
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { pointer in
                    if end > start { pointer.baseAddress!.update(from: pointer.baseAddress! + start, count: end - start) }
                }
                end -= start
                start = 0
            }
            let count = buffer.withUnsafeMutableBufferPointer { pointer in
                Foundation.read(descriptor, pointer.baseAddress! + end, pointer.count - end)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileInput.Unreadable(path: "input", reason: String(cString: strerror(errno)))
            }
            if count == 0 { eof = true } else { end += count }
        }
    }

    private func firstNewline() -> Int? {
        buffer.withUnsafeBufferPointer { pointer in
            guard end > start, let base = pointer.baseAddress else { return nil }
            guard let found = memchr(base + start, 0x0A, end - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}
