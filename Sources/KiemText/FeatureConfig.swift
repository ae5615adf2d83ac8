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
    /// How words and n-grams become buckets; a model is read with the version it was trained with.
    ///
    /// - 1: each word of the plain view is a feature of its own, beside the accented word (two
    ///   features for a word without diacritics), and character n-grams are mixed by splitmix64.
    /// - 2 (models trained since 2026-12-03): a word of the plain view is a word feature only where
    ///   it differs from the accented word (so "lừa" gives "lừa" and "lua", and "lua" typed without
    ///   accents gives "lua" once), and character n-grams take one multiply: about a sixth fewer
    ///   features to count and look up for a typical SMS, with dev scores as good or better on four
    ///   of the five sets of BASELINES.md (`Benchmarks/eval-baselines.sh`; vihsd 0.001 lower).
    public var version: Int

    /// The newest version, which ``init(bucketBits:charMin:charMax:wordMax:characterView:version:)`` gives by default.
    public static let currentVersion = 2

    /// The view of ``NormalizedText`` that character n-grams are taken from.
    public enum CharacterView: String, Codable, Sendable, CaseIterable {
        /// Words without diacritics: robust to missing accents and obfuscation.
        case plain
        /// Words with diacritics.
        case accented
        /// Everything, punctuation and emoji included, split on spaces.
        case folded
    }

    public init(bucketBits: Int = 20, charMin: Int = 2, charMax: Int = 5, wordMax: Int = 2, characterView: CharacterView = .plain,
                version: Int = FeatureConfig.currentVersion) {
        self.characterView = characterView
        self.bucketBits = bucketBits
        self.charMin = charMin
        self.charMax = charMax
        self.wordMax = wordMax
        self.version = version
    }

    private enum CodingKeys: String, CodingKey {
        case bucketBits, charMin, charMax, wordMax, characterView, version
    }

    /// Reads a configuration; one without a version was written before versions existed (1).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bucketBits = try container.decode(Int.self, forKey: .bucketBits)
        charMin = try container.decode(Int.self, forKey: .charMin)
        charMax = try container.decode(Int.self, forKey: .charMax)
        wordMax = try container.decode(Int.self, forKey: .wordMax)
        characterView = try container.decode(CharacterView.self, forKey: .characterView)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        guard (1...FeatureConfig.currentVersion).contains(version) else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: container,
                                                   debugDescription: "feature version \(version) is newer than this Kiem (\(FeatureConfig.currentVersion))")
        }
    }

    public var bucketCount: Int { 1 << bucketBits }
}
