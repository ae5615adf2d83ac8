

/// Finds many whole-word phrases in the plain view in one pass (Aho–Corasick).
///
/// Phrases are stored in the plain view's alphabet (a–z, 0–9, space); bytes outside it share one
/// class and every hit is verified against the phrase bytes, so non-Latin phrases stay exact.
public struct PhraseMatcher: Sendable {
    private static let alphabet = 38
    private let phrases: [[UInt8]]
    /// All phrases back to back, and where each starts (one extra entry for the end).
    private let phraseBytes: [UInt8]
    private let phraseOffsets: [Int]
    private var transitions: [Int32]
    /// The same transitions as 16-bit states when they fit: half the cache footprint.
    private var compactTransitions: [UInt16] = []
    private var failure: [Int32]
    /// Phrases ending at a state, as indices into `phrases`, and the next state with outputs.
    private var outputs: [[Int32]]
    private var outputLink: [Int32]
    /// Flat copies for scanning: the first state to report from each state (0 for none), and each
    /// state's phrases as a range of `outputIDs`.
    private var reportFrom: [Int32] = []
    private var outputStart: [Int32] = []
    private var outputIDs: [Int32] = []
    private static let symbols: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0x61...0x7A: UInt8(byte - 0x61)
        case 0x30...0x39: UInt8(26 + byte - 0x30)
        case 0x20: 36
        default: 37
        }
    }

    /// The number of phrases.
    public var count: Int { phrases.count }

    /// Builds a matcher; phrase `i` is reported as `i`.
    public init(phrases: [[UInt8]]) {
        self.phrases = phrases
        phraseBytes = phrases.flatMap { $0 }
        phraseOffsets = phrases.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        transitions = [Int32](repeating: -1, count: Self.alphabet)
        outputs = [[]]
        failure = [0]
        outputLink = [-1]
        for (index, phrase) in phrases.enumerated() where !phrase.isEmpty {
            var state = 0
            for byte in phrase {
                let slot = state * Self.alphabet + Int(Self.symbols[Int(byte)])
                if transitions[slot] < 0 {
                    transitions[slot] = Int32(outputs.count)
                    outputs.append([])
                    failure.append(0)
                    outputLink.append(-1)
                    transitions.append(contentsOf: repeatElement(-1, count: Self.alphabet))
                }
                state = Int(transitions[slot])
            }
            outputs[state].append(Int32(index))
        }
        // Breadth-first failure links; missing transitions become failure transitions.
        var queue: [Int] = []
        for symbol in 0..<Self.alphabet {
            let next = transitions[symbol]
            if next < 0 { transitions[symbol] = 0 } else { failure[Int(next)] = 0; queue.append(Int(next)) }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            let fail = Int(failure[state])
            outputLink[state] = outputs[fail].isEmpty ? outputLink[fail] : Int32(fail)
            for symbol in 0..<Self.alphabet {
                let slot = state * Self.alphabet + symbol
                let next = transitions[slot]
                let viaFailure = transitions[fail * Self.alphabet + symbol]
                if next < 0 {
                    transitions[slot] = viaFailure
                } else {
                    failure[Int(next)] = viaFailure
                    queue.append(Int(next))
                }
            }
        }
        if outputs.count <= Int(UInt16.max) { compactTransitions = transitions.map { UInt16(truncatingIfNeeded: $0) } }
        reportFrom = outputs.indices.map { outputs[$0].isEmpty ? max(outputLink[$0], 0) : Int32($0) }
        for state in outputs.indices {
            outputStart.append(Int32(outputIDs.count))
            outputIDs.append(contentsOf: outputs[state])
        }
        outputStart.append(Int32(outputIDs.count))
    }

    /// Calls `found(phrase, start)` for every whole-word occurrence in `text`.
    @inlinable
    public func forEachMatch(in text: [UInt8], _ found: (Int, Int) -> Void) {
        text.withUnsafeBufferPointer { scan($0, found) }
    }

    @usableFromInline
    func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        if !compactTransitions.isEmpty {
            compactTransitions.withUnsafeBufferPointer { scan(text, table: $0, found) }
        } else {
            transitions.withUnsafeBufferPointer { scan(text, table: $0, found) }
        }
    }

    @inline(__always)
    private func scan<State: FixedWidthInteger>(_ text: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<State>, _ found: (Int, Int) -> Void) {
        var state = 0
        let count = text.count
        Self.symbols.withUnsafeBufferPointer { symbols in
            reportFrom.withUnsafeBufferPointer { reportFrom in
                for index in 0..<count {
                    state = Int(table[state &* Self.alphabet &+ Int(symbols[Int(text[index])])])
                    guard state != 0 else { continue }
                    let end = index + 1
                    // Only check outputs at a word end.
                    guard end == count || text[end] == 0x20 else { continue }
                    var reporting = Int(reportFrom[state])
                    while reporting > 0 {
                        for slot in Int(outputStart[reporting])..<Int(outputStart[reporting + 1]) {
                            let phrase = Int(outputIDs[slot])
                            let offset = phraseOffsets[phrase]
                            let length = phraseOffsets[phrase + 1] - offset
                            let start = end - length
                            if start >= 0 && (start == 0 || text[start - 1] == 0x20) && verify(offset, length, text, start) {
                                found(phrase, start)
                            }
                        }
                        reporting = Int(outputLink[reporting])
                    }
                }
            }
        }
    }

    @inline(__always)
    private func verify(_ offset: Int, _ length: Int, _ text: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        for index in 0..<length where text[start + index] != phraseBytes[offset + index] { return false }
        return true
    }
}
