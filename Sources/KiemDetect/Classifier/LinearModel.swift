import Foundation
import KiemText

/// A multi-label linear classifier over hashed TF-IDF features, with calibrated probabilities
/// and the names of its strongest features for explanations.
///
/// Each hash bucket stores its IDF and one weight per label side by side, so scoring a feature
/// touches one place in memory for all labels. A class: the engine reads it for every message,
/// and a reference is one count to keep, where a copy of its header was a dozen.
public final class LinearModel: Sendable {
    /// Everything about the model except the weight table.
    public struct Header: Codable, Sendable {
        public var format: Int
        public var labels: [String]
        public var features: FeatureConfig
        public var bias: [Double]
        public var calibration: [PlattScaling]
        /// Per-label decision thresholds on the calibrated probability, tuned on held-out data.
        public var thresholds: [Double]
        /// For single-label data: the class that means "none of the labels" (e.g. `ham`).
        public var negativeClass: String?
        public var created: String
        public var trainedOn: [String]
        public var examples: Int
        /// Readable names of the strongest buckets, per label index.
        public var featureNames: [[String: String]]
    }

    public let header: Header
    public var labels: [String] { header.labels }
    public var config: FeatureConfig { header.features }
    /// Floats per bucket: the IDF, then one weight per label.
    let stride: Int
    let weights: WeightTable
    let names: [[UInt32: String]]

    /// - Parameter table: per bucket, the IDF then one weight per label.
    public convenience init(header: Header, table: [Float]) {
        let weights = WeightTable(count: table.count)
        table.withUnsafeBufferPointer { weights.base.update(from: $0.baseAddress!, count: table.count) }
        self.init(header: header, weights: weights)
    }

    private init(header: Header, weights: WeightTable) {
        self.header = header
        stride = header.labels.count + 1
        self.weights = weights
        names = header.featureNames.map { map in
            Dictionary(uniqueKeysWithValues: map.compactMap { key, value in UInt32(key).map { ($0, value) } })
        }
    }

    /// A feature hasher for this model's features that asks for each feature's weight row as
    /// the feature is first counted, so that the rows are on their way before
    /// ``margins(_:into:)`` reads them. The session that holds it also holds the model.
    public func makeHasher() -> FeatureHasher {
        let hasher = FeatureHasher(config: config)
        hasher.prefetchRows(at: UnsafeRawPointer(weights.base), rowBytes: stride * MemoryLayout<Float>.stride)
        return hasher
    }

    /// Raw margins per label for a message's features.
    public func margins(_ features: [FeatureHasher.Feature], into margins: inout [Double]) {
        let labelCount = stride - 1
        if margins.count != labelCount * 2 { margins = [Double](repeating: 0, count: labelCount * 2) }
        var squaredNorm: (Float, Float) = (0, 0)
        // The table of 1 + ln(count) read once, not through its lazy global per feature.
        let small = Self.sublinearTable
        let weights = UnsafeBufferPointer(start: self.weights.base, count: self.weights.count)
        margins.withUnsafeMutableBufferPointer { out in
            for index in 0..<labelCount * 2 { out[index] = 0 }
            // No branch on unseen buckets (idf 0): their value is 0 anyway, and a branch on a
            // cache-missing load would serialize the loads that otherwise overlap.
            if labelCount <= 8 {
                // Up to eight labels: accumulate in registers, one vector load per feature.
                var words = SIMD8<Float>()
                var characters = SIMD8<Float>()
                let raw = UnsafeRawPointer(weights.baseAddress!)
                for feature in features {
                    let base = Int(feature.bucket) &* stride
                    let value = Self.sublinear(feature.count, small) * weights[base]
                    let vector = raw.loadUnaligned(fromByteOffset: (base + 1) &* 4, as: SIMD8<Float>.self) * value
                    if feature.isCharacter {
                        characters += vector
                        squaredNorm.1 += value * value
                    } else {
                        words += vector
                        squaredNorm.0 += value * value
                    }
                }
                for label in 0..<labelCount {
                    out[label] = Double(words[label])
                    out[labelCount + label] = Double(characters[label])
                }
            } else {
                for feature in features {
                    let base = Int(feature.bucket) &* stride
                    let value = Self.sublinear(feature.count, small) * weights[base]
                    let character = feature.isCharacter
                    if character { squaredNorm.1 += value * value } else { squaredNorm.0 += value * value }
                    let offset = character ? labelCount : 0
                    for label in 0..<labelCount { out[offset + label] += Double(value * weights[base + 1 + label]) }
                }
            }
            let wordScale = squaredNorm.0 > 0 ? 1 / Double(squaredNorm.0.squareRoot()) : 0
            let characterScale = squaredNorm.1 > 0 ? 1 / Double(squaredNorm.1.squareRoot()) : 0
            for label in 0..<labelCount {
                out[label] = out[label] * wordScale + out[labelCount + label] * characterScale + header.bias[label]
            }
        }
    }

