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

    /// How many of a host's last labels make its registrable domain (`vietcombank.com.vn` of
    /// `online.vietcombank.com.vn`): three under a public second-level suffix (`com.vn`), else
    /// two, or all of a shorter host. Read from the host's bytes.
    public static func registrableLabelCount(host: UnsafeBufferPointer<UInt8>) -> Int {
        var dots = 0
        var secondLastDot = -1
        var index = host.count - 1
        while index >= 0 {
            if host[index] == UInt8(ascii: ".") {
                dots += 1
                if dots == 2 { secondLastDot = index }
                if dots == 3 { break }
            }
            index -= 1
        }
        guard dots >= 2 else { return dots + 1 }
        let lastTwo = String(decoding: UnsafeBufferPointer(rebasing: host[(secondLastDot + 1)...]), as: UTF8.self)
        return publicSecondLevel.contains(lastTwo) ? 3 : 2
    }
}
