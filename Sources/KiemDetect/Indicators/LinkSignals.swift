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
    /// For each token, the ``byteMask(_:)`` of its skeleton.
    private let tokenMasks: [UInt64]
    /// Tokens of five bytes or more (those that count when glued to other words), by their first
    /// byte: `gluedTokens[gluedStarts[b]..<gluedStarts[b + 1]]` are the indices in `tokens` of those
    /// starting with byte `b`. A label is searched for them in one pass instead of once per token.
    private let gluedStarts: [Int32]
    private let gluedTokens: [Int32]

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
        tokenMasks = tokens.map { token in tokenBytes.withUnsafeBufferPointer { Self.byteMask(UnsafeBufferPointer(rebasing: $0[token.skeleton])) } }
        var byFirstByte = [[Int32]](repeating: [], count: 256)
        for (index, token) in tokens.enumerated() where token.skeleton.count >= 5 {
            byFirstByte[Int(tokenBytes[token.skeleton.lowerBound])].append(Int32(index))
        }
        gluedStarts = byFirstByte.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        gluedTokens = byFirstByte.flatMap { $0 }
    }

    /// The skeleton of a domain label: digits and pairs read as the letters they imitate
    /// (0→o, 1→l, 3→e, 4→a, 5→s, rn→m, vv→w), hyphens removed.
    static func skeletonBytes(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.withUnsafeBufferPointer { bytes in
            [UInt8](unsafeUninitializedCapacity: max(1, bytes.count)) { buffer, count in
                count = appendSkeleton(bytes, to: buffer, at: 0)
            }
        }
    }

    /// Writes the skeleton of `bytes` into `buffer` from `offset` (it never grows: pairs shrink,
    /// hyphens vanish) and returns where it ends.
    static func appendSkeleton(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var out = offset
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == 0x72 && index + 1 < end && bytes[index + 1] == 0x6E { buffer[out] = 0x6D; out += 1; index += 2; continue }
            if byte == 0x76 && index + 1 < end && bytes[index + 1] == 0x76 { buffer[out] = 0x77; out += 1; index += 2; continue }
            switch byte {
            case 0x30: buffer[out] = 0x6F; out += 1
            case 0x31: buffer[out] = 0x6C; out += 1
            case 0x33: buffer[out] = 0x65; out += 1
            case 0x34: buffer[out] = 0x61; out += 1
            case 0x35: buffer[out] = 0x73; out += 1
            case 0x2D, 0x5F: break
            default: buffer[out] = byte; out += 1
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
            // The host's bytes in place (a domain entity is a native string): no copy, no label array.
            var hostBytes = host
            hostBytes.withUTF8 { bytes in
                let labelCount = bytes.count(where: { $0 == UInt8(ascii: ".") }) + 1
                if bytes.allSatisfy({ $0 == UInt8(ascii: ".") || $0 >= 0x30 && $0 <= 0x39 }) {
                    signals.append(Signal(kind: .indicator, name: "ip_address_link", label: "phishing", weight: 1.5, value: host))
                    return
                }
                let lastDot = bytes.lastIndex(of: UInt8(ascii: ".")) ?? -1
                // The labels before the registrable suffix, and the label before that suffix: the name.
                let nameLabelCount = labelCount - (TopLevelDomains.registrableLabelCount(host: bytes) - 1)
                var position = 0
                var start = 0
                for index in 0...bytes.count where position < nameLabelCount {
                    guard index == bytes.count || bytes[index] == UInt8(ascii: ".") else { continue }
                    if let brand = imitatedBrand(UnsafeBufferPointer(rebasing: bytes[start..<index])) {
                        let inSubdomain = position < nameLabelCount - 1
                        signals.append(Signal(kind: .indicator, name: inSubdomain ? "brand_in_subdomain" : "lookalike_domain",
                                              label: "phishing", weight: inSubdomain ? 2.5 : 3.0, value: "\(host) ≈ \(brand)"))
                        break
                    }
                    position += 1
                    start = index + 1
                }
                let tld = String(decoding: UnsafeBufferPointer(rebasing: bytes[(lastDot + 1)...]), as: UTF8.self)
                if Self.riskyTLDs.contains(tld) {
                    signals.append(Signal(kind: .indicator, name: "risky_tld", label: "phishing", weight: 0.5, value: "." + tld))
                }
            }
        }
        return signals
    }

    /// The brand a domain label imitates, if any. The label's skeleton and the skeletons of its
    /// hyphen-separated parts are one buffer on the stack: hyphens leave the skeleton, so the
    /// whole label's skeleton is its parts' skeletons back to back.
    func imitatedBrand(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let found: Int? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { buffer in
            // Where each part ends in the skeleton; a label has at most 63 bytes, so 32 parts.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: bytes.count / 2 + 2) { partEnds in
                var length = 0
                var parts = 0
                var partStart = 0
                var index = 0
                while index <= bytes.count {
                    if index == bytes.count || bytes[index] == 0x2D {
                        // Empty parts (two hyphens in a row, a hyphen at an end) are not parts.
                        if index > partStart {
                            length = Self.appendSkeleton(UnsafeBufferPointer(rebasing: bytes[partStart..<index]), to: buffer, at: length)
                            partEnds[parts] = length
                            parts += 1
                        }
                        partStart = index + 1
                    }
                    index += 1
                }
                let whole = UnsafeBufferPointer(start: buffer.baseAddress, count: length)
                // Without a hyphen, the one part is the whole label.
                let hyphenated = bytes.contains(0x2D)
                func part(_ number: Int) -> UnsafeBufferPointer<UInt8> {
                    let start = number == 0 ? 0 : partEnds[number - 1]
                    return UnsafeBufferPointer(rebasing: whole[start..<partEnds[number]])
                }
                let partCount = hyphenated ? parts : 1
                let wholeMask = Self.byteMask(whole)
                return tokenBytes.withUnsafeBufferPointer { tokenBytes in
                    tokens.withUnsafeBufferPointer { tokens -> Int? in
                        // The first token (in order) found inside the label, from one pass over it.
                        var firstGlued = Int.max
                        gluedStarts.withUnsafeBufferPointer { starts in
                            gluedTokens.withUnsafeBufferPointer { glued in
                                for position in whole.indices {
                                    let first = Int(whole[position])
                                    for candidate in Int(starts[first])..<Int(starts[first + 1]) {
                                        let index = Int(glued[candidate])
                                        let range = tokens[index].skeleton
                                        guard index < firstGlued, range.count < whole.count, position + range.count <= whole.count else { continue }
                                        if Self.same(UnsafeBufferPointer(rebasing: whole[position..<position + range.count]),
                                                     UnsafeBufferPointer(rebasing: tokenBytes[range])) { firstGlued = index }
                                    }
                                }
                            }
                        }
                        for (index, (range, brand)) in tokens.enumerated() {
                            let token = UnsafeBufferPointer(rebasing: tokenBytes[range])
                            // Exact brand token as the label or one hyphenated part: vcb-hotro, vietcombank-vn.
                            if Self.same(whole, token) { return brand }
                            if hyphenated && (0..<partCount).contains(where: { Self.same(part($0), token) }) { return brand }
                            guard token.count >= 5 else { continue }
                            // Brand glued to other words: myvietcombankvn, vietcombankonline.
                            if index == firstGlued { return brand }
                            // One or two letters off: vietconbank, techcornbank (rn → m is in the skeleton).
                            let allowed = token.count >= 9 ? 2 : 1
                            let tokenMask = tokenMasks[index]
                            for number in 0..<partCount {
                                let candidate = hyphenated ? part(number) : whole
                                if abs(candidate.count - token.count) <= allowed
                                    && Self.mayBeWithin(allowed, hyphenated ? Self.byteMask(candidate) : wholeMask, tokenMask)
                                    && Self.editDistance(candidate, token, limit: allowed) <= allowed {
                                    return brand
                                }
                            }
                            if partCount > 1 && abs(whole.count - token.count) <= allowed && Self.mayBeWithin(allowed, wholeMask, tokenMask)
                                && Self.editDistance(whole, token, limit: allowed) <= allowed {
                                return brand
                            }
                        }
                        return nil
                    }
                }
            }
        }
        return found.map { brands[$0].name }
    }

    /// Whether two byte runs are equal: lengths first, then the bytes.
    @inline(__always)
    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }

    static func contains<Haystack: RandomAccessCollection<UInt8>>(_ haystack: Haystack, _ needle: some RandomAccessCollection<UInt8>) -> Bool
    where Haystack.Index == Int {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[needle.startIndex]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// One bit for each byte value in `bytes` (its low six bits pick the bit).
    @inline(__always)
    static func byteMask(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var mask: UInt64 = 0
        for byte in bytes { mask |= 1 << UInt64(byte & 63) }
        return mask
    }

    /// False when two runs with these ``byteMask(_:)``s are surely more than `limit` edits apart:
    /// each bit that only one of them has stands for a byte value the other lacks, and every
    /// occurrence of such a byte takes an edit of its own. A cheap test before ``editDistance``,
    /// which most label and token pairs of near length then skip.
    @inline(__always)
    static func mayBeWithin(_ limit: Int, _ a: UInt64, _ b: UInt64) -> Bool {
        (a & ~b).nonzeroBitCount <= limit && (b & ~a).nonzeroBitCount <= limit
    }

    /// Levenshtein distance if it is at most `limit`, else `limit + 1`. Only the band of cells
    /// within `limit` of the diagonal is computed (a path through any other cell costs more than
    /// `limit`), and it stops once a whole row exceeds `limit`. The two rows live on the stack: it
    /// runs for every brand token against every label of every link.
    static func editDistance(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        let over = limit + 1
        if abs(x.count - y.count) > limit { return over }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        let width = y.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { buffer in
            var previous = buffer.baseAddress!
            var current = previous + width
            for j in 0..<width { previous[j] = min(j, over) }
            for i in 1...x.count {
                let low = max(1, i - limit)
                let high = min(y.count, i + limit)
                // The cell left of the band: the first column, or outside the band.
                current[low - 1] = low == 1 ? min(i, over) : over
                var rowMinimum = current[low - 1]
                let byte = x[i - 1]
                for j in low...high {
                    let cost = byte == y[j - 1] ? 0 : 1
                    let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost, over)
                    current[j] = value
                    if value < rowMinimum { rowMinimum = value }
                }
                // The cell right of the band, which the next row reads above its last cell.
                if high < y.count { current[high + 1] = over }
                if rowMinimum > limit { return over }
                swap(&previous, &current)
            }
            return previous[y.count]
        }
    }
}
