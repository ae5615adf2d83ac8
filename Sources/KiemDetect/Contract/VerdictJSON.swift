/// Writes verdicts and errors as the JSON lines of the `kiem check` contract.
///
/// Hand-written for speed (the batch path writes hundreds of thousands of lines a second);
/// probabilities have four decimals, strings are escaped per RFC 8259.
public enum VerdictJSON {
    /// Appends `{"id":…,"action":…,"labels":{…},"top":…,"signals":[…],"matches":[…]}` and a newline.
    public static func append(_ verdict: Verdict, idJSON: [UInt8]?, to out: inout [UInt8]) {
        appendLiteral(#"{"id":"#, to: &out)
        if let idJSON { out.append(contentsOf: idJSON) } else { appendLiteral("null", to: &out) }
        appendLiteral(#","action":""#, to: &out)
        out.append(contentsOf: verdict.action.rawValue.utf8)
        appendLiteral(#"","labels":{"#, to: &out)
        for index in verdict.labelNames.indices {
            if index > 0 { out.append(0x2C) }
            appendString(verdict.labelNames[index], to: &out)
            out.append(0x3A)
            appendProbability(verdict.probabilities[index], to: &out)
        }
        appendLiteral(#"},"top":"#, to: &out)
        appendString(verdict.top, to: &out)
        appendLiteral(#","signals":["#, to: &out)
        // Fields read in place, not a copy of each signal (which would retain and release its strings).
        verdict.signals.withUnsafeBufferPointer { signals in
            for index in signals.indices {
                if index > 0 { out.append(0x2C) }
                appendLiteral(#"{"kind":""#, to: &out)
                out.append(contentsOf: signals[index].kind.rawValue.utf8)
                appendLiteral(#"","name":"#, to: &out)
                appendString(signals[index].name, to: &out)
                if signals[index].label != nil {
                    appendLiteral(#","label":"#, to: &out)
                    appendString(signals[index].label!, to: &out)
                }
                if let weight = signals[index].weight {
                    appendLiteral(#","weight":"#, to: &out)
                    appendDecimal(weight, to: &out)
                }
                if signals[index].value != nil {
                    appendLiteral(#","value":"#, to: &out)
                    appendString(signals[index].value!, to: &out)
                }
                out.append(0x7D)
            }
        }
        appendLiteral(#"],"matches":["#, to: &out)
        appendMatches(verdict.matches, to: &out)
        if !verdict.suggestions.isEmpty {
            appendLiteral(#"],"suggested":["#, to: &out)
            appendMatches(verdict.suggestions, to: &out)
        }
        appendLiteral("]}\n", to: &out)
    }

    private static func appendMatches(_ matches: [ClaimMatch], to out: inout [UInt8]) {
        for (index, match) in matches.enumerated() {
            if index > 0 { out.append(0x2C) }
            appendLiteral(#"{"claim_id":"#, to: &out)
            appendString(match.claimID, to: &out)
            appendLiteral(#","similarity":"#, to: &out)
            appendProbability(match.similarity, to: &out)
            appendLiteral(#","verdict":"#, to: &out)
            appendString(match.verdict, to: &out)
            appendLiteral(#","url":"#, to: &out)
            if let url = match.url { appendString(url, to: &out) } else { appendLiteral("null", to: &out) }
            out.append(0x7D)
        }
    }

    /// Appends `{"id":…,"error":"…"}` and a newline.
    public static func appendError(_ message: String, idJSON: [UInt8]?, to out: inout [UInt8]) {
        appendLiteral(#"{"id":"#, to: &out)
        if let idJSON { out.append(contentsOf: idJSON) } else { appendLiteral("null", to: &out) }
        appendLiteral(#","error":"#, to: &out)
        appendString(message, to: &out)
        appendLiteral("}\n", to: &out)
    }

    /// Appends a fixed piece of the output: copied from static memory, not read through
    /// `String.UTF8View` (a generic append that cost more than the rest of a signal's output).
    @inline(__always)
    static func appendLiteral(_ piece: StaticString, to out: inout [UInt8]) {
        piece.withUTF8Buffer { out.append(contentsOf: $0) }
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
