import Foundation
import KiemDetect
import Testing

@Suite("The kiem check JSONL contract")
struct CheckContractTests {
    func parse(_ line: String) -> Result<CheckRequest, CheckRequest.ParseError> {
        parse(bytes: Array(line.utf8))
    }

    /// A line as raw bytes, which may be invalid UTF-8.
    func parse(bytes: [UInt8]) -> Result<CheckRequest, CheckRequest.ParseError> {
        bytes.withUnsafeBufferPointer { CheckRequest.parse($0) }
    }

    @Test("id, text and source are read; unknown fields are ignored")
    func fields() throws {
        let request = try parse(#"{"id": 42, "extra": {"a": [1, 2, {"b": null}]}, "text": "Xin ch\u00e0o \ud83d\ude00", "source": "sms"}"#).get()
        #expect(request.idJSON == Array("42".utf8))
        #expect(String(decoding: request.text, as: UTF8.self) == "Xin chào 😀")
        #expect(request.source == "sms")
    }

    @Test("escapes are undone wherever they are: in keys, in a source, and many in one text")
    func escapes() throws {
        let text = String(repeating: #"d\u00f2ng \"trong ngo\u1eb7c\"\n"#, count: 40)
        let request = try parse(#"{"t\u0065xt": ""# + text + #"", "sour\u0063e": "s\u006Ds", "\u0069d": "a\/b"}"#).get()
        #expect(String(decoding: request.text, as: UTF8.self) == String(repeating: "dòng \"trong ngoặc\"\n", count: 40))
        #expect(request.source == "sms")
        #expect(request.idJSON == Array(#""a\/b""#.utf8))
        // A key is checked like any string: valid UTF-8, no raw control characters.
        let bytes: [UInt8] = Array(#"{""#.utf8) + [0xFF] + Array(#"": 1, "text": "x"}"#.utf8)
        let result = parse(bytes: bytes)
        guard case .failure(let error) = result else { Issue.record("accepted a key that is not UTF-8"); return }
        #expect(error.message.contains("UTF-8"))
        guard case .failure(let control) = parse("{\"te\txt\": \"x\"}") else { Issue.record("accepted a raw tab in a key"); return }
        #expect(control.message.contains("control character"))
    }

    @Test("lines read one after another into one request give what each gives alone, errors in between included")
    func reusedRequest() {
        let lines = [
            #"{"id":"m1","text":"Tài khoản bị khóa, vào vcb-hotro.xyz","source":"sms"}"#,
            #"{"text":"no id here"}"#,
            #"{"id":7,"text":"a\nb \"c\"","text":"second text wins"}"#,
            #"{"id":"m4","text":5}"#,
            "not json",
            #"{"id":"m6","text":"short"}"#,
            #"{"id":"long-id-\#(String(repeating: "x", count: 300))","text":"\#(String(repeating: "dài ", count: 500))"}"#,
            #"{"text":"after the long one","source":"web"}"#,
        ]
        var request = CheckRequest()
        var kept: [CheckRequest] = []
        for line in lines {
            let bytes = Array(line.utf8)
            let alone = parse(bytes: bytes)
            let error = bytes.withUnsafeBufferPointer { CheckRequest.parse($0, into: &request) }
            switch alone {
            case .success(let expected):
                #expect(error == nil)
                #expect(request == expected)
                kept.append(request)
            case .failure(let expected):
                #expect(error == expected)
            }
        }
        // Requests kept along the way did not change when the next lines were read.
        let again = lines.compactMap { try? parse($0).get() }
        #expect(kept == again)
    }

    @Test("bad lines give a clear error", arguments: [
        ("", "empty line"),
        ("not json", "not a JSON object"),
        (#"{"id": "a"}"#, "missing `text`"),
        (#"{"id": "a", "text": 5}"#, "`text` must be a string"),
        (#"{"text": "a""#, "invalid JSON"),
        (#"{"text": "a"} trailing"#, "unexpected data"),
        (#"{"text": "\ud800"}"#, "unpaired surrogate"),
        (String(repeating: "[", count: 200), "not a JSON object"),
        (#"{"x": "# + String(repeating: "[", count: 200) + #"}"#, "nesting too deep"),
    ])
    func errors(line: String, message: String) {
        guard case .failure(let error) = parse(line) else {
            Issue.record("accepted: \(line)")
            return
        }
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test("a text is read exactly whatever sits where: plain runs of every length, escapes, Vietnamese, emoji")
    func textsAtEveryOffset() throws {
        let pieces = ["a", "Xin chào", "   ", "0912345678", #"\""#, #"\\"#, #"\n"#, #"\u00e0"#, #"\ud83d\ude00"#, "đ", "😀", "/", #"\/"#,
                      String(repeating: "x", count: 7), String(repeating: "y", count: 8), String(repeating: "z", count: 17)]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var escaped = ""
            for _ in 0..<Int.random(in: 0...10, using: &generator) { escaped += pieces.randomElement(using: &generator)! }
            let line = #"{"id": 1, "text": ""# + escaped + #"", "source": "sms"}"#
            // Foundation's reading of the same string is the reference.
            let reference = try JSONSerialization.jsonObject(with: Data((#"[""# + escaped + #""]"#).utf8)) as? [String]
            let request = try parse(line).get()
            #expect(request.text == Array(reference![0].utf8), "\(line)")
        }
    }

    @Test("a control byte, a bad byte or a missing quote is found at its own byte, at any offset")
    func errorsAtEveryOffset() {
        for offset in 0..<40 {
            let prefix = #"{"text": ""# + String(repeating: "a", count: offset)
            let at = prefix.utf8.count
            for (bad, message) in [([UInt8(0x01)], "control character in string"), ([0xFF], "invalid UTF-8"), ([0xC3, 0x28], "invalid UTF-8")] {
                let bytes = Array(prefix.utf8) + bad + Array(#"bc"}"#.utf8)
                let result = parse(bytes: bytes)
                guard case .failure(let error) = result else { Issue.record("accepted a bad byte at \(at)"); continue }
                #expect(error.message == "invalid JSON: \(message) at byte \(at)")
            }
            guard case .failure(let error) = parse(prefix) else { Issue.record("accepted an unterminated string"); continue }
            #expect(error.message.contains("unterminated string"))
        }
    }

    @Test("the id survives an error when the line got that far")
    func idOnError() {
        guard case .failure(let error) = parse(#"{"id": "m-7", "text": null}"#) else { Issue.record("accepted"); return }
        #expect(error.idJSON == Array(#""m-7""#.utf8))
    }

    @Test("invalid UTF-8 inside a string is an error")
    func invalidUTF8() {
        let bytes: [UInt8] = Array(#"{"text": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let result = parse(bytes: bytes)
        guard case .failure(let error) = result else { Issue.record("accepted invalid UTF-8"); return }
        #expect(error.message.contains("UTF-8"))
    }

    @Test("verdict lines are valid JSON with every label, top and signals")
    func verdictJSON() throws {
        let verdict = Verdict(labelNames: ["scam", "spam"], probabilities: [0.97312, 0.0004], top: "scam", action: .block,
                              signals: [Signal(kind: .rule, name: "r\"1", label: "scam", weight: 2, value: "a\nb")],
                              matches: [ClaimMatch(claimID: "c1", similarity: 0.93, verdict: "false", url: "https://x/y")])
        var out: [UInt8] = []
        VerdictJSON.append(verdict, idJSON: Array(#""x""#.utf8), to: &out)
        #expect(out.last == 0x0A)
        let object = try JSONSerialization.jsonObject(with: Data(out)) as! [String: Any]
        #expect(object["id"] as? String == "x")
        #expect(object["action"] as? String == "block")
        #expect((object["labels"] as? [String: Double])?["scam"] == 0.9731)
        #expect((object["labels"] as? [String: Double])?["spam"] == 0.0004)
        #expect(object["top"] as? String == "scam")
        let signal = (object["signals"] as? [[String: Any]])?.first
        #expect(signal?["name"] as? String == "r\"1")
        #expect(signal?["value"] as? String == "a\nb")
        let match = (object["matches"] as? [[String: Any]])?.first
        #expect(match?["claim_id"] as? String == "c1")
        #expect(match?["similarity"] as? Double == 0.93)
    }

    @Test("every string field survives the worst escaping (all control characters) and any weight, suggestions included")
    func verdictJSONWorstCase() throws {
        // Each control character becomes six bytes (\u001f): the most a verdict line can grow.
        let controls = String(decoding: (0..<0x20).map { UInt8($0) } + Array("\"\\ đ ✓".utf8), as: UTF8.self)
        let hostile = String(repeating: controls, count: 40)
        let match = ClaimMatch(claimID: hostile, similarity: 0.5, verdict: hostile, url: hostile)
        let verdict = Verdict(labelNames: [hostile, "spam"], probabilities: [.nan, 2], top: hostile, action: .review,
                              signals: [Signal(kind: .claim, name: hostile, label: hostile, weight: 1e300, value: hostile),
                                        Signal(kind: .entity, name: "n", weight: -.infinity),
                                        Signal(kind: .indicator, name: "w", weight: -2.5)],
                              matches: [match], suggestions: [match, match])
        var out: [UInt8] = Array("prefix".utf8)
        VerdictJSON.append(verdict, idJSON: Array(#""id""#.utf8), to: &out)
        #expect(Array(out.prefix(6)) == Array("prefix".utf8))
        let object = try JSONSerialization.jsonObject(with: Data(out.dropFirst(6))) as! [String: Any]
        #expect(object["top"] as? String == hostile)
        #expect((object["labels"] as? [String: Double])?[hostile] == 0)
        #expect((object["labels"] as? [String: Double])?["spam"] == 1)
        let signals = try #require(object["signals"] as? [[String: Any]])
        #expect(signals[0]["name"] as? String == hostile && signals[0]["label"] as? String == hostile && signals[0]["value"] as? String == hostile)
        #expect(signals[0]["weight"] as? Double == 1e15)
        #expect(signals[1]["weight"] as? Double == 0)
        #expect(signals[2]["weight"] as? Double == -2.5)
        let suggested = try #require(object["suggested"] as? [[String: Any]])
        #expect(suggested.count == 2)
        #expect(suggested.allSatisfy { $0["claim_id"] as? String == hostile && $0["verdict"] as? String == hostile && $0["url"] as? String == hostile })
        var error: [UInt8] = []
        VerdictJSON.appendError(hostile, idJSON: nil, to: &error)
        let errorObject = try JSONSerialization.jsonObject(with: Data(error)) as! [String: Any]
        #expect(errorObject["error"] as? String == hostile)
        // The smallest answers fit their bounds too.
        var small: [UInt8] = []
        VerdictJSON.appendError("", idJSON: nil, to: &small)
        VerdictJSON.append(Verdict(labelNames: [], probabilities: [], top: "", action: .allow, signals: []), idJSON: nil, to: &small)
        VerdictJSON.appendString("", to: &small)
        #expect(String(decoding: small, as: UTF8.self) == #"{"id":null,"error":""}"# + "\n" + #"{"id":null,"action":"allow","labels":{},"top":"","signals":[],"matches":[]}"# + "\n" + #""""#)
    }
}
