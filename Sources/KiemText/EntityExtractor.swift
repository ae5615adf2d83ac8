/// Extracts every ``Entity`` from a normalized message.
public enum EntityExtractor {
    /// All entities, links first, then e-mail, phone numbers, bank accounts, amounts and requests.
    public static func extract(_ text: NormalizedText) -> [Entity] {
        var entities: [Entity] = []
        var source = text.folded
        var (hasDomainDot, hasDigit, defanged) = survey(source)
        if defanged {
            source = Refang.refang(source)
            (hasDomainDot, hasDigit, _) = survey(source)
        }
        if hasDomainDot { URLExtractor.extract(source, into: &entities) }
        if hasDigit {
            let linkRanges = entities.map(\.range)
            PhoneExtractor.extract(source, skipping: linkRanges, into: &entities)
            let phoneRanges = entities.filter { $0.kind == .phone }.map(\.range)
            BankAccountExtractor.extract(source, skipping: linkRanges, phones: phoneRanges, into: &entities)
            let numberRanges = entities.map(\.range)
            MoneyExtractor.extract(source, skipping: numberRanges, into: &entities)
        }
        let links = entities.filter { $0.kind == .url || $0.kind == .domain }
        RequestExtractor.extract(text, urls: links, into: &entities)
        return entities
    }

    /// One pass over the folded view: whether it has a dot between a letter, digit or hyphen and a
    /// letter or digit (every link and e-mail address has one, between two labels of its domain; a
    /// dot that ends a sentence is not one), a digit (numbers need one) and something that may be
    /// a defanged link. Most words have none. Each byte's class bits are combined without a
    /// branch; only a text with a bracket or an "x" is looked at again for a defanged form.
    static func survey(_ bytes: [UInt8]) -> (domainDot: Bool, digit: Bool, defanged: Bool) {
        bytes.withUnsafeBufferPointer { bytes in
            var seen: UInt8 = 0
            // The classes of the two bytes before this one, and whether "x.y" was seen.
            var beforePrevious: UInt8 = 0
            var previous: UInt8 = 0
            var dotBetween: UInt8 = 0
            surveyClasses.withUnsafeBufferPointer { classes in
                for byte in bytes {
                    let current = classes[Int(byte)]
                    seen |= current
                    dotBetween |= (beforePrevious >> 3 | beforePrevious >> 4) & previous & current >> 3 & 1
                    beforePrevious = previous
                    previous = current
                }
            }
            var defanged = false
            if seen & 4 != 0 {
                for index in 0..<bytes.count where Refang.mayStartDefanged(bytes, at: index) {
                    defanged = true
                    break
                }
            }
            return (dotBetween != 0, seen & 2 != 0, defanged)
        }
    }

    /// Per byte: 1 for a dot, 2 for a digit, 4 for what may open a defanged form, 8 for an ASCII
    /// letter or digit (the folded view is lower case), 16 for a hyphen.
    private static let surveyClasses: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0x2E: 1
        case 0x30...0x39: 2 | 8
        case 0x78: 4 | 8
        case 0x61...0x7A: 8
        case 0x5B, 0x28, 0x7B: 4
        case 0x2D: 16
        default: 0
        }
    }
}
