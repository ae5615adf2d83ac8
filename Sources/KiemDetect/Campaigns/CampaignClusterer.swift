import KiemText

/// Groups incoming messages, as they arrive, into clusters of near-identical texts: the same scam
/// sent to thousands with a changed name, amount or link.
///
/// Each message's plain view is cut into shingles (pairs of neighbouring words); a MinHash signature
/// of `hashCount` values estimates the Jaccard similarity of two messages, and LSH over
/// `bands` bands finds the earlier clusters worth comparing in constant time. A message joins the
/// cluster whose first message it resembles at least `similarity`, or starts a new one.
public final class CampaignClusterer {
    /// What is kept of a cluster.
    public struct Cluster: Sendable {
        public let id: Int
        public var size: Int
        public var firstSeen: Int64
        public var lastSeen: Int64
        /// The first message, as it arrived.
        public var sample: String
        /// Links, phone numbers and accounts, with how many messages of the cluster carry each.
        public var indicators: [String: Int]
        let signature: [UInt32]

        /// The indicators at least half of the cluster's messages share.
        public var sharedIndicators: [String] {
            indicators.filter { $0.value * 2 >= size }.keys.sorted()
        }
    }

    public let hashCount = 64
    public let bands = 16
    public let similarity: Double
    /// Per slot, the odd multiplier and the offset of its multiply-add-shift hash.
    private let multipliers: [UInt64]
    private let offsets: [UInt64]
    private var buckets: [UInt64: Int32] = [:]
    public private(set) var clusters: [Cluster] = []
    private let normalizer = Normalizer()
    private var signature: [UInt32]

    public init(similarity: Double = 0.5) {
        self.similarity = similarity
        var random = SplitMix(seed: 0x5eed)
        multipliers = (0..<64).map { _ in random.next() | 1 }
        offsets = (0..<64).map { _ in random.next() }
        signature = [UInt32](repeating: 0, count: 64)
    }

    /// Assigns a message to a cluster; nil for messages too short to tell apart (under four words).
    public func assign(_ text: String, at time: Int64, indicators: [String] = []) -> Int? {
        assign(normalizer.normalize(text), sample: text, at: time, indicators: indicators)
    }

    /// Assigns a message already normalized; `sample` is the text kept when it starts a cluster.
    public func assign(_ text: NormalizedText, sample: String, at time: Int64, indicators: [String] = []) -> Int? {
        guard sign(text.plain) else { return nil }
        let rows = hashCount / bands
        var bandKeys: [UInt64] = []
        bandKeys.reserveCapacity(bands)
        var chosen: Int?
        for band in 0..<bands {
            var key = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            for row in 0..<rows { key = Hashing.finalize(key ^ UInt64(signature[band * rows + row])) }
            bandKeys.append(key)
            if chosen == nil, let candidate = buckets[key], estimate(clusters[Int(candidate)].signature) >= similarity {
                chosen = Int(candidate)
            }
        }
        let id: Int
        if let chosen {
            id = chosen
            clusters[id].size += 1
            clusters[id].lastSeen = max(clusters[id].lastSeen, time)
            clusters[id].firstSeen = min(clusters[id].firstSeen, time)
            if clusters[id].indicators.count < 64 || indicators.allSatisfy({ clusters[id].indicators[$0] != nil }) {
                for indicator in Set(indicators) { clusters[id].indicators[indicator, default: 0] += 1 }
            }
        } else {
            id = clusters.count
            clusters.append(Cluster(id: id, size: 1, firstSeen: time, lastSeen: time, sample: sample,
                                    indicators: Dictionary(Set(indicators).map { ($0, 1) }, uniquingKeysWith: +), signature: signature))
        }
        for key in bandKeys where buckets[key] == nil { buckets[key] = Int32(id) }
        return id
    }

    /// The estimated Jaccard similarity of the current signature to another.
    private func estimate(_ other: [UInt32]) -> Double {
        var same = 0
        for index in 0..<hashCount where signature[index] == other[index] { same += 1 }
        return Double(same) / Double(hashCount)
    }

    /// Computes the MinHash signature of a plain view into `signature`; false when it has under four words.
    private func sign(_ plain: [UInt8]) -> Bool {
        for index in 0..<hashCount { signature[index] = .max }
        var previous: UInt64 = 0
        var words = 0
        var hash = Hashing.fnvOffset
        for index in 0...plain.count {
            if index < plain.count && plain[index] != 0x20 {
                hash = Hashing.step(hash, plain[index])
                continue
            }
            if hash == Hashing.fnvOffset { continue }
            words += 1
            if words > 1 {
                // One full mix per shingle, then a multiply-add-shift hash per slot (the high
                // bits of a·x + b): a 2-universal family, all MinHash needs, at a third of the cost
                // of mixing every slot.
                let shingle = Hashing.finalize(previous &* 31 &+ hash)
                multipliers.withUnsafeBufferPointer { multipliers in
                    offsets.withUnsafeBufferPointer { offsets in
                        signature.withUnsafeMutableBufferPointer { signature in
                            for slot in 0..<signature.count {
                                let value = UInt32(truncatingIfNeeded: (shingle &* multipliers[slot] &+ offsets[slot]) >> 32)
                                if value < signature[slot] { signature[slot] = value }
                            }
                        }
                    }
                }
            }
            previous = hash
            hash = Hashing.fnvOffset
        }
        return words >= 4
    }
}
