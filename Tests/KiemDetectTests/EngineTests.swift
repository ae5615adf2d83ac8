import KiemDefaults
import KiemDetect
import Testing

@Suite("Engine with the shipped model, rules and policy")
struct EngineTests {
    let session: Engine.Session

    init() throws {
        session = Engine(model: try ShippedDefaults.model(), rules: try ShippedDefaults.rules(), policy: try ShippedDefaults.policy()).session()
    }

    @Test("clean look-alikes stay clean: OTPs, balance and delivery notices, official warnings", arguments: [
        "Ma OTP cua ban la 482913, co hieu luc trong 5 phut. Tuyet doi KHONG chia se ma nay cho bat ky ai.",
        "VCB: Mã xác thực giao dịch của Quý khách là 771203. Không cung cấp mã này cho bất kỳ ai, kể cả nhân viên ngân hàng.",
        "Your Google verification code is 839201. Do not share this code with anyone.",
        "TK 0071000123456 +5,000,000VND luc 10:21 23/11. SD: 12,345,000VND. ND: LUONG THANG 11",
        "Techcombank: TK 1903xxxx5566 -250,000VND luc 08:05 22/11. SD 3,120,500VND. ND: thanh toan hoa don dien",
        "GHN: Đơn hàng GHN8K2L9Q đang được giao, shipper sẽ gọi cho bạn trong hôm nay.",
        "Shopee: Đơn hàng 2311ABCDE đã giao thành công. Vui lòng xác nhận đã nhận hàng trên ứng dụng Shopee.",
        "Vietcombank cảnh báo: ngân hàng không bao giờ yêu cầu khách hàng cung cấp mã OTP, mật khẩu qua điện thoại.",
        "Bộ Công an cảnh báo thủ đoạn giả danh cơ quan điều tra gọi điện yêu cầu chuyển tiền vào tài khoản an toàn.",
        "Điện lực Gò Vấp thông báo lịch ngừng cấp điện ngày 25/11 từ 8h đến 12h để bảo trì lưới điện.",
        "Mai em qua nhà chị lấy đồ nhé, tầm 3h chiều",
        "Cảm ơn anh đã chuyển khoản, em gửi hàng ngay chiều nay",
    ])
    func cleanLookalikes(message: String) {
        let verdict = session.check(message)
        #expect(verdict.top == "clean", "\(message) → \(verdict.top) \(verdict.labels)")
        #expect(verdict.action == .allow)
    }

    @Test("a bank impersonation with a look-alike link is blocked and says why")
    func bankPhishing() {
        let verdict = session.check("Vietcombank thong bao: tai khoan cua quy khach bi tam khoa. Vui long xac minh tai https://vietcombank-xacminh.top ngay")
        #expect(["scam", "phishing"].contains(verdict.top))
        #expect(verdict.action == .block)
        #expect(verdict.signals.contains { $0.name == "lookalike_domain" && $0.value?.contains("Vietcombank") == true })
        #expect(verdict.signals.contains { $0.kind == .rule && $0.name == "impersonates_bank" })
    }

    @Test("words alone warn but never block")
    func wordsDoNotBlock() {
        let verdict = session.check("Chúc mừng bạn đã trúng thưởng xe SH, gọi 0912345678 để nhận thưởng, phí hồ sơ 500k")
        #expect(verdict.top == "scam")
        #expect(verdict.action == .warn)
    }

    @Test("every label appears with a probability in [0, 1]")
    func labelsComplete() {
        let verdict = session.check("Nhà cái uy tín, nạp lần đầu tặng 100%, rút tiền siêu tốc")
        #expect(Set(verdict.labelNames).isSuperset(of: Label.names))
        #expect(verdict.probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(verdict.top == "gambling")
    }

    @Test("APK lures are malware; threats are violence; insults are harassment")
    func otherLabels() {
        #expect(session.check("Cập nhật VNeID mức 2, tải ứng dụng tại http://dichvucong-gov.cc/vneid.apk").top == "malware")
        #expect(session.check("Tao sẽ giết mày nếu mày còn nói nữa").top == "violence")
        #expect(session.check("Đồ ngu, óc chó như mày thì biết gì").top == "harassment")
    }

