/// Finds bank account numbers: a run of 6 to 19 digits with a bank name or an account word
/// ("stk", "số tài khoản", "account") close before it, or a bank name right after it.
enum BankAccountExtractor {
    /// Banks and e-wallets by the names people write, mapped to one canonical name.
    static let banks: [(name: [UInt8], canonical: String)] = [
        ("vietcombank", "vietcombank"), ("vcb", "vietcombank"), ("techcombank", "techcombank"), ("tcb", "techcombank"),
        ("mbbank", "mbbank"), ("mb bank", "mbbank"), ("quân đội", "mbbank"), ("agribank", "agribank"), ("bidv", "bidv"),
        ("vietinbank", "vietinbank"), ("viettinbank", "vietinbank"), ("tpbank", "tpbank"), ("acb", "acb"),
        ("sacombank", "sacombank"), ("vpbank", "vpbank"), ("hdbank", "hdbank"), ("shb", "shb"), ("ocb", "ocb"),
        ("msb", "msb"), ("seabank", "seabank"), ("vib", "vib"), ("eximbank", "eximbank"), ("scb", "scb"),
        ("lpbank", "lpbank"), ("lienvietpostbank", "lpbank"), ("namabank", "namabank"), ("abbank", "abbank"),
        ("pvcombank", "pvcombank"), ("ncb", "ncb"), ("bacabank", "bacabank"), ("vietabank", "vietabank"),
        ("kienlongbank", "kienlongbank"), ("oceanbank", "oceanbank"), ("cake", "cake"), ("timo", "timo"),
        ("momo", "momo"), ("zalopay", "zalopay"), ("viettelpay", "viettelmoney"), ("viettel money", "viettelmoney"),
        ("shinhan", "shinhan"), ("hsbc", "hsbc"), ("uob", "uob"), ("woori", "woori"), ("citibank", "citibank"),
    ].map { (Array($0.0.utf8), $0.1) }

    static let accountWords: [[UInt8]] = ["stk", "số tài khoản", "số tk", "tài khoản", "tk", "account", "acc", "a/c", "số tài khoảng"]
        .map { Array($0.utf8) }

    /// The account words that hold no shorter one ("tk", not "stk" or "số tk"): one of them is
    /// in a stretch of text exactly when one of `accountWords` is, and fewer are looked for.
    static let accountWordsToFind: [[UInt8]] = accountWords.filter { word in
        !accountWords.contains { other in other.count < word.count && word.firstIndex(of: other, in: 0..<word.count) != nil }
    }

    /// Bank names by the FNV-1a hash of their bytes (one- and two-word names alike).
    static let bankByHash = HashedTable<(name: [UInt8], canonical: String)>(banks.map { (Hashing.fnv1a($0.name), ($0.name, $0.canonical)) })
    static let longestName = banks.map(\.name.count).max() ?? 0

    /// The banks named in `bytes` at offsets from `from` up to `upTo`, as (offset, canonical name),
    /// found word by word without allocating: each word, and each pair of words, is hashed in
    /// place and looked up. The scan starts at the word that holds `from`, so its words and
    /// pairs are those of a scan of the whole text.
    static func mentions(_ bytes: [UInt8], from: Int, upTo: Int) -> [(position: Int, bank: String)] {
        var found: [(Int, String)] = []
        var index = from
        while index > 0 && Byte.isWordByte(bytes[index - 1]) { index -= 1 }
        // A pair of words counts at its first word's offset, so the scan goes one name past `upTo`.
        let last = min(bytes.count, upTo + longestName + 1)
        var previous: Range<Int>?
        func lookup(_ range: Range<Int>) -> String? {
            guard range.count >= 2, range.count <= longestName, Byte.isLower(bytes[range.lowerBound]) else { return nil }
            var hash = Hashing.fnvOffset
            for index in range { hash = Hashing.step(hash, bytes[index]) }
            guard let entry = bankByHash[hash], entry.name.count == range.count, bytes[range].elementsEqual(entry.name) else { return nil }
            return entry.canonical
        }
        while index < last {
            guard Byte.isWordByte(bytes[index]) else { index += 1; continue }
            let start = index
            while index < bytes.count && Byte.isWordByte(bytes[index]) { index += 1 }
            if let bank = lookup(start..<index) {
                found.append((start, bank))
            } else if let previous, start == previous.upperBound + 1, let bank = lookup(previous.lowerBound..<index) {
                found.append((previous.lowerBound, bank))
            }
            previous = start..<index
        }
        return found
    }

    static func extract(_ bytes: [UInt8], from first: Int, skipping taken: [Range<Int>], phones: [Range<Int>], into entities: inout [Entity]) {
        let count = bytes.count
        // An account has at most 19 digits; longer runs are counted, not kept. Room on the stack.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            // Declared in the closure, so that it stays in a register (captured, it would live in memory).
            var index = first
            while index < count {
                guard Byte.isDigit(bytes[index]), index == 0 || !Byte.isWordByte(bytes[index - 1]) else {
                    index += 1
                    continue
                }
                let start = index
                var cursor = index
                var digitCount = 0
                var end = cursor
                while cursor < count {
                    if Byte.isDigit(bytes[cursor]) {
                        if digitCount < 20 { digits[digitCount] = bytes[cursor] }
                        digitCount += 1
                        cursor += 1
                        end = cursor
                    } else if (bytes[cursor] == 0x20 || bytes[cursor] == 0x2D || bytes[cursor] == 0x2E) && cursor + 1 < count && Byte.isDigit(bytes[cursor + 1]) && digitCount % 4 == 0 {
                        cursor += 1
                    } else {
                        break
                    }
                }
                index = max(end, index + 1)
                guard digitCount >= 6, digitCount <= 19, end >= count || !Byte.isWordByte(bytes[end]) else { continue }
                let range = start..<end
                if taken.contains(where: { $0.overlaps(range) }) { continue }
                let isPhone = phones.contains(where: { $0.overlaps(range) })
                let before = max(0, start - (isPhone ? 30 : 60))..<start
                let after = end..<min(count, end + 40)
                let hasAccountWord = accountWordsToFind.contains { bytes.firstIndex(of: $0, in: before) != nil }
                // A phone number is an account only after an account word or right after a bank's
                // name. Most have neither: that is settled on the few words before the number.
                let near = max(0, start - 25)..<start
                if isPhone && !hasAccountWord && !mentions(bytes, from: near.lowerBound, upTo: near.upperBound).contains(where: { near.contains($0.position) }) {
                    continue
                }
                // Only names near the number count: look for them there, not in the whole text.
                let named = mentions(bytes, from: before.lowerBound, upTo: after.upperBound)
                func findBank(in range: Range<Int>) -> String? { named.last { range.contains($0.position) }?.bank }
                var bank = findBank(in: before) ?? findBank(in: after)
                if bank == nil && !hasAccountWord { continue }
                if bank == nil { bank = "unknown" }
                let number = String(decoding: UnsafeBufferPointer(rebasing: digits[0..<digitCount]), as: UTF8.self)
                entities.append(Entity(kind: .bankAccount, value: "\(bank!):\(number)", range: range))
            }
        }
    }
}
