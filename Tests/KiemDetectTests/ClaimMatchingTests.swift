import Foundation
import KiemDetect
import KiemText
import Testing

@Suite("claim matching")
struct ClaimMatchingTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The project's own claims (shipped for the demo) with their hand-written paraphrases and look-alikes.
    static func projectClaims() throws -> (claims: [KnownClaim], paraphrases: [String: [String]], lookalikes: [String: [String]]) {
        func rows(_ path: String) throws -> [[String: Any]] {
            try Data(contentsOf: repository.appendingPathComponent(path)).split(separator: 0x0A)
                .map { try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any] }
        }
        let claims = try rows("Sources/KiemDefaults/Resources/demo-claims.jsonl").map {
            KnownClaim(key: $0["id"] as! String, text: $0["text"] as! String, verdict: $0["verdict"] as! String, url: "/fact-checks/" + ($0["id"] as! String))
        }
        var paraphrases: [String: [String]] = [:]
        var lookalikes: [String: [String]] = [:]
        for row in try rows("Data/claim-eval.jsonl") {
            paraphrases[row["id"] as! String] = row["paraphrases"] as? [String]
            lookalikes[row["id"] as! String] = row["lookalikes"] as? [String]
        }
        return (claims, paraphrases, lookalikes)
    }

    static let index = ClaimIndex([
        KnownClaim(key: "lemon", text: "Uống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư", verdict: "false", url: "/fact-checks/chanh"),
        KnownClaim(key: "5g", text: "Sóng 5G làm lây lan virus corona", verdict: "false", variants: ["5G towers spread the coronavirus"]),
        KnownClaim(key: "id-lock", text: "Không kích hoạt định danh điện tử mức 2 trước 1/7 sẽ bị khóa căn cước", verdict: "false"),
    ])

    func best(_ text: String) -> ClaimMatch? {
        Self.index.matches(Normalizer().normalize(text), threshold: Policy.ClaimThresholds().match, scratch: ClaimIndex.Scratch()).first
    }

    @Test("a rumour passed on unaccented, in teencode, shouted, reordered or inside a longer post matches its claim", arguments: [
        "uong nuoc chanh nong moi sang chua khoi benh ung thu",
        "MN ƠI 😱 UỐNG NƯỚC CHANH NÓNG MỖI SÁNG CHỮA KHỎI BỆNH UNG THƯ!!! share ngay",
        "chữa khỏi bệnh ung thư nhờ uống nước chanh nóng mỗi sáng",
        "Hôm qua đi ăn cưới ở quê, không khí vui lắm.\nNghe bà con kể uống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư. Mọi người chia sẻ nhé!",
        "u.ố.n.g nuoc ch4nh n0ng moi s4ng chữa khỏi bệnh ung thư",
    ])
    func variants(text: String) throws {
        let match = try #require(best(text))
        #expect(match.claimID == "lemon")
        #expect(match.verdict == "false")
        #expect(match.url == "/fact-checks/chanh")
    }

    @Test("a variant of a claim matches like the claim; a claim with its own negation matches when repeated")
    func variantsAndOwnNegation() {
        #expect(best("5G TOWERS SPREAD THE CORONAVIRUS!!!")?.claimID == "5g")
        #expect(best("khong kich hoat dinh danh dien tu muc 2 truoc 1/7 se bi khoa can cuoc")?.claimID == "id-lock")
    }

    @Test("a denial, a negated statement, a recipe and an unrelated post match nothing", arguments: [
        "Bộ Y tế khẳng định thông tin uống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư là tin đồn thất thiệt",
        "Chưa có bằng chứng nào cho thấy uống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư",
        "Uống nước chanh nóng mỗi sáng không chữa khỏi bệnh ung thư",
        "Cách pha nước chanh mật ong ấm giải khát buổi sáng cho cả nhà",
        "Viettel phủ sóng 5G tại 63 tỉnh thành, tốc độ tải nhanh gấp 10 lần 4G",
        "Mai em qua lấy đồ nhé",
        "",
    ])
    func lookalikes(text: String) {
        #expect(best(text) == nil)
    }

    @Test("a question particle after the claim, or a negation in the sentence before it, does not hide it")
    func negationsElsewhere() {
        #expect(best("Uống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư, có thật không?")?.claimID == "lemon")
        #expect(best("Phim hôm qua không hay lắm.\nUống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư.")?.claimID == "lemon")
    }

    @Test("the engine reports a match, a signal and at least a warning for a claim rated false")
    func engine() {
        let engine = Engine(model: nil, claims: Self.index)
        let verdict = engine.session().check("Uống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư")
        #expect(verdict.matches.map(\.claimID) == ["lemon"])
        #expect(verdict.signals.contains { $0.kind == .claim && $0.value == "lemon" })
        #expect(verdict.action >= .warn)
        var line: [UInt8] = []
        VerdictJSON.append(verdict, idJSON: nil, to: &line)
        let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        let matches = object?["matches"] as? [[String: Any]]
        #expect(matches?.first?["claim_id"] as? String == "lemon")
        #expect(matches?.first?["url"] as? String == "/fact-checks/chanh")
        #expect(object?["suggested"] == nil)
    }

    @Test("thresholds come from the policy and are checked")
    func policy() throws {
        let policy = try Policy(yaml: "claims: {match: 0.7, suggest: 0.5}")
        #expect(policy.claims.match == 0.7 && policy.claims.suggest == 0.5)
        #expect(throws: Policy.ParseError.self) { try Policy(yaml: "claims: {match: 0.4, suggest: 0.5}") }
        #expect(throws: Policy.ParseError.self) { try Policy(yaml: "claims: {match: 1.5}") }
        #expect(throws: Policy.ParseError.self) { try Policy(yaml: "claims: {exact: 0.5}") }
    }

    @Test("on the generated set from the project's claims: the right claim first for at least 95% of variants, at most 5% of look-alikes matched")
    func generatedSet() throws {
        let (claims, paraphrases, lookalikes) = try Self.projectClaims()
        let contexts = ["Hôm nay trời mưa to quá, đường ngập hết rồi.", "Cả nhà ơi, cuối tuần này họp lớp ở quán cũ nhé.",
                        "Mình mới mua cái áo này, mặc đẹp lắm không phải chê."]
        let set = ClaimTestSet(claims: claims, paraphrases: paraphrases, lookalikes: lookalikes, contexts: contexts,
                               background: ["Mai em qua lấy đồ nhé", "Giá vàng hôm nay tăng nhẹ", "Đội tuyển thắng 2-0 tối qua"])
        let index = ClaimIndex(claims)
        let scratch = ClaimIndex.Scratch()
        let normalizer = Normalizer()
        let threshold = Policy.ClaimThresholds().match
        var right = 0, variants = 0, matched = 0, looks = 0
        var misses: [String] = []
        for testCase in set.cases {
            let top = index.matches(normalizer.normalize(testCase.text), threshold: threshold, scratch: scratch).first
            if let claim = testCase.claim {
                variants += 1
                if top?.claimID == claim { right += 1 } else { misses.append("[\(testCase.kind)] \(testCase.text)") }
            } else {
                looks += 1
                if top != nil { matched += 1 }
            }
        }
        #expect(variants >= claims.count * 6)
        #expect(looks >= claims.count * 3)
        #expect(Double(right) / Double(variants) >= 0.95, "right claim first: \(right)/\(variants); missed: \(misses.prefix(5))")
        #expect(Double(matched) / Double(looks) <= 0.05, "look-alikes matched: \(matched)/\(looks)")
    }

    @Test("sentence starts are found after . ! ? and line breaks, not inside numbers")
    func sentences() {
        let text = Normalizer().normalize("Giá 1.200.000đ nhé. Mua không? Có\nXong")
        #expect(text.sentenceStarts.count == 3)
        #expect(Normalizer().normalize("l.ừ.a đ.ả.o 1.500.000").sentenceStarts.isEmpty)
    }
}
