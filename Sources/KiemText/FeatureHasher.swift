import CKiemPrefetch

/// Turns a normalized message and its entities into hashed feature counts.
///
/// Features: word 1..`wordMax`-grams of the accented view, word unigrams of the plain view (see
/// ``FeatureConfig/version`` for how the two views' words meet), character
/// `charMin`..`charMax`-grams of the plain view inside space-padded words, one feature per entity
/// kind (and link TLD), and a few shape features (shouting, look-alike letters, leetspeak, spaced
/// letters). Digits read as `0` so that numbers generalize.
/// Counting uses a small open-addressing table that is reset per message, so hashing a
/// message allocates nothing after the first.
public final class FeatureHasher {
    public let config: FeatureConfig
    private let mask: UInt64
    /// Version 2 features (``FeatureConfig/version``).
    private let version2: Bool
    /// Version 2: a character n-gram's bucket is the top `bucketBits` of one product.
    private let characterShift: UInt64
    private let keys: UnsafeMutablePointer<UInt32>
    private let counts: UnsafeMutablePointer<UInt16>
    private var used = ScratchBuffer<Int>(capacity: 3072)
    /// Room for the features of one message (`count` stops at `maxFeatures`), as they are handed out.
    private let collected = ScratchBuffer<Feature>(capacity: FeatureHasher.maxFeatures)
    private static let tableSize = 4096
    private static let maxFeatures = 3000
    private var wordHashes = ScratchBuffer<UInt64>(capacity: 256)
    private var plainHashes = ScratchBuffer<UInt64>(capacity: 256)
    private var wordNames: [String] = []
    /// The weight rows of the model the features are for, and their size in bytes: when set, the
    /// row of each new feature is asked for as the feature is first counted.
    private var rows: UnsafeRawPointer?
    private var rowBytes = 0
    /// When set, the names of the features are recorded (for explanations; slow).
    private var names: [UInt32: String]?

    public init(config: FeatureConfig) {
        self.config = config
        mask = UInt64(config.bucketCount - 1)
        version2 = config.version >= 2
        characterShift = UInt64(64 - config.bucketBits)
        keys = .allocate(capacity: Self.tableSize)
        keys.initialize(repeating: 0, count: Self.tableSize)
        counts = .allocate(capacity: Self.tableSize)
        counts.initialize(repeating: 0, count: Self.tableSize)
    }

    deinit {
        keys.deallocate()
        counts.deallocate()
        used.deallocate()
        collected.deallocate()
        wordHashes.deallocate()
        plainHashes.deallocate()
    }

    /// One hashed feature: its bucket, how often it occurred, and its group. Word-level and
    /// character n-gram features are two groups, each scaled to unit length on its own (as
    /// scikit-learn's union of two TF-IDF vectorizers), so neither drowns the other.
    public struct Feature: Sendable, Equatable, BitwiseCopyable {
        public var bucket: UInt32
        public var count: UInt16
        public var isCharacter: Bool

        public init(bucket: UInt32, count: UInt16, isCharacter: Bool) {
            self.bucket = bucket
            self.count = count
            self.isCharacter = isCharacter
        }
    }

    private enum Namespace: UInt8 {
        /// `word` is 1: ``WordSpan/seed``, the hash every word starts from, steps with it.
        case word = 1, bigram, plainWord, char, entity, shape
    }

    /// Asks for the cache line(s) of bucket `b`'s row, at `base + b * rowBytes`, as soon as `b`
    /// first occurs in a message. A linear model reads one scattered row of megabytes per
    /// feature; fetched this early, the rows arrive while the rest of the message is hashed
    /// instead of one after another while it is scored. `base` must outlive the hasher.
    public func prefetchRows(at base: UnsafeRawPointer, rowBytes: Int) {
        rows = base
        self.rowBytes = rowBytes
    }

