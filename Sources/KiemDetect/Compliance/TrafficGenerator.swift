/// Generates realistic advertising and ordinary SMS, e-mail and call traffic with planted
/// violations of every Decree 91 rule, and knows by construction which records break which
/// rule: the test set of `kiem compliance` and the input of its benchmark.
///
/// Every planted case sits at a boundary where one exists: SMS at 07:00:00 and 22:00:00 exactly
/// (allowed) and at 06:59:59 and 22:00:01 (not); the fourth SMS to one recipient 23 h 59 min after
/// the first (a breach) and the next one 24 h after (not); a call at 08:00 and 17:00 (allowed)
/// and at 17:00:01 (not). Ordinary traffic includes one-time codes and a spam source that
/// sends one scam text to many recipients.
public struct TrafficGenerator {
    /// A generated record and the rules it breaks.
    public struct Planted: Sendable {
        public var json: String
        public var id: String
        public var rules: Set<ComplianceRule>
    }

    public static let brandnames = ["VIETTEL", "VINAPHONE", "MOBIFONE", "SHOPEE", "LAZADA", "TIKI", "FPTSHOP", "THEGIOIDIDONG",
                                    "HIGHLANDS", "VIETJETAIR", "BAMBOO", "CGV", "GUARDIAN", "PNJ", "DIENMAYXANH", "VINMART"]
    /// Registered, but for SMS only.
    public static let smsOnlyBrandname = "BACHHOAXANH"
    public static let unregisteredSender = "KHUYENMAI24H"
    public static let doNotCall = (0..<200).map { "09870\(String(10000 + $0).suffix(5))" }

    static let offers = [
        "Sale 11.11 giam den 50% toan bo san pham dien thoai, tra gop 0% tai cua hang gan ban. Chi tiet: https://shop.example.vn/sale",
        "Uu dai thang 11: mua 1 tang 1 do uong size L tu 14h-17h moi ngay tai cac cua hang tren toan quoc.",
        "Goi cuoc 5G moi: 6GB/ngay chi 150.000d/thang. Soan DK 5G150 gui 191 de dang ky.",
        "Ve may bay gia tu 199.000d cho hanh trinh noi dia, dat ngay hom nay de giu cho.",
        "Khuyến mãi cuối tuần: giảm 30% trang sức vàng 18K, tặng voucher 500.000đ cho hóa đơn từ 5 triệu.",
        "Ưu đãi học tiếng Anh: học thử miễn phí 2 buổi, giảm 40% học phí khóa 6 tháng. Đăng ký: https://hoc.example.vn",
        "Black Friday: giam them 20% cho the thanh vien, mien phi giao hang don tu 300K.",
        "Rap phim CGV: ve 2D chi 55.000d vao thu Ba hang tuan, ap dung toan quoc.",
    ]
    static let optOuts = ["Tu choi QC soan TC gui 9123", "Soạn TC gửi 1090 để từ chối nhận quảng cáo", "De huy nhan tin soan HUY gui 8088",
                          "Ngung nhan tin nhan quang cao: soan TC gui 5454"]
    static let scam = "Tai khoan cua ban bi khoa do vi pham, truy cap https://vcb-xacminh.top de mo khoa ngay"

    private var state: UInt64
    private var counter = 0
    /// 2026-11-02T00:00:00+07:00, a Monday, in UTC milliseconds.
    static let start: Int64 = 1_793_552_400_000

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// The registry file for the brandname rule.
    public static var brandnameRegistry: String {
        (brandnames + ["VIETCOMBANK", "OTPSERVICE"]).joined(separator: "\n") + "\n\(smsOnlyBrandname),sms\n"
    }

