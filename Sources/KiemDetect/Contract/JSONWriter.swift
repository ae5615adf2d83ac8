/// Writes the pieces of a JSON document into memory sized before writing starts, so a piece costs
/// a copy and one bound check, not the capacity and uniqueness checks of an array append per byte.
///
/// A writer has room for a bound computed first; ``finish(appendingTo:)`` appends what was
/// written to an array in one copy. Every piece checks that it fits: a bound computed too small
/// never writes past the room, and the writing runs again with twice the room
/// (``append(to:bound:_:)``).
struct JSONWriter {
    private let start: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>
    private var cursor: UnsafeMutablePointer<UInt8>
    /// Whether a piece did not fit (and was not written).
    private var overflowed = false

    /// A writer with room for `room` bytes, in memory of its own until ``finish(appendingTo:)``.
    init(room: Int) {
        start = .allocate(capacity: max(1, room))
        end = start + max(1, room)
        cursor = start
    }

    /// Appends what was written to `out` and frees the writer's memory; false (nothing appended)
    /// when a piece did not fit, so that the caller writes again with more room.
    consuming func finish(appendingTo out: inout [UInt8]) -> Bool {
        defer { start.deallocate() }
        guard !overflowed else { return false }
        out.append(contentsOf: UnsafeBufferPointer(start: start, count: cursor - start))
        return true
    }

    /// Runs `body` with a writer that has room for `bound` bytes, then appends what it wrote to `out`.
    /// `body` may run more than once, so it must only write.
    static func append(to out: inout [UInt8], bound: Int, _ body: (inout JSONWriter) -> Void) {
        append((), to: &out, bound: bound) { _, writer in body(&writer) }
    }

    /// ``append(to:bound:_:)`` writing `value`, which `body` gets borrowed: a closure that captured
    /// it instead would copy it, retaining and releasing each of its arrays and strings.
    static func append<Value>(_ value: borrowing Value, to out: inout [UInt8], bound: Int,
                              _ body: (borrowing Value, inout JSONWriter) -> Void) {
        var room = max(1, bound)
        while true {
            var writer = JSONWriter(room: room)
            body(value, &writer)
            if writer.finish(appendingTo: &out) { return }
            room *= 2
        }
    }

    /// The most bytes ``string(_:)`` writes for `value`: quotes, and six bytes (`\u001f`) per byte.
    static func stringBound(_ value: String) -> Int { 2 + 6 * value.utf8.count }
    /// The most bytes ``probability(_:)`` writes (`0.9731`).
    static let probabilityBound = 6
    /// The most bytes ``decimal(_:)`` writes: a sign, nineteen digits, a point and two decimals.
    static let decimalBound = 23

    /// Whether `count` more bytes fit; if not, the writer is marked and writes nothing more.
    @inline(__always)
    private mutating func fits(_ count: Int) -> Bool {
        if !overflowed && end - cursor >= count { return true }
        overflowed = true
        return false
    }

    mutating func byte(_ value: UInt8) {
        guard fits(1) else { return }
        cursor.pointee = value
        cursor += 1
    }

    mutating func bytes(_ value: UnsafeBufferPointer<UInt8>) {
        guard let base = value.baseAddress, fits(value.count) else { return }
        cursor.update(from: base, count: value.count)
        cursor += value.count
    }

    mutating func bytes(_ value: [UInt8]) {
        value.withUnsafeBufferPointer { bytes($0) }
    }

    /// A fixed piece, copied from static memory.
    mutating func literal(_ piece: StaticString) {
        piece.withUTF8Buffer { bytes($0) }
    }

    /// A JSON string literal, escaped per RFC 8259.
    mutating func string(_ value: String) {
        // Read in place (every String Kiem makes is native UTF-8); a copy only for one that is not.
        if value.utf8.withContiguousStorageIfAvailable({ string(utf8: $0) }) == nil {
            var copy = value
            copy.withUTF8 { string(utf8: $0) }
        }
    }

    private mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        guard fits(2 + utf8.count) else { return }
        byte(0x22)
        var plainFrom = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            bytes(UnsafeBufferPointer(rebasing: utf8[plainFrom..<index]))
            escape(byte)
            plainFrom = index + 1
        }
        bytes(UnsafeBufferPointer(rebasing: utf8[plainFrom...]))
        byte(0x22)
    }

    private mutating func escape(_ value: UInt8) {
        switch value {
        case 0x22: literal(#"\""#)
        case 0x5C: literal(#"\\"#)
        case 0x0A: literal(#"\n"#)
        case 0x0D: literal(#"\r"#)
        case 0x09: literal(#"\t"#)
        default:
            let hex = { (nibble: UInt8) -> UInt8 in nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
            literal(#"\u00"#)
            byte(hex(value >> 4))
            byte(hex(value & 0xF))
        }
    }

    /// A probability in [0, 1] with at most four decimals (`0.9731`, `1`, `0`).
    mutating func probability(_ value: Double) {
        let scaled = Int((min(max(value.isFinite ? value : 0, 0), 1) * 10_000).rounded())
        if scaled >= 10_000 { byte(0x31); return }
        if scaled == 0 { byte(0x30); return }
        // Four digits by constant divisors (multiplications), without the trailing zeros.
        let digits = (scaled / 1000, scaled / 100 % 10, scaled / 10 % 10, scaled % 10)
        let count = digits.3 != 0 ? 4 : digits.2 != 0 ? 3 : digits.1 != 0 ? 2 : 1
        // All six bytes are stored (a probability's bound), the cursor moves past those that count.
        guard fits(JSONWriter.probabilityBound) else { return }
        cursor[0] = 0x30
        cursor[1] = 0x2E
        cursor[2] = UInt8(truncatingIfNeeded: 0x30 + digits.0)
        cursor[3] = UInt8(truncatingIfNeeded: 0x30 + digits.1)
        cursor[4] = UInt8(truncatingIfNeeded: 0x30 + digits.2)
        cursor[5] = UInt8(truncatingIfNeeded: 0x30 + digits.3)
        cursor += 2 + count
    }

    /// A non-negative integer.
    mutating func integer(_ value: Int) {
        if value >= 10 { integer(value / 10) }
        byte(UInt8(0x30 + value % 10))
    }

    /// A signed decimal with at most two decimals.
    mutating func decimal(_ value: Double) {
        // Clamped far beyond any weight, so that the conversion to an integer cannot trap.
        let cents = Int(min(max(value.isFinite ? value : 0, -1e15), 1e15) * 100)
        if cents < 0 { byte(0x2D) }
        let magnitude = cents.magnitude
        integer(Int(magnitude / 100))
        let fraction = UInt8(magnitude % 100)
        if fraction != 0 {
            byte(0x2E)
            byte(0x30 + fraction / 10)
            if fraction % 10 != 0 { byte(0x30 + fraction % 10) }
        }
    }
}