    /// The features of a message, deduplicated with counts, in no particular order.
    public func features(_ text: NormalizedText, entities: [Entity], into output: inout [Feature]) {
        output.removeAll(keepingCapacity: true)
        emitAll(text, entities: entities)
        // Written to raw memory, then appended in one copy: an array append per feature checked
        // uniqueness and capacity each time.
        let found = used.count
        let written = collected.base
        for index in 0..<found {
            let slot = used[index]
            let key = keys[slot]
            written[index] = Feature(bucket: (key & 0x7FFF_FFFF) - 1, count: counts[slot], isCharacter: key >> 31 == 1)
            keys[slot] = 0
        }
        output.append(contentsOf: UnsafeBufferPointer(start: written, count: found))
        used.count = 0
    }

    /// The features with readable names, bucket → name (for explanations and model cards).
    public func namedFeatures(_ text: NormalizedText, entities: [Entity]) -> [UInt32: String] {
        names = [:]
        emitAll(text, entities: entities)
        for index in 0..<used.count { keys[used[index]] = 0 }
        used.count = 0
        defer { names = nil }
        return names ?? [:]
    }

    private func emitAll(_ text: NormalizedText, entities: [Entity]) {
        // In version 2 a word's feature is its ``WordSpan`` hash, so the plain view's words, hashed
        // when the text was made, are counted without reading their bytes again.
        let spans = version2 && names == nil
        if text.accented == text.plain {
            // No diacritics (most SMS): version 1 takes both word views in one pass, two hash chains
            // side by side; in version 2 the plain words are the accented ones, counted once.
            if spans { spanWords(text.plainWords) } else { text.accented.withUnsafeBufferPointer { words($0, plainToo: !version2) } }
        } else {
            text.accented.withUnsafeBufferPointer { words($0) }
            if spans { spanPlainWords(text.plainWords) } else { text.plain.withUnsafeBufferPointer { plainWords($0) } }
        }
        switch config.characterView {
        case .plain: text.plain.withUnsafeBufferPointer { characters($0) }
        case .accented: text.accented.withUnsafeBufferPointer { characters($0) }
        case .folded: text.folded.withUnsafeBufferPointer { characters($0) }
        }
        for entity in entities {
            emit("entity:", entity.kind.rawValue, namespace: .entity)
            switch entity.kind {
            case .domain:
                if let dot = entity.value.utf8.lastIndex(of: UInt8(ascii: ".")) { emit("tld:", entity.value[dot...], namespace: .entity) }
            case .credentialRequest:
                emit("request:", entity.value, namespace: .entity)
            default:
                break
            }
        }
        let stats = text.stats
        if stats.letters >= 12 && stats.upperLetters * 2 > stats.letters { emit("shape:", "shouting", namespace: .shape) }
        if stats.substituted > 0 { emit("shape:", "lookalike", namespace: .shape) }
        if stats.invisible > 0 { emit("shape:", "invisible", namespace: .shape) }
        if stats.leetWords > 0 { emit("shape:", "leet", namespace: .shape) }
        if stats.rejoinedRuns > 0 { emit("shape:", "spaced", namespace: .shape) }
    }

