/// Top-level domains that make a bare word with dots read as a domain ("vietcombank-vn.top").
///
/// A scheme (`http://`) or `www.` makes any alphabetic TLD acceptable; without one, only these
/// count, so that "nhanh.gọi" or "v.v" are not taken for links.
public enum TopLevelDomains {
    public static let known: Set<String> = [
        "com", "net", "org", "info", "biz", "vn", "me", "io", "co", "xyz", "top", "club", "online", "site",
        "shop", "store", "vip", "live", "fun", "icu", "cc", "tk", "ml", "ga", "cf", "gq", "buzz", "cyou",
        "sbs", "click", "link", "work", "rest", "asia", "pro", "app", "dev", "ly", "gl", "gd", "to", "in",
        "us", "uk", "ru", "cn", "tv", "ws", "bet", "casino", "win", "games", "money", "loan", "today",
        "world", "life", "best", "ltd", "group", "ink", "fyi", "one", "plus", "space", "website", "tech",
        "cloud", "email", "support", "services", "help", "gov", "edu", "mobi", "name", "kr", "jp", "sg",
        "th", "la", "kh", "id", "my", "ph", "hk", "tw", "au", "de", "fr", "eu", "ca", "at", "be", "ch",
        "nl", "se", "pw", "su", "am", "fm", "gg", "im", "is", "lt", "lv", "nu", "st", "vc", "ai", "bio",
        "cam", "cfd", "bond", "quest", "lol", "mom", "hair", "beauty", "skin", "makeup", "boats", "autos",
        "homes", "motorcycles", "yachts", "zip", "mov", "page", "news", "media", "digital", "network",
        "finance", "bank", "credit", "cash", "gold", "vin", "host", "press", "run", "wiki", "uno", "monster",
    ]

    /// Known second-level suffixes under which names are registered (`com.vn`, `gov.vn`).
    public static let publicSecondLevel: Set<String> = [
        "com.vn", "net.vn", "org.vn", "gov.vn", "edu.vn", "info.vn", "biz.vn", "name.vn", "pro.vn",
        "health.vn", "ac.vn", "int.vn", "co.uk", "org.uk", "com.au", "com.sg", "com.cn", "co.jp",
        "co.kr", "com.my", "co.th", "co.id", "com.ph", "com.hk", "com.tw",
    ]

    /// The registrable domain (`vietcombank.com.vn` for `online.vietcombank.com.vn`).
    public static func registrable(_ host: String) -> String {
        let labels = Self.labels(of: host)
        guard labels.count > 2 else { return host }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        if publicSecondLevel.contains(lastTwo) { return labels.suffix(3).joined(separator: ".") }
        return lastTwo
    }

    /// The labels of a host name ("a.b.vn" → a, b, vn), split on its bytes (a dot is ASCII, so
    /// the pieces are whole characters): much cheaper than splitting on Characters.
    public static func labels(of host: String) -> [Substring] {
        var labels: [Substring] = []
        var start = host.startIndex
        let bytes = host.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: ".") {
                labels.append(host[start..<index])
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        labels.append(host[start...])
        return labels
    }
}
