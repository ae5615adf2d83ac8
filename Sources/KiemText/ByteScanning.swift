/// Small byte classifiers shared by the extractors.
@usableFromInline
enum Byte {
    @inline(__always) @usableFromInline static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) @usableFromInline static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    @inline(__always) @usableFromInline static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLower(b) }
    @inline(__always) @usableFromInline static func isHostByte(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2D || b == 0x2E }
    /// Bytes that may appear in a URL path or query.
    @inline(__always) @usableFromInline static func isPathByte(_ b: UInt8) -> Bool {
        b > 0x20 && b < 0x7F && b != 0x22 && b != 0x3C && b != 0x3E && b != 0x60 && b != 0x7B && b != 0x7D && b != 0x5C
    }
    /// A byte that continues a word (ASCII alphanumerics or any non-ASCII byte).
    @inline(__always) @usableFromInline static func isWordByte(_ b: UInt8) -> Bool { isAlnum(b) || b >= 0x80 }
}

extension Array where Element == UInt8 {
    /// Whether `pattern` occurs at `index`.
    @inlinable
    func hasBytes(_ pattern: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + pattern.count <= count else { return false }
        for offset in 0..<pattern.count where self[index + offset] != pattern[offset] { return false }
        return true
    }

    /// The first occurrence of `pattern` in `range`.
    @inlinable
    func firstIndex(of pattern: [UInt8], in range: Range<Int>) -> Int? {
        guard !pattern.isEmpty, range.count >= pattern.count else { return nil }
        let first = pattern[0]
        var index = range.lowerBound
        let last = range.upperBound - pattern.count
        while index <= last {
            if self[index] == first && hasBytes(pattern, at: index) { return index }
            index += 1
        }
        return nil
    }
}

extension Byte {
    /// Whether `count` bytes at `a` and at `b` are the same, compared eight at a time (the
    /// generic `elementsEqual` goes byte by byte through an iterator).
    @inline(__always) @usableFromInline
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        var index = 0
        while index &+ 8 <= count {
            let left = UnsafeRawPointer(a + index).loadUnaligned(as: UInt64.self)
            let right = UnsafeRawPointer(b + index).loadUnaligned(as: UInt64.self)
            if left != right { return false }
            index &+= 8
        }
        while index < count {
            if a[index] != b[index] { return false }
            index &+= 1
        }
        return true
    }
}
