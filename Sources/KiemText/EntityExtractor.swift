/// Extracts every ``Entity`` from a normalized message.
public enum EntityExtractor {
    /// All entities, links first, then e-mail, phone numbers, bank accounts, amounts and requests.
    public static func extract(_ text: NormalizedText) -> [Entity] {
        var entities: [Entity] = []
        var source = text.folded
        var (hasDot, hasDigit, defanged) = survey(source)
        if defanged {
            source = Refang.refang(source)
            (hasDot, hasDigit, _) = survey(source)
        }
        if hasDot { URLExtractor.extract(source, into: &entities) }
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

    /// One pass over the folded view: whether it has a dot or an @ (links need one), a digit
    /// (numbers need one) and something that may be a defanged link. Most words have none.
    /// Each byte's class bits are OR-ed together without a branch; only a text with a bracket or
    /// an "x" is looked at again for a defanged form.
    static func survey(_ bytes: [UInt8]) -> (dot: Bool, digit: Bool, defanged: Bool) {
        bytes.withUnsafeBufferPointer { bytes in
            var seen: UInt8 = 0
            surveyClasses.withUnsafeBufferPointer { classes in
                for byte in bytes { seen |= classes[Int(byte)] }
            }
            var defanged = false
            if seen & 4 != 0 {
                for index in 0..<bytes.count where Refang.mayStartDefanged(bytes, at: index) {
                    defanged = true
                    break
                }
            }
            return (seen & 1 != 0, seen & 2 != 0, defanged)
        }
    }

    /// Per byte: 1 for a dot or an @, 2 for a digit, 4 for what may open a defanged form.
    private static let surveyClasses: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0x2E, 0x40: 1
        case 0x30...0x39: 2
        case 0x5B, 0x28, 0x7B, 0x78: 4
        default: 0
        }
    }
}
