/// Extracts every ``Entity`` from a normalized message.
public enum EntityExtractor {
    /// All entities, links first, then e-mail, phone numbers, bank accounts, amounts and requests.
    public static func extract(_ text: NormalizedText) -> [Entity] {
        var entities: [Entity] = []
        let source = Refang.mayBeDefanged(text.folded) ? Refang.refang(text.folded) : text.folded
        // Links need a dot or an @; numbers need a digit. Most words have neither.
        var hasDot = false
        var hasDigit = false
        for byte in source {
            if byte == 0x2E || byte == 0x40 { hasDot = true } else if Byte.isDigit(byte) { hasDigit = true }
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
        RequestExtractor.extract(plain: text.plain, urls: links, into: &entities)
        return entities
    }
}