    /// 1 + ln(count), from a table for the usual small counts.
    @inline(__always)
    static func sublinear(_ count: UInt16, _ small: [Float]) -> Float {
        count < 16 ? small.withUnsafeBufferPointer { $0[Int(count)] } : 1 + logf(Float(count))
    }

    static let sublinearTable: [Float] = (0..<16).map { $0 == 0 ? 0 : 1 + logf(Float($0)) }

    /// The scale that brings each feature group of a message to unit length: (words, characters).
    func groupScales(_ features: [FeatureHasher.Feature]) -> (Float, Float) {
        var squaredNorm: (Float, Float) = (0, 0)
        for feature in features {
            let value = (1 + logf(Float(feature.count))) * weights.base[Int(feature.bucket) &* stride]
            if feature.isCharacter { squaredNorm.1 += value * value } else { squaredNorm.0 += value * value }
        }
        return (squaredNorm.0 > 0 ? 1 / squaredNorm.0.squareRoot() : 0, squaredNorm.1 > 0 ? 1 / squaredNorm.1.squareRoot() : 0)
    }

    /// The features that pushed a label up the most, with their names, strongest first.
    ///
    /// Names come from `named` (the message's own features, when explaining at length) or from the
    /// names the model keeps for its strongest features; unnamed features are skipped.
    public func explain(_ features: [FeatureHasher.Feature], label: Int, named: [UInt32: String], limit: Int = 5) -> [(name: String, weight: Double)] {
        var best: [(bucket: UInt32, contribution: Double)] = []
        best.reserveCapacity(limit + 1)
        let scales = groupScales(features)
        for feature in features {
            let base = Int(feature.bucket) &* stride
            let scale = feature.isCharacter ? scales.1 : scales.0
            let contribution = Double((1 + logf(Float(feature.count))) * weights.base[base] * weights.base[base + 1 + label] * scale)
            // Features in more than one message in twenty (idf below 4) explain nothing.
            guard contribution > 0, weights.base[base] >= 4, best.count < limit || contribution > best[best.count - 1].contribution else { continue }
            guard named[feature.bucket] != nil || names[label][feature.bucket] != nil else { continue }
            var position = best.count
            while position > 0 && best[position - 1].contribution < contribution { position -= 1 }
            best.insert((feature.bucket, contribution), at: position)
            if best.count > limit { best.removeLast() }
        }
        return best.map { (name: named[$0.bucket] ?? names[label][$0.bucket] ?? "", weight: $0.contribution) }
    }

    // MARK: - File format

    private static let magic = Array("KIEMMODEL1\n".utf8)

    /// The model as bytes: magic, header JSON length and JSON, then the non-empty buckets.
    public func serialized() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = Array(try encoder.encode(header))
        var out = Self.magic
        Self.append(UInt32(json.count), to: &out)
        out += json
        let buckets = header.features.bucketCount
        var entries: [Int] = []
        for bucket in 0..<buckets where weights.base[bucket * stride] != 0 { entries.append(bucket) }
        Self.append(UInt32(entries.count), to: &out)
        out.reserveCapacity(out.count + entries.count * (4 + 4 * stride))
        for bucket in entries {
            Self.append(UInt32(bucket), to: &out)
            for offset in 0..<stride { Self.append(weights.base[bucket * stride + offset].bitPattern, to: &out) }
        }
        return out
    }

    /// Reads a model written by ``serialized()``.
    public convenience init(serialized bytes: [UInt8]) throws {
        guard bytes.count > Self.magic.count + 8, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw ModelError.notAModel
        }
        var cursor = Self.magic.count
        func readUInt32() throws -> UInt32 {
            guard cursor + 4 <= bytes.count else { throw ModelError.truncated }
            let value = UInt32(bytes[cursor]) | UInt32(bytes[cursor + 1]) << 8 | UInt32(bytes[cursor + 2]) << 16 | UInt32(bytes[cursor + 3]) << 24
            cursor += 4
            return value
        }
        let headerLength = Int(try readUInt32())
        guard cursor + headerLength <= bytes.count else { throw ModelError.truncated }
        var header: Header
        do {
            let decoder = JSONDecoder()
            decoder.userInfo[Header.featureNamesReadApart] = true
            header = try decoder.decode(Header.self, from: Data(bytes[cursor..<cursor + headerLength]))
            header.featureNames = try bytes.withUnsafeBufferPointer {
                try Self.featureNames(inHeader: UnsafeBufferPointer(rebasing: $0[cursor..<cursor + headerLength]))
            }
        } catch {
            throw ModelError.invalidHeader("\(error)")
        }
        cursor += headerLength
        let labelCount = header.labels.count
        guard header.features.bucketBits >= 8 && header.features.bucketBits <= 26,
              header.bias.count == labelCount, header.calibration.count == labelCount, header.thresholds.count == labelCount else {
            throw ModelError.invalidHeader("label arrays and bucket count disagree")
        }
        let stride = labelCount + 1
        // Read straight into the table: no second copy of its megabytes.
        let weights = WeightTable(count: header.features.bucketCount * stride)
        let entries = Int(try readUInt32())
        // Each entry: its bucket, then the bucket's floats, all little-endian; read in one pass
        // over the bytes once the file is known to hold them all.
        let entryBytes = 4 * (1 + stride)
        guard entries <= (bytes.count - cursor) / entryBytes else { throw ModelError.truncated }
        try bytes.withUnsafeBytes { raw in
            func word(_ offset: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
            for entry in 0..<entries {
                let start = cursor + entry * entryBytes
                let bucket = Int(word(start))
                guard bucket < header.features.bucketCount else { throw ModelError.invalidHeader("bucket \(bucket) out of range") }
                for offset in 0..<stride { weights.base[bucket * stride + offset] = Float(bitPattern: word(start + 4 + 4 * offset)) }
            }
        }
        self.init(header: header, weights: weights)
    }

    /// The `featureNames` of a header's JSON: per label, bucket (as a string) → name.
    private static func featureNames(inHeader json: UnsafeBufferPointer<UInt8>) throws -> [[String: String]] {
        var reader = JSONReader(bytes: json)
        var names: [[String: String]] = []
        do {
            try reader.readObject(keyBytes: { key, reader in
                guard JSONReader.key(key, is: "featureNames") else {
                    _ = try reader.skipValue()
                    return
                }
                try reader.readArray { reader in
                    var map: [String: String] = [:]
                    try reader.readObject { bucket, reader in map[bucket] = try reader.readStringValue() }
                    names.append(map)
                }
            })
        } catch let error as JSONReader.Failure {
            throw ModelError.invalidHeader("feature names: \(error.reason) at byte \(error.offset)")
        }
        return names
    }

    private static func append(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(value & 0xFF))
        out.append(UInt8(value >> 8 & 0xFF))
        out.append(UInt8(value >> 16 & 0xFF))
        out.append(UInt8(value >> 24 & 0xFF))
    }
}

