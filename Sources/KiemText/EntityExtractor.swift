/// Extracts every ``Entity`` from a normalized message.
public enum EntityExtractor {
    /// All entities, links first, then e-mail, phone numbers, bank accounts, amounts and requests.
    public static func extract(_ text: NormalizedText) -> [Entity] {
        var entities: [Entity] = []
        extract(text, into: &entities)
        return entities
    }

    /// All entities, in place of what `entities` held (its memory is kept when no one else holds it).
    public static func extract(_ text: NormalizedText, into entities: inout [Entity]) {
        entities.removeAll(keepingCapacity: true)
        var source = text.folded
        var (hasDomainDot, hasDigit, defanged) = survey(source)
        if defanged {
            source = Refang.refang(source)
            (hasDomainDot, hasDigit, _) = survey(source)
        }
        if hasDomainDot { URLExtractor.extract(source, into: &entities) }
        if hasDigit, let digit = source.firstIndex(where: Byte.isDigit) {
            // Every number starts at most two bytes before its first digit, as in "(+84".
            let first = max(0, digit - 2)
            let linkRanges = entities.map(\.range)
            PhoneExtractor.extract(source, from: first, skipping: linkRanges, into: &entities)
            let phoneRanges = entities.filter { $0.kind == .phone }.map(\.range)
            BankAccountExtractor.extract(source, from: first, skipping: linkRanges, phones: phoneRanges, into: &entities)
            let numberRanges = entities.map(\.range)
            MoneyExtractor.extract(source, from: first, skipping: numberRanges, into: &entities)
        }
        let links = entities.filter { $0.kind == .url || $0.kind == .domain }
        RequestExtractor.extract(text, urls: links, into: &entities)
    }

    /// One pass over the folded view: whether it has a dot between a letter, digit or hyphen and a
    /// letter or digit (every link and e-mail address has one, between two labels of its domain; a
    /// dot that ends a sentence is not one), a digit (numbers need one) and the start of a
    /// defanged link (`hxx`, or a bracket before `.`, `d`, `:` or `/`: every form
    /// ``Refang/refang(_:)`` restores starts so). Most words have none. Each byte's class bits
    /// are combined with those of the two bytes before it, without a branch.
    static func survey(_ bytes: [UInt8]) -> (domainDot: Bool, digit: Bool, defanged: Bool) {
        bytes.withUnsafeBufferPointer { bytes in
            var seen: UInt8 = 0
            // The classes of the two bytes before this one, and whether "x.y" or a defanged start
            // was seen.
            var beforePrevious: UInt8 = 0
            var previous: UInt8 = 0
            var dotBetween: UInt8 = 0
            var defanged: UInt8 = 0
            surveyClasses.withUnsafeBufferPointer { classes in
                for byte in bytes {
                    let current = classes[Int(byte)]
                    seen |= current
                    dotBetween |= (beforePrevious >> 3 | beforePrevious >> 4) & previous & current >> 3 & 1
                    // "hxx", or a bracket then one of `.d:/`.
                    defanged |= beforePrevious >> 5 & previous >> 6 & current >> 6 & 1 | previous >> 2 & current >> 7 & 1
                    beforePrevious = previous
                    previous = current
                }
            }
            return (dotBetween != 0, seen & 2 != 0, defanged != 0)
        }
    }

    /// Per byte: 1 for a dot, 2 for a digit, 4 for a bracket that may open a defanged form, 8 for
    /// an ASCII letter or digit (the folded view is lower case), 16 for a hyphen, 32 for `h`, 64
    /// for `x`, 128 for what may follow a defanging bracket (`.`, `d`, `:`, `/`).
    private static let surveyClasses: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0x2E: 1 | 128
        case 0x30...0x39: 2 | 8
        case 0x64: 8 | 128
        case 0x68: 8 | 32
        case 0x78: 8 | 64
        case 0x61...0x7A: 8
        case 0x3A, 0x2F: 128
        case 0x5B, 0x28, 0x7B: 4
        case 0x2D: 16
        default: 0
        }
    }
}