    static func local(day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Int64 {
        start + Int64(day) * 86_400_000 + Int64((hour * 3600 + minute * 60 + second) * 1000)
    }

    static func iso(_ milliseconds: Int64) -> String { Timestamp.utcString(milliseconds: milliseconds, offsetSeconds: 7 * 3600) }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    mutating func record(_ channel: SendingRecord.Channel, sender: String, recipient: String, at time: Int64, text: String?,
                         subject: String? = nil, consent: Bool? = nil, advertising: Bool? = nil, rules: Set<ComplianceRule> = []) -> Planted {
        counter += 1
        let id = "r\(counter)"
        var json = "{\"id\":\"\(id)\",\"channel\":\"\(channel.name)\",\"sender\":\"\(sender)\",\"recipient\":\"\(recipient)\",\"sent_at\":\"\(Self.iso(time))\""
        if let text { json += ",\"text\":\"\(Self.escape(text))\"" }
        if let subject { json += ",\"subject\":\"\(Self.escape(subject))\"" }
        if let consent { json += ",\"consent\":\(consent)" }
        if let advertising { json += ",\"advertising\":\(advertising)" }
        return Planted(json: json + "}", id: id, rules: rules)
    }

    mutating func adText(label: Bool = true, optOut: Bool = true) -> String {
        let labels = ["[QC] ", "QC: ", "QC "]
        return (label ? labels[below(labels.count)] : "") + Self.offers[below(Self.offers.count)] + (optOut ? " " + Self.optOuts[below(Self.optOuts.count)] : "")
    }

    /// A subscriber of a pool of 300,000, so that some receive several campaigns in a day.
    mutating func subscriber() -> String { "09" + String(10_000_000 + below(300_000)) }

    mutating func recipient() -> String {
        let prefixes = ["090", "091", "093", "096", "097", "098", "032", "035", "070", "077", "081", "086"]
        return prefixes[below(prefixes.count)] + String(1_000_000 + below(9_000_000))
    }

    /// A set with every rule planted at its boundaries, `scale` times over, and clean traffic around it.
    public mutating func plantedSet(scale: Int) -> [Planted] {
        var out: [Planted] = []
        for round in 0..<scale {
            let day = round % 20
            let brand = Self.brandnames[round % Self.brandnames.count]
            // Hours: boundaries allowed, one second outside not.
            out.append(record(.sms, sender: brand, recipient: recipient(), at: Self.local(day: day, 7, 0, 0), text: adText()))
            out.append(record(.sms, sender: brand, recipient: recipient(), at: Self.local(day: day, 22, 0, 0), text: adText()))
            out.append(record(.sms, sender: brand, recipient: recipient(), at: Self.local(day: day, 6, 59, 59), text: adText(), rules: [.hours]))
            out.append(record(.sms, sender: brand, recipient: recipient(), at: Self.local(day: day, 22, 0, 1), text: adText(), rules: [.hours]))
            out.append(record(.sms, sender: brand, recipient: recipient(), at: Self.local(day: day, 23, 30, 0), text: adText(), rules: [.hours]))
            out.append(record(.call, sender: brand, recipient: recipient(), at: Self.local(day: day, 8, 0, 0), text: nil))
            out.append(record(.call, sender: brand, recipient: recipient(), at: Self.local(day: day, 17, 0, 0), text: nil))
            out.append(record(.call, sender: brand, recipient: recipient(), at: Self.local(day: day, 17, 0, 1), text: nil, rules: [.hours]))
            out.append(record(.call, sender: brand, recipient: recipient(), at: Self.local(day: day, 7, 59, 0), text: nil, rules: [.hours]))
            // Frequency: four SMS within 23 h 59 min (the fourth breaks it), the next 24 h after the second.
            let target = recipient()
            let first = Self.local(day: day, 9, 0, 0)
            for (offset, breaks) in [(0, false), (3_600_000, false), (7_200_000, false), (86_340_000, true), (86_400_000 + 3_600_000, false)] {
                out.append(record(.sms, sender: brand, recipient: target, at: first + Int64(offset), text: adText(), rules: breaks ? [.frequency] : []))
            }
            // Three e-mails a day for three days: never more than three in a window.
            let mailbox = "khach\(round)@example.vn"
            for dayOffset in 0..<3 {
                for hour in [8, 12, 20] {
                    out.append(record(.email, sender: "news@\(brand.lowercased()).vn", recipient: mailbox, at: Self.local(day: day + dayOffset, hour, 0, 0),
                                      text: adText(label: false), subject: "[QC] Uu dai danh cho ban"))
                }
            }
            // A second call within 24 hours breaks the one-call cap; two calls at the same second both do.
            let called = recipient()
            out.append(record(.call, sender: brand, recipient: called, at: Self.local(day: day, 9, 0, 0), text: nil))
            out.append(record(.call, sender: brand, recipient: called, at: Self.local(day: day, 15, 0, 0), text: nil, rules: [.frequency]))
            out.append(record(.call, sender: brand, recipient: called, at: Self.local(day: day + 1, 9, 0, 0), text: nil, rules: [.frequency]))
            out.append(record(.call, sender: brand, recipient: called, at: Self.local(day: day + 2, 9, 0, 1), text: nil))
            let twice = recipient()
            out.append(record(.call, sender: brand, recipient: twice, at: Self.local(day: day, 10, 0, 0), text: nil, rules: [.frequency]))
            out.append(record(.call, sender: brand, recipient: twice, at: Self.local(day: day, 10, 0, 0), text: nil, rules: [.frequency]))
            // Label, opt-out, DNC, brandname, consent.
            out.append(record(.sms, sender: brand, recipient: recipient(), at: Self.local(day: day, 10, 0, 0), text: adText(label: false), advertising: true, rules: [.label]))
            out.append(record(.sms, sender: brand, recipient: recipient(), at: Self.local(day: day, 10, 5, 0), text: "QCOM " + adText(label: false), advertising: true, rules: [.label]))
            out.append(record(.sms, sender: brand, recipient: recipient(), at: Self.local(day: day, 10, 10, 0), text: adText(optOut: false), rules: [.optOut]))
            out.append(record(.email, sender: "news@\(brand.lowercased()).vn", recipient: "b\(round)@example.vn", at: Self.local(day: day, 10, 15, 0),
                              text: Self.offers[round % Self.offers.count], subject: "[QC] Khuyen mai", rules: [.optOut]))
            out.append(record(.sms, sender: brand, recipient: Self.doNotCall[round % Self.doNotCall.count], at: Self.local(day: day, 11, 0, 0), text: adText(), rules: [.dnc]))
            out.append(record(.call, sender: brand, recipient: "+84 " + Self.doNotCall[(round + 7) % Self.doNotCall.count].dropFirst(), at: Self.local(day: day, 11, 0, 0), text: nil, rules: [.dnc]))
            out.append(record(.sms, sender: Self.unregisteredSender, recipient: recipient(), at: Self.local(day: day, 12, 0, 0), text: adText(), rules: [.brandname]))
            out.append(record(.sms, sender: "0912" + String(100_000 + round), recipient: recipient(), at: Self.local(day: day, 12, 5, 0), text: adText(), rules: [.brandname]))
            out.append(record(.sms, sender: Self.smsOnlyBrandname.lowercased(), recipient: recipient(), at: Self.local(day: day, 12, 10, 0), text: adText()))
            out.append(record(.call, sender: Self.smsOnlyBrandname, recipient: recipient(), at: Self.local(day: day, 12, 15, 0), text: nil, rules: [.brandname]))
            out.append(record(.sms, sender: brand, recipient: recipient(), at: Self.local(day: day, 13, 0, 0), text: adText(), consent: false, rules: [.consent]))
            out.append(record(.sms, sender: brand, recipient: recipient(), at: Self.local(day: day, 13, 5, 0), text: adText(), consent: true))
            // Several rules at once.
            out.append(record(.sms, sender: Self.unregisteredSender, recipient: Self.doNotCall[(round + 3) % Self.doNotCall.count], at: Self.local(day: day, 23, 15, 0),
                              text: Self.offers[round % Self.offers.count], advertising: true, rules: [.hours, .label, .optOut, .dnc, .brandname]))
            // Ordinary traffic: one-time codes at night to numbers on the DNC list, from a bank, are not advertising.
            out.append(record(.sms, sender: "VIETCOMBANK", recipient: Self.doNotCall[(round + 5) % Self.doNotCall.count], at: Self.local(day: day, 23, 40, 0),
                              text: "Ma OTP cua Quy khach la \(100_000 + below(900_000)). Tuyet doi KHONG cung cap ma nay cho bat ky ai.", advertising: false))
        }
        // Shuffle: records arrive in any order.
        for index in stride(from: out.count - 1, to: 0, by: -1) { out.swapAt(index, below(index + 1)) }
        return out
    }

    /// One line of benchmark traffic: mostly labelled campaigns from registered brandnames at
    /// allowed hours, some unlabelled or late ones, one-time codes, and a spam source.
    public mutating func benchmarkLine() -> String {
        let roll = below(1000)
        let day = below(30)
        let time = Self.local(day: day, 6 + below(17), below(60), below(60))
        let brand = Self.brandnames[below(Self.brandnames.count)]
        let planted: Planted
        switch roll {
        case 0..<820:
            planted = record(.sms, sender: brand, recipient: subscriber(), at: time, text: Self.campaign(brand: brand, number: below(40)))
        case 820..<860:
            planted = record(.sms, sender: brand, recipient: subscriber(), at: time, text: adText(label: below(2) == 0, optOut: below(2) == 0), advertising: true)
        case 860..<900:
            planted = record(.email, sender: "news@\(brand.lowercased()).vn", recipient: "kh\(below(2_000_000))@example.vn", at: time,
                             text: Self.campaign(brand: brand, number: below(40)), subject: "[QC] Uu dai thang 11")
        case 900..<930:
            planted = record(.call, sender: brand, recipient: subscriber(), at: time, text: nil)
        case 930..<990:
            planted = record(.sms, sender: "VIETCOMBANK", recipient: subscriber(), at: time,
                             text: "Ma OTP cua Quy khach la \(100_000 + below(900_000)). Tuyet doi KHONG cung cap ma nay cho bat ky ai.", advertising: false)
        default:
            planted = record(.sms, sender: "0901" + String(100_000 + below(20)), recipient: subscriber(), at: time, text: Self.scam)
        }
        return planted.json
    }

    static func campaign(brand: String, number: Int) -> String {
        "[QC] \(brand): " + offers[(brand.utf8.count + number) % offers.count] + " Ma uu dai \(brand)\(number). " + optOuts[number % optOuts.count]
    }
}
