/// Extracts every ``Entity`` from a normalized message.
public enum EntityExtractor {
    /// All entities, links first, then e-mail, phone numbers, bank accounts, amounts and requests.
    public static func extract(_ text: NormalizedText) -> [Entity] {
        var entities: [Entity] = []
        let source = Refang.mayBeDefanged(text.folded) ? Refang.refang(text.folded) : text.folded
        URLExtractor.extract(source, into: &entities)
        let linkRanges = entities.map(\.range)
        PhoneExtractor.extract(source, skipping: linkRanges, into: &entities)
        let phoneRanges = entities.filter { $0.kind == .phone }.map(\.range)
        BankAccountExtractor.extract(source, skipping: linkRanges, phones: phoneRanges, into: &entities)
        let numberRanges = entities.map(\.range)
        MoneyExtractor.extract(source, skipping: numberRanges, into: &entities)
        let links = entities.filter { $0.kind == .url }
        RequestExtractor.extract(plain: text.plain, urls: links, into: &entities)
        return entities
    }
}
