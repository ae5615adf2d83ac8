import KiemText

/// Signals from the links in a message: look-alikes of protected brands (by skeleton, edit
/// distance, brand in a subdomain, hyphenated brand names), raw IP hosts, risky TLDs and URL
/// shorteners (weak signals).
public struct LinkSignals: Sendable {
    public var brands: [ProtectedBrand]
    private let officialDomains: Set<String>
    /// The skeletons of every brand token back to back; each token as its range and its brand's
    /// index in `brands`. Plain integers, so looking a label up touches no reference count that
    /// threads checking at once would share.
    private let tokenBytes: [UInt8]
    private let tokens: [(skeleton: Range<Int>, brand: Int)]

    public static let riskyTLDs: Set<String> = [
        "top", "xyz", "club", "online", "site", "icu", "vip", "shop", "cc", "tk", "ml", "ga", "cf", "gq", "buzz",
        "cyou", "sbs", "live", "fun", "click", "link", "work", "rest", "bond", "cfd", "quest", "lol", "monster", "pw", "win", "bet",
    ]
    public static let shorteners: Set<String> = [
        "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "is.gd", "cutt.ly", "rb.gy", "shorturl.at", "s.id", "t.ly",
        "tiny.cc", "ow.ly", "rebrand.ly", "v.ht", "shorten.asia", "urlz.vn", "bom.so", "hi.switchy.io", "gg.gg",
    ]

    public init(brands: [ProtectedBrand] = ProtectedBrand.defaults) {
        self.brands = brands
        officialDomains = Set(brands.flatMap(\.official))
        var tokenBytes: [UInt8] = []
        var tokens: [(skeleton: Range<Int>, brand: Int)] = []
        for (index, brand) in brands.enumerated() {
            for token in brand.tokens {
                let start = tokenBytes.count
                tokenBytes += Self.skeletonBytes(Array(token.utf8)[...])
                tokens.append((start..<tokenBytes.count, index))
            }
        }
        self.tokenBytes = tokenBytes
        self.tokens = tokens
    }

    /// The skeleton of a domain label: digits and pairs read as the letters they imitate
    /// (0→o, 1→l, 3→e, 4→a, 5→s, rn→m, vv→w), hyphens removed.
    static func skeletonBytes(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte == 0x72 && index + 1 < end && bytes[index + 1] == 0x6E { out.append(0x6D); index += 2; continue }
            if byte == 0x76 && index + 1 < end && bytes[index + 1] == 0x76 { out.append(0x77); index += 2; continue }
            switch byte {
            case 0x30: out.append(0x6F)
            case 0x31: out.append(0x6C)
            case 0x33: out.append(0x65)
            case 0x34: out.append(0x61)
            case 0x35: out.append(0x73)
            case 0x2D, 0x5F: break
            default: out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// Whether `host` is, or is under, a brand's real domain.
    public func isOfficial(_ host: String) -> Bool {
        if officialDomains.contains(host) { return true }
        var rest = Substring(host)
        while let dot = rest.utf8.firstIndex(of: UInt8(ascii: ".")) {
            rest = rest[rest.utf8.index(after: dot)...]
            if officialDomains.contains(String(rest)) { return true }
        }
        return false
    }

    /// Signals for every domain entity of a message. `original` is the message as received, lower
    /// case, given when normalization replaced look-alike letters: a domain that appears only after
    /// folding was spelled with Cyrillic or Greek letters (a homograph).
    public func signals(for entities: [Entity], original: String?) -> [Signal] {
        var signals: [Signal] = []
        for entity in entities where entity.kind == .domain {
            let host = entity.value
            if let original, !Self.contains(Array(original.utf8), Array(host.utf8)) {
                signals.append(Signal(kind: .indicator, name: "homograph_domain", label: "phishing", weight: 3.5, value: host))
                continue
            }
            if isOfficial(host) { continue }
            if Self.shorteners.contains(host) {
                signals.append(Signal(kind: .indicator, name: "url_shortener", label: "phishing", weight: 0.6, value: host))
                continue
            }
            let labels = Array(host.utf8).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            if labels.allSatisfy({ $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) {
                signals.append(Signal(kind: .indicator, name: "ip_address_link", label: "phishing", weight: 1.5, value: host))
                continue
            }
            let nameLabels = labels.dropLast(TopLevelDomains.registrableLabelCount(labels) - 1)
            for (position, label) in nameLabels.enumerated() {
                if let brand = imitatedBrand(label) {
                    let inSubdomain = position < nameLabels.count - 1
                    signals.append(Signal(kind: .indicator, name: inSubdomain ? "brand_in_subdomain" : "lookalike_domain",
                                          label: "phishing", weight: inSubdomain ? 2.5 : 3.0, value: "\(host) ≈ \(brand)"))
                    break
                }
            }
            if let last = labels.last, case let tld = String(decoding: last, as: UTF8.self), Self.riskyTLDs.contains(tld) {
                signals.append(Signal(kind: .indicator, name: "risky_tld", label: "phishing", weight: 0.5, value: "." + tld))
            }
        }
        return signals
    }

    /// The brand a domain label imitates, if any.
    func imitatedBrand(_ bytes: ArraySlice<UInt8>) -> String? {
        let whole = Self.skeletonBytes(bytes)
        // Without a hyphen the one part is the whole label.
        let parts = bytes.contains(0x2D) ? bytes.split(separator: 0x2D).map(Self.skeletonBytes) : [whole]
        let found: Int? = tokenBytes.withUnsafeBufferPointer { tokenBytes in
            tokens.withUnsafeBufferPointer { tokens in
                for (range, brand) in tokens {
                    let token = UnsafeBufferPointer(rebasing: tokenBytes[range])
                    // Exact brand token as the label or one hyphenated part: vcb-hotro, vietcombank-vn.
                    if whole.elementsEqual(token) || parts.contains(where: { $0.elementsEqual(token) }) { return brand }
                    guard token.count >= 5 else { continue }
                    // Brand glued to other words: myvietcombankvn, vietcombankonline.
                    if whole.count > token.count && Self.contains(whole, token) { return brand }
                    // One or two letters off: vietconbank, techcornbank (rn → m is in the skeleton).
                    let allowed = token.count >= 9 ? 2 : 1
                    for part in parts where abs(part.count - token.count) <= allowed {
                        if Self.editDistance(part, token, limit: allowed) <= allowed { return brand }
                    }
                    if parts.count > 1 && abs(whole.count - token.count) <= allowed && Self.editDistance(whole, token, limit: allowed) <= allowed {
                        return brand
                    }
                }
                return nil
            }
        }
        return found.map { brands[$0].name }
    }

    static func contains(_ haystack: [UInt8], _ needle: some RandomAccessCollection<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[needle.startIndex]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Levenshtein distance, stopping early once it exceeds `limit`. The two rows live on the
    /// stack: it runs for every brand token against every label of every link.
    static func editDistance(_ x: [UInt8], _ y: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        let width = y.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { buffer in
            var previous = buffer.baseAddress!
            var current = previous + width
            for j in 0..<width { previous[j] = j }
            for i in 1...x.count {
                current[0] = i
                var rowMinimum = i
                let byte = x[i - 1]
                for j in 1..<width {
                    let cost = byte == y[j - 1] ? 0 : 1
                    let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    current[j] = value
                    if value < rowMinimum { rowMinimum = value }
                }
                if rowMinimum > limit { return limit + 1 }
                swap(&previous, &current)
            }
            return previous[y.count]
        }
    }
}
