/// Writes verdicts and errors as the JSON lines of the `kiem check` contract.
///
/// Hand-written for speed (the batch path writes hundreds of thousands of lines a second);
/// probabilities have four decimals, strings are escaped per RFC 8259.
public enum VerdictJSON {
    /// Appends `{"id":…,"action":…,"labels":{…},"top":…,"signals":[…],"matches":[…]}` and a newline.
    public static func append(_ verdict: Verdict, idJSON: [UInt8]?, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        if let idJSON { out.append(contentsOf: idJSON) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","action":""#.utf8)
        out.append(contentsOf: verdict.action.rawValue.utf8)
        out.append(contentsOf: #"","labels":{"#.utf8)
        for index in verdict.labelNames.indices {
            if index > 0 { out.append(0x2C) }
            appendString(verdict.labelNames[index], to: &out)
            out.append(0x3A)
            appendProbability(verdict.probabilities[index], to: &out)
        }
        out.append(contentsOf: #"},"top":"#.utf8)
        appendString(verdict.top, to: &out)
        out.append(contentsOf: #","signals":["#.utf8)
        // Fields read in place, not a copy of each signal (which would retain and release its strings).
        verdict.signals.withUnsafeBufferPointer { signals in
            for index in signals.indices {
                if index > 0 { out.append(0x2C) }
                out.append(contentsOf: #"{"kind":""#.utf8)
                out.append(contentsOf: signals[index].kind.rawValue.utf8)
                out.append(contentsOf: #"","name":"#.utf8)
                appendString(signals[index].name, to: &out)
                if signals[index].label != nil {
                    out.append(contentsOf: #","label":"#.utf8)
                    appendString(signals[index].label!, to: &out)
                }
                if let weight = signals[index].weight {
                    out.append(contentsOf: #","weight":"#.utf8)
                    appendDecimal(weight, to: &out)
                }
                if signals[index].value != nil {
                    out.append(contentsOf: #","value":"#.utf8)
                    appendString(signals[index].value!, to: &out)
                }
                out.append(0x7D)
            }
        }
        out.append(contentsOf: #"],"matches":["#.utf8)
        appendMatches(verdict.matches, to: &out)
        if !verdict.suggestions.isEmpty {
            out.append(contentsOf: #"],"suggested":["#.utf8)
            appendMatches(verdict.suggestions, to: &out)
        }
        out.append(contentsOf: "]}\n".utf8)
    }

    private static func appendMatches(_ matches: [ClaimMatch], to out: inout [UInt8]) {
        for (index, match) in matches.enumerated() {
            if index > 0 { out.append(0x2C) }
            out.append(contentsOf: #"{"claim_id":"#.utf8)
            appendString(match.claimID, to: &out)
            out.append(contentsOf: #","similarity":"#.utf8)
            appendProbability(match.similarity, to: &out)
            out.append(contentsOf: #","verdict":"#.utf8)
            appendString(match.verdict, to: &out)
            out.append(contentsOf: #","url":"#.utf8)
            if let url = match.url { appendString(url, to: &out) } else { out.append(contentsOf: "null".utf8) }
            out.append(0x7D)
        }
    }

    /// Appends `{"id":…,"error":"…"}` and a newline.
    public static func appendError(_ message: String, idJSON: [UInt8]?, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        if let idJSON { out.append(contentsOf: idJSON) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","error":"#.utf8)
        appendString(message, to: &out)
        out.append(contentsOf: "}\n".utf8)
    }

    /// Appends a JSON string literal.
    public static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(0x22)
        // Read in place; a string that needs escaping takes the loop below.
        let written = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if written == true {
            out.append(0x22)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                let hex = { (nibble: UInt8) -> UInt8 in nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex(byte >> 4), hex(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    /// Appends a probability in [0, 1] with at most four decimals (`0.9731`, `1`, `0`).
    public static func appendProbability(_ value: Double, to out: inout [UInt8]) {
        let scaled = Int((min(max(value.isFinite ? value : 0, 0), 1) * 10_000).rounded())
        if scaled >= 10_000 { out.append(0x31); return }
        if scaled == 0 { out.append(0x30); return }
        out.append(0x30)
        out.append(0x2E)
        var divisor = 1000
        var rest = scaled
        while rest > 0 {
            out.append(UInt8(0x30 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Appends a non-negative integer.
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendInteger(value / 10, to: &out) }
        out.append(UInt8(0x30 + value % 10))
    }

    /// Appends a signed decimal with at most two decimals.
    public static func appendDecimal(_ value: Double, to out: inout [UInt8]) {
        let cents = Int((value.isFinite ? value : 0) * 100)
        if cents < 0 { out.append(0x2D) }
        let magnitude = abs(cents)
        appendInteger(magnitude / 100, to: &out)
        let fraction = magnitude % 100
        if fraction != 0 {
            out.append(0x2E)
            out.append(UInt8(0x30 + fraction / 10))
            if fraction % 10 != 0 { out.append(UInt8(0x30 + fraction % 10)) }
        }
    }
}