    @Test("obfuscated scams are still caught: no accents, zero-width, Cyrillic, spaced letters, leetspeak")
    func obfuscated() {
        for text in [
            "Tai khoan V\u{200B}ietcombank cua ban bi kh\u{200D}oa, xac minh tai vcb-xacminh.top",
            "Tài khоản Viеtcombank của bạn bị khоá, xác minh tại vcb-xacminh.top",
            "T.à.i k.h.o.ả.n Vietcombank bị k.h.o.á, xác minh tại vcb-xacminh.top",
            "T4i kh0an Vietc0mbank bi kh0a, xac minh tai vcb-xacminh.top",
        ] {
            let verdict = session.check(text)
            #expect(["scam", "phishing"].contains(verdict.top), "\(text) → \(verdict.top)")
        }
    }

    @Test("listed indicators match exactly and by domain suffix")
    func indicators() throws {
        let (list, rejected) = IndicatorList.parse("""
            # ChongLuaDao-style list
            lua-dao.example
            0987654321
            {"value": "https://evil.example/pay", "label": "scam"}
            not a value
            """)
        #expect(rejected == 1)
        let engine = Engine(model: try ShippedDefaults.model(), rules: try ShippedDefaults.rules(), indicators: list, policy: try ShippedDefaults.policy())
        let session = engine.session()
        let verdict = session.check("Xem ngay tại https://login.lua-dao.example/a hoặc gọi 0987 654 321")
        let listed = verdict.signals.filter { $0.name.hasPrefix("listed_") }.compactMap(\.value)
        #expect(listed.contains("lua-dao.example"))
        #expect(listed.contains("+84987654321"))
        #expect(verdict.action == .block)
        #expect(session.check("Thanh toán tại https://evil.example/pay").signals.contains { $0.name == "listed_url" && $0.label == "scam" })
    }

    @Test("homograph domains spelled with Cyrillic letters are flagged")
    func homograph() {
        let verdict = session.check("Đăng nhập tại vietcombаnk.com.vn để nhận quà")  // Cyrillic а
        #expect(verdict.signals.contains { $0.name == "homograph_domain" })
    }

    @Test("a link one or two letters off a brand's name is a look-alike; other names are not")
    func editDistanceLookalikes() {
        for (link, brand) in [("vietconbank.net", "vietcombank"), ("https://vletcombank-online.com", "vietcombank"),
                              ("techcornbank.xyz", "techcombank"), ("agribamk.com", "agribank"), ("vietinbamk.info", "vietinbank")] {
            let verdict = session.check("Xac minh tai khoan tai \(link)")
            #expect(verdict.signals.contains { $0.name == "lookalike_domain" && $0.value?.lowercased().contains(brand) == true }, "\(link): \(verdict.signals)")
        }
        for link in ["vietnamnet.vn", "thegioididong.com", "bachhoaxanh.com", "bidvest.co.za"] {
            let verdict = session.check("Xem tin tai \(link)")
            #expect(!verdict.signals.contains { $0.name == "lookalike_domain" || $0.name == "brand_in_subdomain" }, "\(link): \(verdict.signals)")
        }
    }

    @Test("a brand's name as a subdomain is told apart from a look-alike registered name, under com.vn too")
    func brandInSubdomain() {
        for (link, name) in [("vietcombank.xacminh-taikhoan.com.vn", "brand_in_subdomain"), ("vietcombank.xacminh.top", "brand_in_subdomain"),
                             ("vietcombank-xacminh.com.vn", "lookalike_domain"), ("secure.vietcombank-xacminh.com.vn", "lookalike_domain")] {
            let verdict = session.check("Xac minh tai khoan tai \(link)")
            #expect(verdict.signals.contains { $0.name == name && $0.value?.hasPrefix(link + " ≈ ") == true }, "\(link): \(verdict.signals)")
        }
    }

    @Test("official domains of protected brands are not look-alikes")
    func officialDomains() {
        let verdict = session.check("Tra cứu tại https://www.vietcombank.com.vn/vi-VN/KHCN và dichvucong.gov.vn")
        #expect(!verdict.signals.contains { $0.name == "lookalike_domain" || $0.name == "brand_in_subdomain" })
    }
}
