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
}
