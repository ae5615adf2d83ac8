/// Finds links, bare domains and e-mail addresses in the folded view.
enum URLExtractor {
    static let http: [UInt8] = Array("http".utf8)
    static let www: [UInt8] = Array("www.".utf8)

    /// Appends `url`, `domain` and `email` entities found in `bytes`.
    static func extract(_ bytes: [UInt8], into entities: inout [Entity]) {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            guard Byte.isAlnum(byte), index == 0 || !Byte.isHostByte(bytes[index - 1]) || bytes[index - 1] == 0x2E && index >= 2 && !Byte.isAlnum(bytes[index - 2]) else {
                index += 1
                continue
            }
            var start = index
            var hostStart = index
            var hasScheme = false
            if byte == 0x68 && bytes.hasBytes(http, at: index) {
                var cursor = index + 4
                if cursor < count && bytes[cursor] == 0x73 { cursor += 1 }
                if bytes.hasBytes([0x3A, 0x2F, 0x2F], at: cursor) {
                    hasScheme = true
                    hostStart = cursor + 3
                }
            }
            var hostEnd = hostStart
            var dots = 0
            while hostEnd < count && Byte.isHostByte(bytes[hostEnd]) {
                if bytes[hostEnd] == 0x2E { dots += 1 }
                hostEnd += 1
            }
            // Most words have no dot and no @ after them: not a link, not an address.
            if dots == 0 && !(hostEnd < count && bytes[hostEnd] == 0x40) {
                index = max(hostEnd, index + 1)
                continue
            }
            // An e-mail address: the host follows an @.
            if !hasScheme && hostEnd < count && bytes[hostEnd] == 0x40 {
                let domainStart = hostEnd + 1
                var domainEnd = domainStart
                while domainEnd < count && Byte.isHostByte(bytes[domainEnd]) { domainEnd += 1 }
                while domainEnd > domainStart && bytes[domainEnd - 1] == 0x2E { domainEnd -= 1 }
                if domainEnd > domainStart, isDomain(bytes, domainStart..<domainEnd, strict: false) {
                    var localStart = index
                    while localStart > 0 && (Byte.isAlnum(bytes[localStart - 1]) || bytes[localStart - 1] == 0x2E || bytes[localStart - 1] == 0x5F || bytes[localStart - 1] == 0x2B || bytes[localStart - 1] == 0x2D) { localStart -= 1 }
                    let email = String(decoding: bytes[localStart..<domainEnd], as: UTF8.self)
                    entities.append(Entity(kind: .email, value: email, range: localStart..<domainEnd))
                    index = domainEnd
                    continue
                }
            }
            while hostEnd > hostStart && (bytes[hostEnd - 1] == 0x2E || bytes[hostEnd - 1] == 0x2D) { hostEnd -= 1 }
            guard hostEnd > hostStart else { index = max(index + 1, hostEnd); continue }
            let hasWWW = bytes.hasBytes(www, at: hostStart)
            guard isDomain(bytes, hostStart..<hostEnd, strict: !(hasScheme || hasWWW)) else {
                index = hostEnd + 1
                continue
            }
            var host = String(decoding: bytes[hostStart..<hostEnd], as: UTF8.self)
            if hasWWW { host.removeFirst(4) }
            // Port, path, query.
            var end = hostEnd
            if end < count && (bytes[end] == 0x3A || bytes[end] == 0x2F || bytes[end] == 0x3F || bytes[end] == 0x23) {
                while end < count && Byte.isPathByte(bytes[end]) { end += 1 }
                while end > hostEnd && isTrailingPunctuation(bytes[end - 1]) { end -= 1 }
            }
            if !hasScheme { start = hostStart }
            let rest = String(decoding: bytes[hostEnd..<end], as: UTF8.self)
            let url = (hasScheme ? String(decoding: bytes[index..<hostStart], as: UTF8.self) : "http://") + host + rest
            // A link is two entities, and rarely alone: room for four at once, not two doublings.
            if entities.capacity < entities.count + 2 { entities.reserveCapacity(entities.count + 4) }
            entities.append(Entity(kind: .url, value: url, range: start..<end))
            entities.append(Entity(kind: .domain, value: host, range: hostStart..<hostEnd))
            index = end
        }
    }

    @inline(__always)
    static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x27: return true
        default: return false
        }
    }

    /// Whether `bytes[range]` is a plausible domain name: labels of letters, digits and hyphens,
    /// an alphabetic top-level domain (a known one unless `strict` is false). Works on the bytes,
    /// so the many dotted words that are not domains ("1.200.000", "v.v") cost no allocation.
    static func isDomain(_ bytes: [UInt8], _ range: Range<Int>, strict: Bool) -> Bool {
        guard range.count <= 253 else { return false }
        var labels = 0
        var labelStart = range.lowerBound
        var lastLabel = range
        var previousLabel = range
        for index in range.lowerBound...range.upperBound where index == range.upperBound || bytes[index] == 0x2E {
            let length = index - labelStart
            guard length >= 1, length <= 63, bytes[labelStart] != 0x2D else { return false }
            labels += 1
            previousLabel = lastLabel
            lastLabel = labelStart..<index
            labelStart = index + 1
        }
        guard labels >= 2, labels <= 12, lastLabel.count >= 2, bytes[lastLabel].allSatisfy(Byte.isLower) else { return false }
        guard strict else { return true }
        guard TopLevelDomains.known.contains(String(decoding: bytes[lastLabel], as: UTF8.self)) else { return false }
        // "a.com" style single-letter names are rare; "v.vn" and "x.top" still count.
        return bytes[previousLabel].contains(where: Byte.isLower) || labels > 2 || previousLabel.count > 2
    }
}
