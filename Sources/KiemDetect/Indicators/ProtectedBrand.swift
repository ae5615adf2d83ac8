/// A brand that scammers imitate, with the names used for it in domains and its real domains.
public struct ProtectedBrand: Sendable, Equatable {
    public var name: String
    /// Tokens that stand for the brand in a domain label (`vietcombank`, `vcb`).
    public var tokens: [String]
    /// Registrable domains that really belong to the brand.
    public var official: [String]

    public init(name: String, tokens: [String], official: [String]) {
        self.name = name
        self.tokens = tokens
        self.official = official
    }

    /// Banks, e-wallets, carriers, public services and shops that Vietnamese scams impersonate.
    public static let defaults: [ProtectedBrand] = [
        .init(name: "Vietcombank", tokens: ["vietcombank", "vcb", "vcbdigibank"], official: ["vietcombank.com.vn", "vcbdigibank.vn"]),
        .init(name: "Techcombank", tokens: ["techcombank", "tcb"], official: ["techcombank.com.vn", "techcombank.com"]),
        .init(name: "MB Bank", tokens: ["mbbank", "mbank"], official: ["mbbank.com.vn", "mbbank.vn"]),
        .init(name: "Agribank", tokens: ["agribank"], official: ["agribank.com.vn"]),
        .init(name: "BIDV", tokens: ["bidv"], official: ["bidv.com.vn", "bidv.vn"]),
        .init(name: "VietinBank", tokens: ["vietinbank", "viettinbank"], official: ["vietinbank.vn", "vietinbank.com.vn"]),
        .init(name: "TPBank", tokens: ["tpbank"], official: ["tpb.vn", "tpbank.vn", "tpbank.com.vn"]),
        .init(name: "ACB", tokens: ["acb"], official: ["acb.com.vn"]),
        .init(name: "Sacombank", tokens: ["sacombank"], official: ["sacombank.com.vn", "sacombank.com"]),
        .init(name: "VPBank", tokens: ["vpbank"], official: ["vpbank.com.vn", "vpbank.vn"]),
        .init(name: "HDBank", tokens: ["hdbank"], official: ["hdbank.com.vn"]),
        .init(name: "MoMo", tokens: ["momo"], official: ["momo.vn"]),
        .init(name: "ZaloPay", tokens: ["zalopay"], official: ["zalopay.vn"]),
        .init(name: "Zalo", tokens: ["zalo"], official: ["zalo.me", "zalo.vn", "zaloapp.com"]),
        .init(name: "VNPay", tokens: ["vnpay"], official: ["vnpay.vn"]),
        .init(name: "Viettel", tokens: ["viettel", "viettelpay", "viettelmoney"], official: ["viettel.vn", "viettel.com.vn", "viettelmoney.vn", "vietteltelecom.vn"]),
        .init(name: "VNPT", tokens: ["vnpt"], official: ["vnpt.vn", "vnpt.com.vn"]),
        .init(name: "MobiFone", tokens: ["mobifone"], official: ["mobifone.vn"]),
        .init(name: "Vinaphone", tokens: ["vinaphone"], official: ["vinaphone.com.vn"]),
        .init(name: "EVN", tokens: ["evn", "evnhcmc", "evnhanoi", "evnspc", "evnnpc", "evncpc"], official: ["evn.com.vn", "evnhcmc.vn", "evnhanoi.vn", "evnspc.vn", "evnnpc.vn", "evncpc.vn"]),
        .init(name: "VNeID", tokens: ["vneid"], official: ["vneid.gov.vn"]),
        .init(name: "Dịch vụ công", tokens: ["dichvucong"], official: ["dichvucong.gov.vn"]),
        .init(name: "BHXH", tokens: ["bhxh", "baohiemxahoi"], official: ["baohiemxahoi.gov.vn", "bhxh.gov.vn"]),
        .init(name: "Tổng cục Thuế", tokens: ["gdt", "thuedientu", "tongcucthue"], official: ["gdt.gov.vn", "thuedientu.gdt.gov.vn"]),
        .init(name: "Bộ Công an", tokens: ["bocongan", "congan"], official: ["bocongan.gov.vn", "canhsatgiaothong.vn"]),
        .init(name: "Shopee", tokens: ["shopee"], official: ["shopee.vn", "shopee.com", "shp.ee"]),
        .init(name: "Lazada", tokens: ["lazada"], official: ["lazada.vn", "lazada.com"]),
        .init(name: "Tiki", tokens: ["tiki"], official: ["tiki.vn"]),
        .init(name: "Giao Hàng Nhanh", tokens: ["ghn", "giaohangnhanh"], official: ["ghn.vn"]),
        .init(name: "Giao Hàng Tiết Kiệm", tokens: ["ghtk", "giaohangtietkiem"], official: ["ghtk.vn"]),
        .init(name: "Vietnam Post", tokens: ["vnpost", "vietnampost"], official: ["vnpost.vn"]),
        .init(name: "Vietnam Airlines", tokens: ["vietnamairlines"], official: ["vietnamairlines.com"]),
        .init(name: "Facebook", tokens: ["facebook"], official: ["facebook.com", "fb.com", "fb.me", "messenger.com"]),
        .init(name: "Apple", tokens: ["appleid", "icloud"], official: ["apple.com", "icloud.com"]),
        .init(name: "PayPal", tokens: ["paypal"], official: ["paypal.com"]),
    ]
}
