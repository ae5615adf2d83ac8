/// Which features the hasher emits and into how many buckets.
public struct FeatureConfig: Codable, Sendable, Equatable {
    /// log2 of the number of hash buckets.
    public var bucketBits: Int
    /// Character n-gram lengths over the plain view, within words (like scikit-learn's `char_wb`).
    public var charMin: Int
    public var charMax: Int
    /// Word n-grams over the accented view, 1 up to this length.
    public var wordMax: Int

    public init(bucketBits: Int = 20, charMin: Int = 2, charMax: Int = 5, wordMax: Int = 2) {
        self.bucketBits = bucketBits
        self.charMin = charMin
        self.charMax = charMax
        self.wordMax = wordMax
    }

    public var bucketCount: Int { 1 << bucketBits }
}