extension LinearModel.Header {
    /// Set in a decoder's `userInfo`, the feature names are left empty: a model file's
    /// reader reads them apart, with the byte-level reader, in a fraction of the time
    /// `Codable` takes for thousands of dictionary entries (most of a model's start-up).
    static let featureNamesReadApart = CodingUserInfoKey(rawValue: "kiem.featureNamesReadApart")!

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        format = try fields.decode(Int.self, forKey: .format)
        labels = try fields.decode([String].self, forKey: .labels)
        features = try fields.decode(FeatureConfig.self, forKey: .features)
        bias = try fields.decode([Double].self, forKey: .bias)
        calibration = try fields.decode([PlattScaling].self, forKey: .calibration)
        thresholds = try fields.decode([Double].self, forKey: .thresholds)
        negativeClass = try fields.decodeIfPresent(String.self, forKey: .negativeClass)
        created = try fields.decode(String.self, forKey: .created)
        trainedOn = try fields.decode([String].self, forKey: .trainedOn)
        examples = try fields.decode(Int.self, forKey: .examples)
        featureNames = decoder.userInfo[Self.featureNamesReadApart] as? Bool == true
            ? [] : try fields.decode([[String: String]].self, forKey: .featureNames)
    }
}

/// Why a model file could not be read.
public enum ModelError: Error, CustomStringConvertible {
    case notAModel, truncated
    case invalidHeader(String)

    public var description: String {
        switch self {
        case .notAModel: "not a Kiem model file"
        case .truncated: "model file is truncated"
        case .invalidHeader(let reason): "model header is invalid: \(reason)"
        }
    }
}

/// A model's weight table in memory of its own, aligned to a cache line, that does not move
/// while the model lives: the feature hasher asks for rows by address before they are read.
/// Written once when the model is made, then only read, so it is shared across threads.
///
/// A table of 2 MB or more is asked to sit on huge pages (Linux's `MADV_HUGEPAGE`, honoured
/// when transparent huge pages are set to `madvise` or `always`): the rows are read at random,
/// and with 4 KB pages nearly every row read also misses the TLB.
final class WeightTable: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    let count: Int

    /// A table of `count` floats, all 0.
    init(count: Int) {
        // Eight spare floats so that a vector load at the last bucket stays in bounds.
        self.count = count + 8
        let bytes = self.count * MemoryLayout<Float>.stride
        let hugePage = 2 << 20
        let alignment = bytes >= hugePage ? hugePage : 64
        let size = (bytes + alignment - 1) / alignment * alignment
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, alignment, size) == 0, let memory else {
            fatalError("out of memory for a model table of \(size) bytes")
        }
        #if os(Linux)
        // Only a hint: where the kernel declines, the table is on ordinary pages.
        if alignment == hugePage { _ = madvise(memory, size, MADV_HUGEPAGE) }
        #endif
        base = memory.initializeMemory(as: Float.self, repeating: 0, count: self.count)
    }

    deinit { free(base) }
}
