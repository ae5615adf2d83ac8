/// The harm labels of Kiem (see DESIGN.md). There is no label for opinion, and
/// misinformation is not a label: it comes only from a match with a published fact-check.
public enum Label: String, CaseIterable, Sendable, Codable {
    case scam, phishing, malware, spam, gambling, sexual, violence, harassment

    /// The Vietnamese name shown to people.
    public var vietnamese: String {
        switch self {
        case .scam: "lừa đảo"
        case .phishing: "giả mạo, đánh cắp thông tin"
        case .malware: "mã độc"
        case .spam: "tin rác, quảng cáo"
        case .gambling: "cờ bạc, cá độ"
        case .sexual: "khiêu dâm"
        case .violence: "bạo lực, đe dọa"
        case .harassment: "xúc phạm, thù ghét"
        }
    }

    /// The label names in DESIGN.md order.
    public static let names: [String] = allCases.map(\.rawValue)
}
