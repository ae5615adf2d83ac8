@testable import KiemDetect
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("a bound too small costs another pass with more room, never a byte out of place")
    func boundTooSmall() {
        var out: [UInt8] = Array("[".utf8)
        var passes = 0
        JSONWriter.append(to: &out, bound: 3) { writer in
            passes += 1
            writer.literal(#"{"a":"#)
            writer.string("x\"\u{1}y")
            writer.byte(0x2C)
            writer.probability(0.25)
            writer.byte(0x2C)
            writer.decimal(-12.5)
            writer.byte(0x7D)
        }
        #expect(String(decoding: out, as: UTF8.self) == #"[{"a":"x\"\u0001y",0.25,-12.5}"#)
        #expect(passes == 5)
    }

    @Test("a bound of zero still ends, with everything written")
    func zeroBound() {
        var out: [UInt8] = []
        JSONWriter.append(to: &out, bound: 0) { $0.literal("null") }
        #expect(String(decoding: out, as: UTF8.self) == "null")
    }

    @Test("probabilities: four decimals at most, no trailing zeros, for every step of 0.0001 and values between")
    func probabilities() {
        func written(_ value: Double) -> String {
            var out: [UInt8] = []
            JSONWriter.append(to: &out, bound: JSONWriter.probabilityBound) { $0.probability(value) }
            return String(decoding: out, as: UTF8.self)
        }
        func expected(_ value: Double) -> String {
            let scaled = Int((min(max(value.isFinite ? value : 0, 0), 1) * 10_000).rounded())
            if scaled >= 10_000 { return "1" }
            if scaled == 0 { return "0" }
            var digits = String(scaled)
            digits = String(repeating: "0", count: 4 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            return "0." + digits
        }
        var generator = SystemRandomNumberGenerator()
        let values = (0...10_000).map { Double($0) / 10_000 } + (0..<10_000).map { _ in Double.random(in: 0...1, using: &generator) }
            + [-1, 2, .nan, .infinity, 0.00004, 0.99996, 0.1, 0.97312]
        for value in values { #expect(written(value) == expected(value), "\(value)") }
        #expect(written(0.97312) == "0.9731")
        #expect(written(0.1) == "0.1")
        #expect(written(0.00004) == "0")
        #expect(written(0.99996) == "1")
    }
}
