import KiemDefaults
import KiemDetect
import KiemText
import Testing

@Suite("Rule packs")
struct RulePackTests {
    @Test("every rule of the shipped pack passes its own examples")
    func shippedPackExamples() throws {
        let pack = try ShippedDefaults.rules()
        let (checked, failures) = pack.runTests()
        #expect(pack.rules.count >= 15)
        #expect(checked >= 2 * pack.rules.count)
        #expect(failures.isEmpty, "\(failures.map(\.description))")
    }

    @Test("the shipped pack covers all eight labels")
    func coversLabels() throws {
        let labels = Set(try ShippedDefaults.rules().rules.flatMap { $0.weights.filter { $0.value > 0 }.keys })
        #expect(labels.isSuperset(of: Label.names))
    }

    @Test("a rule fires on accents, teencode and conditions as written")
    func conditions() throws {
        let pack = try RulePack(yaml: """
            rules:
              - name: transfer_request
                labels: {scam: 2}
                any: ["chuyển khoản", "chuyển tiền"]
                groups: [["ngay", "gấp"]]
                none: ["cảm ơn"]
                entities: {bank_account: 1}
              - name: otp_regex
                labels: {phishing: 1.5}
                regex: "ma otp \\\\d{6}"
            """)
        let normalizer = Normalizer()
        func fired(_ text: String) -> [String] {
            let normalized = normalizer.normalize(text)
            return pack.evaluate(normalized, entities: EntityExtractor.extract(normalized)).map { pack.rules[$0.rule].name }
        }
        #expect(fired("ck gap vao stk 0071000123456 vietcombank") == ["transfer_request"])
        #expect(fired("Chuyển khoản ngay vào STK 0071000123456 Vietcombank") == ["transfer_request"])
        #expect(fired("Cảm ơn, đã chuyển khoản ngay vào STK 0071000123456 Vietcombank").isEmpty)
        #expect(fired("chuyển khoản ngay nhé").isEmpty)
        #expect(fired("Mã OTP 123456") == ["otp_regex"])
    }

    @Test("a rule can be tested on its own")
    func singleRule() throws {
        let pack = try ShippedDefaults.rules()
        let (checked, failures) = pack.runTests(only: "credential_request")
        #expect(checked == 3)
        #expect(failures.isEmpty)
    }

    @Test("bad packs are rejected with a clear message", arguments: [
        ("rules: [", "not valid YAML"),
        ("version: 1", "`rules` must be a list"),
        ("rules:\n  - name: a\n    labels: {scam: 1}\n    colour: red\n    any: [x]", "unknown field"),
        ("rules:\n  - name: a\n    labels: {scam: big}\n    any: [x]", "weight must be a number"),
        ("rules:\n  - name: a\n    labels: {scam: 1}\n    entities: {iban: 1}", "unknown entity kind"),
        ("rules:\n  - name: a\n    labels: {scam: 1}", "at least one condition"),
        ("rules:\n  - name: a\n    labels: {scam: 1}\n    regex: \"([\"", "invalid regex"),
        ("rules:\n  - name: a\n    labels: {scam: 1}\n    any: [x]\n  - name: a\n    labels: {scam: 1}\n    any: [y]", "defined twice"),
        ("+7:3838888888888888888:92", "top level must be a mapping"),
        ("rules:\n -- name: r\n    lles,\n? -- name: r\n    r\n    laber{ur}\n", "mapping key must be a plain value"),
        ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\nrules: []", "more than 200000 values"),
    ])
    func badPacks(yaml: String, message: String) {
        do {
            _ = try RulePack(yaml: yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}
