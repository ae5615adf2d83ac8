/// Undoes the "defanging" people use to share links without making them clickable:
/// `hxxp`, `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, `[:]`.
public enum Refang {
    static let replacements: [([UInt8], [UInt8])] = [
        ("hxxps", "https"), ("hxxp", "http"), ("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."),
        ("(dot)", "."), ("{dot}", "."), ("[:]", ":"), ("[://]", "://"), ("[/]", "/"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// Whether a defanged form may start at `index`: an opening bracket before ".", "dot", ":" or
    /// "/", or the "x" of "hxx" (a cheap test, made on each byte while surveying a message).
    @inline(__always)
    static func mayStartDefanged(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case 0x5B, 0x28, 0x7B:
            guard index + 1 < bytes.count else { return false }
            let next = bytes[index + 1]
            return next == 0x2E || next == 0x64 || next == 0x3A || next == 0x2F
        case 0x78:
            return index > 0 && bytes[index - 1] == 0x68 && index + 1 < bytes.count && bytes[index + 1] == 0x78
        default:
            return false
        }
    }

    /// The bytes with defanged forms restored.
    public static func refang(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        outer: while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x5B || byte == 0x28 || byte == 0x7B || byte == 0x68 {
                for (from, to) in replacements where bytes.hasBytes(from, at: index) {
                    out.append(contentsOf: to)
                    index += from.count
                    continue outer
                }
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}
