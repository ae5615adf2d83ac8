/// Undoes the "defanging" people use to share links without making them clickable:
/// `hxxp`, `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, `[:]`.
public enum Refang {
    static let replacements: [([UInt8], [UInt8])] = [
        ("hxxps", "https"), ("hxxp", "http"), ("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."),
        ("(dot)", "."), ("{dot}", "."), ("[:]", ":"), ("[://]", "://"), ("[/]", "/"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

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
