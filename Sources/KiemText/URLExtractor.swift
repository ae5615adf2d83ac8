/// Finds links, bare domains and e-mail addresses in the folded view.
enum URLExtractor {
    static let http: [UInt8] = Array("http".utf8)
    static let www: [UInt8] = Array("www.".utf8)

    /// Appends `url`, `domain` and `email` entities found in `bytes`.
    ///
    /// A run of host bytes makes an entity only if it holds a dot or an `@` follows it, so the
    /// walk jumps from one such byte to the next: to the run that holds it, or to the `http://` or
    /// `https://` before that run. Every start it jumps over would have been passed over.
    static func extract(_ bytes: [UInt8], into entities: inout [Entity]) {
        let count = bytes.count
        var index = 0
        // The dot or `@` that the walk was last moved towards (the walk goes byte by byte up to it).
        var interesting = -1
        while index < count {
            if index > interesting {
                guard let next = nextDotOrAt(bytes, from: index) else { return }
                interesting = next
                index = max(index, runStart(bytes, before: next, walkingFrom: index))
                // Past an `@` that no run reaches, this may be the end, or past `interesting` again.
                continue
            }
            let byte = bytes[index]
            guard Byte.isAlnum(byte), startsRun(bytes, at: index) else {
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

    /// The first `.` or `@` at or after `from`.
    static func nextDotOrAt(_ bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { bytes in
            var index = from
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x2E || byte == 0x40 { return index }
                index += 1
            }
            return nil
        }
    }

    /// Where the walk from `index` resumes for the dot or `@` at `mark`: the start of the run of
    /// host bytes that holds the dot (or ends at the `@`), or of the `http://` or `https://` right
    /// before that run when the walk would read it as a link's start; past an `@` that no run reaches.
    static func runStart(_ bytes: [UInt8], before mark: Int, walkingFrom index: Int) -> Int {
        var start = mark
        while start > 0 && Byte.isHostByte(bytes[start - 1]) { start -= 1 }
        if bytes[mark] == 0x40 && start == mark { return mark + 1 }
        if let scheme = schemeStart(bytes, host: start), scheme >= index, isReadAsLink(bytes, scheme, walkingFrom: index) { return scheme }
        return start
    }

    /// Whether the walk from `index` reads the `http` at `start` as a link's start: not when an
    /// `http://` that it reads so comes right before (that link's host is `http`, with no dot, and
    /// the walk passes over it).
    static func isReadAsLink(_ bytes: [UInt8], _ start: Int, walkingFrom index: Int) -> Bool {
        guard let before = schemeStart(bytes, host: start), before >= index else { return true }
        return !isReadAsLink(bytes, before, walkingFrom: index)
    }

    /// Where the `http://` or `https://` that ends right before `host` starts, if the walk reads a
    /// link as starting at its `h` (``startsRun(_:at:)``).
    static func schemeStart(_ bytes: [UInt8], host: Int) -> Int? {
        guard host >= 7, bytes[host - 1] == 0x2F, bytes[host - 2] == 0x2F, bytes[host - 3] == 0x3A else { return nil }
        var scheme = host - 3
        if bytes[scheme - 1] == 0x73 { scheme -= 1 }
        scheme -= 4
        guard scheme >= 0, bytes.hasBytes(http, at: scheme), startsRun(bytes, at: scheme) else { return nil }
        return scheme
    }

    /// Whether the walk reads a link or address as starting at `index` (given an ASCII letter or
    /// digit there): at the text's start, after a byte that is no host byte, or after a dot that
    /// follows no letter or digit.
    @inline(__always)
    static func startsRun(_ bytes: [UInt8], at index: Int) -> Bool {
        index == 0 || !Byte.isHostByte(bytes[index - 1]) || bytes[index - 1] == 0x2E && index >= 2 && !Byte.isAlnum(bytes[index - 2])
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
