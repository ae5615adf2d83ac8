/// Which features the hasher emits and into how many buckets.
public struct FeatureConfig: Codable, Sendable, Equatable {
    /// log2 of the number of hash buckets.
    public var bucketBits: Int
    /// Character n-gram lengths over the plain view, within words (like scikit-learn's `char_wb`).
    public var charMin: Int
    public var charMax: Int
    /// Word n-grams over the accented view, 1 up to this length.
    public var wordMax: Int
    /// Which view character n-grams read.
    public var characterView: CharacterView

    /// The view of ``NormalizedText`` that character n-grams are taken from.
    public enum CharacterView: String, Codable, Sendable, CaseIterable {
        /// Words without diacritics: robust to missing accents and obfuscation.
        case plain
        /// Words with diacritics.
        case accented
        /// Everything, punctuation and emoji included, split on spaces.
        case folded
    }

    public init(bucketBits: Int = 20, charMin: Int = 2, charMax: Int = 5, wordMax: Int = 2, characterView: CharacterView = .plain) {
        self.characterView = characterView
        self.bucketBits = bucketBits
        self.charMin = charMin
        self.charMax = charMax
        self.wordMax = wordMax
    }

    public var bucketCount: Int { 1 << bucketBits }
}
