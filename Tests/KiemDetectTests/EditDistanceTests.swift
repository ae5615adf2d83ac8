@testable import KiemDetect
import Testing

/// The look-alike check computes edit distances only near the diagonal; these tests hold it to
/// the full Levenshtein table on every decision the check makes (at most the limit, and the value).
@Suite("Banded edit distance")
struct EditDistanceTests {
    /// The whole dynamic-programming table, the textbook way.
    static func levenshtein(_ x: [UInt8], _ y: [UInt8]) -> Int {
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }

    static func banded(_ x: [UInt8], _ y: [UInt8], limit: Int) -> Int {
        x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in LinkSignals.editDistance(x, y, limit: limit) } }
    }

    @Test("agrees with the full table on 60,000 random pairs of close and far strings, limits 0 to 3, as does the byte-mask test")
    func randomPairs() {
        var seed: UInt64 = 0x6B69_656D
        func next(_ bound: Int) -> Int {
            // A fixed sequence (splitmix64), so a failure can be replayed.
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let alphabet = Array("abcmnv01".utf8)
        var nearMisses = 0
        var turnedAway = 0
        for _ in 0..<60_000 {
            let x = (0..<next(15)).map { _ in alphabet[next(alphabet.count)] }
            // Half the pairs are a few edits apart, so the limits are reached from both sides.
            var y = x
            if next(2) == 0 {
                y = (0..<next(15)).map { _ in alphabet[next(alphabet.count)] }
            } else {
                for _ in 0..<next(4) {
                    switch next(3) {
                    case 0 where !y.isEmpty: y[next(y.count)] = alphabet[next(alphabet.count)]
                    case 1: y.insert(alphabet[next(alphabet.count)], at: next(y.count + 1))
                    default: if !y.isEmpty { y.remove(at: next(y.count)) }
                    }
                }
            }
            let limit = next(4)
            let truth = Self.levenshtein(x, y)
            let answer = Self.banded(x, y, limit: limit)
            let masks = (Self.mask(x), Self.mask(y))
            if truth <= limit {
                #expect(answer == truth, "\(x) \(y) limit \(limit)")
                // The byte-mask test before the table never turns away a pair within the limit.
                #expect(LinkSignals.mayBeWithin(limit, masks.0, masks.1), "\(x) \(y) limit \(limit)")
                if truth == limit { nearMisses += 1 }
            } else {
                #expect(answer > limit, "\(x) \(y) limit \(limit)")
                if !LinkSignals.mayBeWithin(limit, masks.0, masks.1) { turnedAway += 1 }
            }
        }
        #expect(nearMisses > 1_000)
        // And it spares the table many pairs that are too far apart.
        #expect(turnedAway > 5_000)
    }

    static func mask(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { LinkSignals.byteMask($0) }
    }

    @Test("brand look-alikes one and two letters off, and the empty cases")
    func examples() {
        #expect(Self.banded(Array("vietconbank".utf8), Array("vietcombank".utf8), limit: 2) == 1)
        #expect(Self.banded(Array("vletcombamk".utf8), Array("vietcombank".utf8), limit: 2) == 2)
        #expect(Self.banded(Array("vietnamnet".utf8), Array("vietcombank".utf8), limit: 2) == 3)
        #expect(Self.banded(Array("agribamk".utf8), Array("agribank".utf8), limit: 1) == 1)
        #expect(Self.banded([], Array("vcb".utf8), limit: 3) == 3)
        #expect(Self.banded([], Array("vcb".utf8), limit: 2) == 3)
        #expect(Self.banded(Array("vcb".utf8), [], limit: 1) == 2)
    }
}
