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
    static func survey(_ bytes: [UInt8]) -> (dot: Bool, digit: Bool, defanged: Bool) {
        bytes.withUnsafeBufferPointer { bytes in
            var dot = false
            var digit = false
            var defanged = false
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == 0x2E || byte == 0x40 {
                    dot = true
                } else if Byte.isDigit(byte) {
                    digit = true
                } else if !defanged && (byte == 0x5B || byte == 0x28 || byte == 0x7B || byte == 0x78) {
                    defanged = Refang.mayStartDefanged(bytes, at: index)
                }
            }
            return (dot, digit, defanged)
        }
    }
}
