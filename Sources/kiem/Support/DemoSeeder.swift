import Foundation
import KiemDefaults
import KiemDetect
import KiemServer
import KiemStore

/// `kiem serve --demo`: seeds the shipped demo items (checked by the engine, so cases open where
/// the policy says review), a user for every role with a fresh password, and an admin token,
/// and prints the log-ins. Seeding twice changes nothing but the passwords.
struct DemoSeeder {
    let store: Store
    let engine: Engine
    let services: KiemServices

    func seed(host: String, port: Int) async throws {
        let session = engine.session()
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var batch: [(item: ItemInput, verdict: VerdictRecord?)] = []
        var checked: [(verdict: Verdict, reading: MessageReading)] = []
        var demos = try ShippedDefaults.demoItems()
        // A campaign under way: one tax-refund scam sent to 40 numbers in the last hour.
        for index in 0..<40 {
            demos.append((source: "sms", externalID: "demo-burst-\(index)",
                          text: "Cuc Thue thong bao: ban duoc hoan thue TNCN 2.\(index % 10)00.000d, nhap thong tin tai thuedientu-gov.online truoc 17h, ma ho so \(4710 + index)",
                          ageMinutes: 55 - index))
        }
        for demo in demos {
            let result = session.checkAndRead(demo.text)
            checked.append(result)
            batch.append((ItemInput(source: demo.source, externalID: demo.externalID, text: demo.text, receivedAt: now - Int64(demo.ageMinutes) * 60_000),
                          VerdictRecord(result.verdict, modelVersion: services.modelVersion, rulesVersion: services.rulesVersion)))
        }
        let outcomes = try await store.ingest(batch, actor: "demo")
        // New demo items go through the campaign monitor in time order, as live ones do.
        let fresh = outcomes.indices.filter { outcomes[$0].created }
            .map { (text: batch[$0].item.text, verdict: checked[$0].verdict, receivedAt: batch[$0].item.receivedAt ?? now, reading: Optional(checked[$0].reading)) }
            .sorted { $0.receivedAt < $1.receivedAt }
        try await services.campaigns.observe(fresh, store: store)
        let cases = outcomes.filter { $0.caseID != nil }.count
        let published = try await seedPublications()
        let claims = try await store.importClaims(try ShippedDefaults.demoClaims().map {
            (externalID: $0.key, text: $0.text, verdict: Publication.Rating(rawValue: $0.verdict) ?? .unproven, url: $0.url, variants: $0.variants)
        }, actor: "demo")
        let listed = try await store.importIndicators(Self.indicators.map { IndicatorInput(value: $0.0, label: $0.1, source: "demo", note: $0.2) }, actor: "demo")
        try await services.engines.refresh(from: store)
        var lines = ["Demo data: \(outcomes.count) items (\(outcomes.filter(\.created).count) new), \(cases) with an open case, \(published) fact-checks and warnings published now, \(claims.created) known claims added now, "
                     + "\(listed.created) indicators listed now.", "Log-ins (fresh passwords each start):"]
        for role in Role.allCases.reversed() {
            let email = "\(role.rawValue)@demo.kiem.vn"
            let password = Passwords.random()
            if try await store.user(email: email) == nil {
                _ = try await store.addUser(email: email, name: "Demo \(role.rawValue)", role: role, password: password, actor: "demo")
            } else {
                try await store.setPassword(email: email, password: password, actor: "demo")
            }
            lines.append("  \(role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(email)  \(password)")
        }
        let (token, _) = try await store.createToken(name: "demo", role: .admin, actor: "demo")
        lines.append("Admin API token: \(token)")
        lines.append("Try: curl -s -H 'Authorization: Bearer \(token)' 'http://\(host):\(port)/v1/items?query=tai+khoan&limit=3'")
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// Publishes the demo fact-checks and warnings that are not there yet; returns how many.
    private func seedPublications() async throws -> Int {
        var count = 0
        for demo in Self.publications {
            let draft = PublicationDraft(title: demo.title, body: demo.body, claim: demo.claim, rating: demo.rating, sources: demo.sources)
            let existing = try await store.publications(demo.claim == nil ? .warning : .factCheck, status: [], query: demo.title, limit: 1)
            if existing.total > 0 { continue }
            let created = try await store.createPublication(demo.claim == nil ? .warning : .factCheck, draft, author: "editor@demo.kiem.vn")
            _ = try await store.publish(id: created.id, actor: "editor@demo.kiem.vn")
            count += 1
        }
        return count
    }

    static let publications: [(title: String, claim: String?, rating: Publication.Rating?, body: String, sources: [String])] = [
        ("Uống nước chanh mật ong mỗi sáng không chữa khỏi ung thư",
         "Uống nước chanh mật ong ấm mỗi sáng giúp chữa khỏi ung thư", .false,
         "Thông tin lan truyền trên mạng xã hội cho rằng nước chanh mật ong \"tiêu diệt tế bào ung thư\". Không có nghiên cứu lâm sàng nào cho thấy điều này. Người bệnh cần điều trị theo chỉ định của bác sĩ chuyên khoa ung bướu.",
         ["https://www.who.int/news-room/fact-sheets/detail/cancer", "https://moh.gov.vn"]),
        ("Bộ Công an không gọi điện yêu cầu chuyển tiền để \"phục vụ điều tra\"",
         "Cán bộ công an gọi điện yêu cầu người dân chuyển tiền vào tài khoản tạm giữ để phục vụ điều tra", .false,
         "Cơ quan công an làm việc trực tiếp, có giấy mời hoặc giấy triệu tập; không yêu cầu chuyển tiền qua điện thoại. Đây là thủ đoạn lừa đảo mạo danh đã được cảnh báo nhiều lần.",
         ["https://bocongan.gov.vn"]),
        ("Ảnh \"lũ quét\" lan truyền là ảnh cũ từ năm 2020",
         "Bức ảnh lũ quét cuốn trôi cầu được chụp trong trận mưa tuần này", .misleading,
         "Bức ảnh có thật nhưng được chụp năm 2020 ở một tỉnh khác; việc gắn với sự kiện tuần này gây hiểu nhầm.",
         ["https://example.org/anh-goc-2020"]),
        ("Cảnh báo: tin nhắn giả mạo ngân hàng yêu cầu \"xác minh tài khoản\"", nil, nil,
         "Các tin nhắn mạo danh ngân hàng gửi đường link lạ (như vietcombank-xacminh.top) để đánh cắp mật khẩu và mã OTP. Ngân hàng không bao giờ yêu cầu khách hàng cung cấp OTP. Không bấm vào đường link; gọi tổng đài in trên thẻ.",
         ["https://portal.vietcombank.com.vn", "https://chongluadao.vn"]),
        ("Cảnh báo: giả danh nhân viên điện lực đòi tiền điện, đòi cắt điện", nil, nil,
         "Kẻ gian gọi điện báo khách hàng nợ tiền điện và yêu cầu chuyển khoản ngay để tránh bị cắt điện. Điện lực không thu tiền qua tài khoản cá nhân.",
         ["https://www.evn.com.vn"]),
    ]

    static let indicators: [(String, String, String)] = [
        ("vietcombank-xacminh.top", "phishing", "giả mạo Vietcombank"),
        ("mbbank-khoa-tai-khoan.online", "phishing", "giả mạo MB Bank"),
        ("dichvucong-gov.vn-hoan-thue.site", "phishing", "giả mạo Cổng dịch vụ công"),
        ("https://cutt.ly/vneid-capnhat", "malware", "link tải ứng dụng VNeID giả"),
        ("nhacai88-uytin.win", "gambling", ""),
        ("0889 123 456", "scam", "gọi mạo danh công an"),
        ("account:0071000999888", "scam", "tài khoản nhận tiền lừa đảo"),
    ]
}
