/// Writes verdicts and errors as the JSON lines of the `kiem check` contract.
///
/// Hand-written for speed (the batch path writes hundreds of thousands of lines a second): each
/// line is sized first and written through a ``JSONWriter``, then appended in one copy.
/// Probabilities have four decimals, strings are escaped per RFC 8259.
public enum VerdictJSON {
    /// Appends `{"id":…,"action":…,"labels":{…},"top":…,"signals":[…],"matches":[…]}` and a newline.
    public static func append(_ verdict: borrowing Verdict, idJSON: [UInt8]?, to out: inout [UInt8]) {
        JSONWriter.append(verdict, to: &out, bound: bound(verdict, idJSON: idJSON)) { verdict, writer in
            write(verdict, idJSON: idJSON, to: &writer)
        }
    }

    private static func write(_ verdict: borrowing Verdict, idJSON: [UInt8]?, to writer: inout JSONWriter) {
        writer.literal(#"{"id":"#)
        if let idJSON { writer.bytes(idJSON) } else { writer.literal("null") }
        writer.literal(#","action":""#)
        writer.literal(verdict.action.literal)
        writer.literal(#"","labels":{"#)
        // The closures capture the arrays they read, not the verdict (which would be copied).
        let probabilities = verdict.probabilities
        verdict.labelNames.withUnsafeBufferPointer { names in
            for index in names.indices {
                if index > 0 { writer.byte(0x2C) }
                writer.string(names[index])
                writer.byte(0x3A)
                writer.probability(probabilities[index])
            }
        }
        writer.literal(#"},"top":"#)
        writer.string(verdict.top)
        writer.literal(#","signals":["#)
        // Fields read in place, not a copy of each signal (which would retain and release its strings).
        verdict.signals.withUnsafeBufferPointer { signals in
            for index in signals.indices {
                if index > 0 { writer.byte(0x2C) }
                writer.literal(#"{"kind":""#)
                writer.literal(signals[index].kind.literal)
                writer.literal(#"","name":"#)
                writer.string(signals[index].name)
                if signals[index].label != nil {
                    writer.literal(#","label":"#)
                    writer.string(signals[index].label!)
                }
                if let weight = signals[index].weight {
                    writer.literal(#","weight":"#)
                    writer.decimal(weight)
                }
                if signals[index].value != nil {
                    writer.literal(#","value":"#)
                    writer.string(signals[index].value!)
                }
                writer.byte(0x7D)
            }
        }
        writer.literal(#"],"matches":["#)
        write(verdict.matches, to: &writer)
        if !verdict.suggestions.isEmpty {
            writer.literal(#"],"suggested":["#)
            write(verdict.suggestions, to: &writer)
        }
        writer.literal("]}\n")
    }

    /// The most bytes ``append(_:idJSON:to:)`` writes for a verdict.
    private static func bound(_ verdict: Verdict, idJSON: [UInt8]?) -> Int {
        // The fixed keys and brackets take under 100 bytes, an action at most 6.
        var bound = 128 + (idJSON?.count ?? 0) + JSONWriter.stringBound(verdict.top)
        for name in verdict.labelNames { bound += JSONWriter.stringBound(name) + 2 + JSONWriter.probabilityBound }
        verdict.signals.withUnsafeBufferPointer { signals in
            for index in signals.indices {
                // Keys, kind and brackets: 64 bytes.
                bound += 64 + JSONWriter.stringBound(signals[index].name) + JSONWriter.decimalBound
                if signals[index].label != nil { bound += JSONWriter.stringBound(signals[index].label!) }
                if signals[index].value != nil { bound += JSONWriter.stringBound(signals[index].value!) }
            }
        }
        func add(_ matches: [ClaimMatch]) {
            for match in matches {
                // Keys, brackets and `null`: 60 bytes.
                bound += 60 + JSONWriter.stringBound(match.claimID) + JSONWriter.probabilityBound + JSONWriter.stringBound(match.verdict)
                if let url = match.url { bound += JSONWriter.stringBound(url) }
            }
        }
        add(verdict.matches)
        add(verdict.suggestions)
        return bound
    }

    private static func write(_ matches: [ClaimMatch], to writer: inout JSONWriter) {
        for (index, match) in matches.enumerated() {
            if index > 0 { writer.byte(0x2C) }
            writer.literal(#"{"claim_id":"#)
            writer.string(match.claimID)
            writer.literal(#","similarity":"#)
            writer.probability(match.similarity)
            writer.literal(#","verdict":"#)
            writer.string(match.verdict)
            writer.literal(#","url":"#)
            if let url = match.url { writer.string(url) } else { writer.literal("null") }
            writer.byte(0x7D)
        }
    }

    /// Appends `{"id":…,"error":"…"}` and a newline.
    public static func appendError(_ message: String, idJSON: [UInt8]?, to out: inout [UInt8]) {
        // `{"id":`, `,"error":` and `}` and a newline: 17 bytes.
        JSONWriter.append(to: &out, bound: 24 + (idJSON?.count ?? 0) + JSONWriter.stringBound(message)) { writer in
            writer.literal(#"{"id":"#)
            if let idJSON { writer.bytes(idJSON) } else { writer.literal("null") }
            writer.literal(#","error":"#)
            writer.string(message)
            writer.literal("}\n")
        }
    }

    /// Appends a JSON string literal.
    public static func appendString(_ value: String, to out: inout [UInt8]) {
        JSONWriter.append(to: &out, bound: JSONWriter.stringBound(value)) { $0.string(value) }
    }
}