    /// The bucket of a word, entity or shape feature's hash.
    @inline(__always)
    private func bucket(_ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: Hashing.finalize(hash) & mask)
    }

    /// The bucket of a character n-gram's key.
    @inline(__always)
    private func characterBucket(_ hash: UInt64) -> UInt32 {
        version2 ? UInt32(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> characterShift) : bucket(hash)
    }

    @inline(__always)
    private func add(_ hash: UInt64) {
        count(bucket(hash) + 1)
    }

    @inline(__always)
    private func addCharacter(_ hash: UInt64) {
        count((characterBucket(hash) + 1) | 1 << 31)
    }

    /// Counts one occurrence of a feature: its bucket + 1, with the character group in the top bit.
    @inline(__always)
    private func count(_ bucket: UInt32) {
        // The counting table's slot comes from the bucket itself (Fibonacci hashing), so that two
        // n-grams that share a bucket are counted in one entry, as the model's weights see them.
        var slot = Int(truncatingIfNeeded: (bucket &* 0x9E37_79B1) >> 20) & (Self.tableSize - 1)
        while true {
            let key = keys[slot]
            if key == bucket {
                if counts[slot] < .max { counts[slot] += 1 }
                return
            }
            if key == 0 {
                guard used.count < Self.maxFeatures else { return }
                keys[slot] = bucket
                counts[slot] = 1
                used.append(slot)
                if let rows {
                    // A row may span two lines: ask for its first and last byte.
                    let offset = Int(bucket & 0x7FFF_FFFF &- 1) &* rowBytes
                    kiem_prefetch(rows.advanced(by: offset))
                    kiem_prefetch(rows.advanced(by: offset &+ rowBytes &- 1))
                }
                return
            }
            slot = (slot + 1) & (Self.tableSize - 1)
        }
    }

    @inline(__always)
    private static func digitFolded(_ byte: UInt8) -> UInt8 {
        byte >= 0x30 && byte <= 0x39 ? 0x30 : byte
    }

    private func record(_ hash: UInt64, character: Bool = false, _ name: @autoclosure () -> String) {
        guard names != nil else { return }
        names![character ? characterBucket(hash) : bucket(hash)] = name()
    }

    /// The feature named `prefix` + `value`, hashed in two parts rather than joined first.
    private func emit(_ prefix: StaticString, _ value: some StringProtocol, namespace: Namespace) {
        var hash = Hashing.step(Hashing.fnvOffset, namespace.rawValue)
        prefix.withUTF8Buffer { for byte in $0 { hash = Hashing.step(hash, byte) } }
        for byte in value.utf8 { hash = Hashing.step(hash, byte) }
        add(hash)
        record(hash, "\(prefix)\(value)")
    }

    /// Word 1..`wordMax`-grams of the accented view, whose words are separated by single spaces.
    /// With `plainToo` (version 1 only), the bytes are also the plain view (the text has no
    /// diacritics), whose unigrams are emitted from the same pass.
    private func words(_ bytes: UnsafeBufferPointer<UInt8>, plainToo: Bool = false) {
        wordHashes.count = 0
        plainHashes.count = 0
        wordNames.removeAll(keepingCapacity: true)
        // The plain unigrams are added after the n-grams, in the order of two separate passes.
        defer { for index in 0..<plainHashes.count { add(plainHashes[index]) } }
        let seed = WordSpan.seed
        let plainSeed = Hashing.step(Hashing.fnvOffset, Namespace.plainWord.rawValue)
        var hash = seed
        var plainHash = plainSeed
        var start = 0
        for index in 0...bytes.count {
            if index == bytes.count || bytes[index] == 0x20 {
                if index > start {
                    add(hash)
                    if plainToo { plainHashes.append(plainHash) }
                    if names != nil {
                        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                        record(hash, "w:" + word)
                        if plainToo { record(plainHash, "w:" + word) }
                        wordNames.append(word)
                    }
                    wordHashes.append(hash)
                }
                hash = seed
                plainHash = plainSeed
                start = index + 1
            } else {
                hash = WordSpan.step(hash, bytes[index])
                if plainToo { plainHash = WordSpan.step(plainHash, bytes[index]) }
            }
        }
        bigrams()
    }

    /// Version 2's word features of a text without diacritics, from its plain view's words: the
    /// same features, in the same order, as ``words(_:plainToo:)`` reads from the bytes.
    private func spanWords(_ spans: [WordSpan]) {
        wordHashes.count = 0
        for span in spans {
            add(span.hash)
            wordHashes.append(span.hash)
        }
        bigrams()
    }

    /// Version 2's plain words of a text with diacritics, from its plain view's words: the same
    /// features as ``plainWords(_:)`` reads from the bytes.
    private func spanPlainWords(_ spans: [WordSpan]) {
        for (word, span) in spans.enumerated() where word >= wordHashes.count || wordHashes[word] != span.hash {
            add(span.hash)
        }
    }

    /// Word 2-grams of the words in `wordHashes` (named from `wordNames` when recording names).
    private func bigrams() {
        guard config.wordMax >= 2, wordHashes.count >= 2 else { return }
        for index in 1..<wordHashes.count {
            let pair = (wordHashes[index - 1] &* 31) ^ (wordHashes[index] &+ UInt64(Namespace.bigram.rawValue) &* 0x9E37_79B9)
            add(pair)
            if names != nil { record(pair, "w:" + wordNames[index - 1] + " " + wordNames[index]) }
        }
    }

    /// The words of the plain view of a text with diacritics, after the accented view's pass. In
    /// version 1 each is a feature of its own (plain-word namespace); in version 2 each that is not
    /// the accented view's word at the same place (as that pass left them in `wordHashes`), hashed
    /// as a word. Both views have the same words, one for one, with and without diacritics.
    private func plainWords(_ bytes: UnsafeBufferPointer<UInt8>) {
        let seed = version2 ? WordSpan.seed : Hashing.step(Hashing.fnvOffset, Namespace.plainWord.rawValue)
        var hash = seed
        var start = 0
        var word = 0
        for index in 0...bytes.count {
            if index == bytes.count || bytes[index] == 0x20 {
                if index > start {
                    if !version2 || word >= wordHashes.count || wordHashes[word] != hash {
                        add(hash)
                        if names != nil { record(hash, "w:" + String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) }
                    }
                    word += 1
                }
                hash = seed
                start = index + 1
            } else {
                hash = WordSpan.step(hash, bytes[index])
            }
        }
    }

    /// Character n-grams inside each word padded with one space on each side.
    ///
    /// An n-gram of at most eight bytes is its own key: the last bytes sit in a rolling 64-bit
    /// window, so each n-gram costs a mask and one mix instead of hashing its bytes again.
    private func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        let minN = config.charMin
        let maxN = min(config.charMax, 8)
        guard maxN >= minN, minN >= 1 else { return }
        if names != nil { return namedCharacters(bytes, minN: minN, maxN: maxN) }
        var window: UInt64 = 0x20
        var filled = 1
        for index in 0...bytes.count {
            let byte: UInt8 = index == bytes.count ? 0x20 : Self.digitFolded(bytes[index])
            if filled == 1 {
                if byte == 0x20 { continue }
                // A word begins: its leading space is a 1-gram of its own.
                if minN == 1 { addCharacter(Self.characterKey(0x20, n: 1)) }
            }
            window = window << 8 | UInt64(byte)
            filled += 1
            if minN == maxN {
                if filled >= minN { addCharacter(Self.characterKey(window, n: minN)) }
            } else if filled >= minN {
                for n in minN...min(filled, maxN) { addCharacter(Self.characterKey(window, n: n)) }
            }
            if byte == 0x20 {
                // The space ends one word and opens the next (but no word has no bytes).
                window = 0x20
                filled = 1
            }
        }
    }
    /// The last `n` bytes of `window` as a character n-gram's key.
    @inline(__always)
    private static func characterKey(_ window: UInt64, n: Int) -> UInt64 {
        let gram = n == 8 ? window : window & ((1 << (UInt64(n) * 8)) - 1)
        return gram ^ (UInt64(n) << 60) ^ characterSeed
    }

    /// ``characters(_:)`` with the name of each n-gram recorded (for explanations).
    private func namedCharacters(_ bytes: UnsafeBufferPointer<UInt8>, minN: Int, maxN: Int) {
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x20 {
            if index > start {
                // Padded word: space, bytes[start..<index], space.
                let length = index - start + 2
                var window: UInt64 = 0
                for position in 0..<length {
                    let byte: UInt8 = position == 0 || position == length - 1 ? 0x20 : Self.digitFolded(bytes[start + position - 1])
                    window = window << 8 | UInt64(byte)
                    let available = min(position + 1, maxN)
                    guard available >= minN else { continue }
                    for n in minN...available {
                        let hash = Self.characterKey(window, n: n)
                        addCharacter(hash)
                        var text: [UInt8] = []
                        for p in position + 1 - n...position { text.append(p == 0 || p == length - 1 ? 0x20 : bytes[start + p - 1]) }
                        record(hash, character: true, "c:" + String(decoding: text, as: UTF8.self))
                    }
                }
            }
            start = index + 1
        }
    }

    private static let characterSeed: UInt64 = 0x6B69_656D_6368_6172
}
