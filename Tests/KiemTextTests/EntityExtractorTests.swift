import Testing
import KiemText

@Suite("Entity extraction")
struct EntityExtractorTests {
    let normalizer = Normalizer()

    func entities(_ text: String, _ kind: Entity.Kind) -> [String] {
        EntityExtractor.extract(normalizer.normalize(text)).filter { $0.kind == kind }.map(\.value)
    }

    @Test("links with a scheme, bare domains and defanged links")
    func links() {
        #expect(entities("Truy cập https://vietcombank-vn.top/login?id=1 ngay.", .url) == ["https://vietcombank-vn.top/login?id=1"])
        #expect(entities("Vao vcb-hotro.xyz de xac minh", .domain) == ["vcb-hotro.xyz"])
        #expect(entities("link: hxxps://evil[.]example[.]com/a", .domain) == ["evil.example.com"])
        #expect(entities("www.Shopee.vn/sale", .domain) == ["shopee.vn"])
        #expect(entities("Cảm ơn.Hẹn gặp lại v.v", .url).isEmpty)
    }

    @Test("the link walk jumps from dot to dot and still reads schemes, chained schemes and addresses as a byte-by-byte walk does")
    func linkWalk() {
        // An `http://` whose host is `https` (no dot) is passed over; the next run is a bare domain.
        #expect(entities("xem http://https://abc.com ngay", .url) == ["http://abc.com"])
        #expect(entities("vao https://http://vcb-xacminh.top/login nhe", .url) == ["http://vcb-xacminh.top/login"])
        // Three in a row: the second is passed over as the first one's host, so the third is read as
        // a bare name, not a scheme, and "tophttp" is no known top-level domain.
        #expect(entities("//http://https://http.tophttp", .url).isEmpty)
        #expect(entities("link:http://vietcombank.com.vn.verify-id.top/a", .domain) == ["vietcombank.com.vn.verify-id.top"])
        // An `@` after a space starts nothing; one after a word starts an address.
        #expect(entities("lien he @ admin hoac a@b.vn", .email) == ["a@b.vn"])
        #expect(entities("a .com  x..shop.vn/abc?x=1, ok", .url).isEmpty)
    }

    @Test("e-mail addresses are not mistaken for domains")
    func emails() {
        #expect(entities("gửi về hotro.vcb@gmail.com nhé", .email) == ["hotro.vcb@gmail.com"])
        #expect(entities("gửi về hotro.vcb@gmail.com nhé", .domain).isEmpty)
    }

    @Test("Vietnamese and international phone numbers in E.164")
    func phones() {
        #expect(entities("Gọi 0912 345 678 hoặc 0912.345.679", .phone) == ["+84912345678", "+84912345679"])
        #expect(entities("LH (+84) 987-654-321", .phone) == ["+84987654321"])
        #expect(entities("hotline 19001234", .phone) == ["19001234"])
        #expect(entities("call +44 7911 123456 now", .phone) == ["+447911123456"])
        #expect(entities("số tiền 1.200.000đ", .phone).isEmpty)
    }

    @Test("numbers at the edges of their lengths: country code, landlines, hotlines, too many digits")
    func numberLengths() {
        #expect(entities("Gọi 84912345678 nhé", .phone) == ["+84912345678"])
        #expect(entities("LH 024 3825 1234", .phone) == ["+842438251234"])
        #expect(entities("LH 842438251234", .phone) == ["+842438251234"])
        #expect(entities("tong dai 1800 1234 56", .phone) == ["1800123456"])
        #expect(entities("so 0912345678901234 la gi", .phone).isEmpty)
        #expect(PhoneExtractor.e164("+84 912 345 678") == "+84912345678")
        #expect(PhoneExtractor.e164("0123") == nil)
        // An account has at most 19 digits; a longer run, spaced or not, is no account.
        #expect(entities("CK Vietcombank STK 1234567890123456789 gấp", .bankAccount) == ["vietcombank:1234567890123456789"])
        #expect(entities("CK Vietcombank STK 12345678901234567890 gấp", .bankAccount).isEmpty)
        #expect(entities("CK Vietcombank STK 1234 5678 9012 3456 7890 1234 gấp", .bankAccount).isEmpty)
    }

    @Test("bank accounts with the bank named near them")
    func bankAccounts() {
        #expect(entities("CK vào STK 0071000123456 Vietcombank chủ TK Nguyen Van A", .bankAccount) == ["vietcombank:0071000123456"])
        #expect(entities("Techcombank 1903 5555 6666 77", .bankAccount) == ["techcombank:19035555666677"])
        #expect(entities("Mã đơn hàng 123456789 đã giao", .bankAccount).isEmpty)
    }

    @Test("money amounts in the ways people write them")
    func money() {
        #expect(entities("nhận ngay 5tr", .money) == ["5000000"])
        #expect(entities("chỉ 500k/ngày", .money) == ["500000"])
        #expect(entities("lãi 2 củ mỗi tháng", .money) == ["2000000"])
        #expect(entities("số dư 1.200.000đ", .money) == ["1200000"])
        #expect(entities("vay 5tr5 không thế chấp", .money) == ["5500000"])
        #expect(entities("thưởng 10 triệu", .money) == ["10000000"])
    }

    @Test("requests for an OTP are found, warnings not to share one are not")
    func credentialRequests() {
        #expect(entities("Quý khách vui lòng cung cấp mã OTP để xác nhận hoàn tiền", .credentialRequest) == ["otp"])
        #expect(entities("Vui long doc ma OTP cho nhan vien", .credentialRequest) == ["otp"])
        #expect(entities("Ma OTP cua ban la 482913. KHONG chia se ma nay cho bat ky ai.", .credentialRequest).isEmpty)
        #expect(entities("Ngân hàng không bao giờ yêu cầu cung cấp mã OTP qua điện thoại", .credentialRequest).isEmpty)
        #expect(entities("Please reply with your password to keep your account", .credentialRequest) == ["password"])
    }

    @Test("APK links and install lures")
    func appInstall() {
        #expect(entities("Tải ứng dụng tại http://dichvucong-gov.cc/vneid.apk", .appInstall) == ["http://dichvucong-gov.cc/vneid.apk"])
        #expect(entities("Cài app tại link sau: bit.ly/abc123", .appInstall) == ["cai app"])
        #expect(entities("Hôm nay em tải app mới chơi game", .appInstall).isEmpty)
        // The file name is read before any query or fragment; "apk" elsewhere in a path is not a file.
        #expect(entities("Cap nhat tai http://vneid-capnhat.cc/app.apk?v=2", .appInstall) == ["http://vneid-capnhat.cc/app.apk?v=2"])
        #expect(entities("Xem http://taiapp.cc/setup.exe#buoc-1 nhe", .appInstall) == ["http://taiapp.cc/setup.exe#buoc-1"])
        #expect(entities("Huong dan o http://taiapp.cc/apkpure.html ve may", .appInstall).isEmpty)
    }
}
