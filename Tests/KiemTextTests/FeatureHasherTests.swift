import Foundation
import Testing
import KiemText

@Suite("Feature hasher")
struct FeatureHasherTests {
    let normalizer = Normalizer()

    @Test("n-grams that share a bucket are counted once, with their counts added")
    func sharedBuckets() {
        // 256 buckets for a few hundred n-grams: many share a bucket.
        let hasher = FeatureHasher(config: FeatureConfig(bucketBits: 8, charMin: 2, charMax: 5, wordMax: 2))
        let text = normalizer.normalize("""
            Vietcombank thong bao: tai khoan cua quy khach bi tam khoa do giao dich bat thuong. Vui long xac minh \
            tai https://vietcombank-xacminh.top truoc 17h hom nay, neu khong tai khoan se bi phong toa vinh vien. \
            Your account has been suspended; verify your identity now to restore access and avoid closure.
            """)
        var features: [FeatureHasher.Feature] = []
        hasher.features(text, entities: EntityExtractor.extract(text), into: &features)
        var seen = Set<UInt32>()
        for feature in features {
            #expect(feature.bucket < 256)
            #expect(seen.insert(feature.bucket | (feature.isCharacter ? 1 << 31 : 0)).inserted,
                    "bucket \(feature.bucket) (character: \(feature.isCharacter)) listed twice")
        }
        // Same n-grams in a large table, where few share a bucket: the same total count.
        let wide = FeatureHasher(config: FeatureConfig(bucketBits: 24, charMin: 2, charMax: 5, wordMax: 2))
        var wideFeatures: [FeatureHasher.Feature] = []
        wide.features(text, entities: EntityExtractor.extract(text), into: &wideFeatures)
        #expect(features.reduce(0) { $0 + Int($1.count) } == wideFeatures.reduce(0) { $0 + Int($1.count) })
        #expect(features.count < wideFeatures.count)
    }

    @Test("character n-grams: every n-gram of each space-padded word is counted, and explanations name the same ones",
          arguments: [(4, 4), (2, 5), (1, 8), (3, 3), (8, 8)])
    func characterGrams(range: (Int, Int)) {
        let texts = ["", "a", "Tài khoản 0912345678 của bạn bị khóa", "x y z", "supercalifragilistic ok", "l.ừ.a đ.ả.o 5tr"]
        for version in [1, 2] {
            let config = FeatureConfig(bucketBits: 24, charMin: range.0, charMax: range.1, wordMax: 1, version: version)
            let hasher = FeatureHasher(config: config)
            for raw in texts {
                let text = normalizer.normalize(raw)
                var features: [FeatureHasher.Feature] = []
                hasher.features(text, entities: [], into: &features)
                let characters = features.filter(\.isCharacter)
                // A padded word of L bytes has L - n + 1 n-grams of each length n up to L.
                var expected = 0
                for word in text.plain.split(separator: 0x20) {
                    let padded = word.count + 2
                    for n in range.0...range.1 where n <= padded { expected += padded - n + 1 }
                }
                #expect(characters.reduce(0) { $0 + Int($1.count) } == expected, "\(raw) \(range)")
                let named = hasher.namedFeatures(text, entities: []).filter { $0.value.hasPrefix("c:") }
                #expect(Set(named.keys) == Set(characters.map(\.bucket)), "\(raw) \(range)")
            }
        }
    }

    @Test("explanations name exactly the features a message is scored on, with and without diacritics", arguments: [1, 2])
    func namedAreScored(version: Int) {
        let texts = ["Tài khoản 0912345678 của bạn bị khóa, ck 5tr ngay", "tai khoan cua ban bi khoa ko ck 500k",
                     "Your account 12345 is locked", "", "Đ", "ok ok ok ok", "l.ừ.a đ.ả.o qua https://vcb-xacminh.top"]
        let hasher = FeatureHasher(config: FeatureConfig(bucketBits: 24, charMin: 3, charMax: 4, wordMax: 2, version: version))
        for raw in texts {
            let text = normalizer.normalize(raw)
            let entities = EntityExtractor.extract(text)
            var features: [FeatureHasher.Feature] = []
            hasher.features(text, entities: entities, into: &features)
            let named = hasher.namedFeatures(text, entities: entities)
            #expect(Set(named.keys) == Set(features.map(\.bucket)), "\(raw)")
            #expect(named.values.contains { $0.hasPrefix("w:") } == !text.plain.isEmpty, "\(raw)")
        }
    }

    @Test("the features of each version are frozen: models trained before still score the same", arguments: [1, 2])
    func frozen(version: Int) {
        let hasher = FeatureHasher(config: FeatureConfig(bucketBits: 20, charMin: 4, charMax: 4, wordMax: 2, version: version))
        var words: [UInt32] = []
        for raw in ["Tài khoản 5tr bị khóa", "tai khoan 9tr"] {
            let text = normalizer.normalize(raw)
            var features: [FeatureHasher.Feature] = []
            hasher.features(text, entities: [], into: &features)
            words += features.filter { !$0.isCharacter }.map(\.bucket).sorted()
        }
        // Word unigrams and bigrams of both texts, as 78aa4d6 computed them (digits read as 0, so
        // "5tr" and "9tr" are one feature; in version 2 the plain words of the first text are
        // those of the second).
        let expected: [Int: [UInt32]] = [
            1: [6250, 182607, 196164, 454734, 465547, 521225, 568057, 592177, 597367, 628265, 828812, 831506, 874112, 963477, 1001584,
                196164, 505322, 543938, 547716, 619699, 769839, 786611, 828812],
            2: [6250, 104346, 182607, 262319, 454734, 465547, 521225, 543938, 568057, 592177, 628265, 769839, 874112, 1001584,
                505322, 543938, 547716, 769839, 786611],
        ]
        #expect(words == expected[version])
    }

    @Test("the same message gives the same features every time, whatever came before")
    func repeatable() {
        let hasher = FeatureHasher(config: FeatureConfig())
        let first = normalizer.normalize("Nhan qua tang 5tr tai bit.ly/qua-tang, soan OTP gui 0912345678")
        var before: [FeatureHasher.Feature] = []
        hasher.features(first, entities: EntityExtractor.extract(first), into: &before)
        let other = normalizer.normalize(String(repeating: "lorem ipsum dolor sit amet ", count: 200))
        var scratch: [FeatureHasher.Feature] = []
        hasher.features(other, entities: [], into: &scratch)
        var after: [FeatureHasher.Feature] = []
        hasher.features(first, entities: EntityExtractor.extract(first), into: &after)
        #expect(before == after)
        #expect(!before.isEmpty)
    }

    /// The word features of a message, by name.
    private func wordNames(_ text: String, version: Int) -> [String] {
        let hasher = FeatureHasher(config: FeatureConfig(bucketBits: 24, charMin: 4, charMax: 4, wordMax: 1, version: version))
        let normalized = normalizer.normalize(text)
        return hasher.namedFeatures(normalized, entities: []).values.filter { $0.hasPrefix("w:") }.sorted()
    }

    @Test("version 2: a word typed with or without accents meets its plain form once")
    func plainWordsOnce() {
        let hasher = FeatureHasher(config: FeatureConfig(bucketBits: 24, charMin: 4, charMax: 4, wordMax: 1))
        #expect(hasher.config.version == FeatureConfig.currentVersion)
        // With accents: the accented words, and the plain words where they differ ("lừa" → "lua").
        #expect(wordNames("Cảnh báo lừa đảo qua tin nhắn", version: 2)
                == ["w:bao", "w:báo", "w:canh", "w:cảnh", "w:dao", "w:lua", "w:lừa", "w:nhan", "w:nhắn", "w:qua", "w:tin", "w:đảo"])
        // Without accents: each word once, and the plain words of the accented text are among them.
        let typedPlain = wordNames("canh bao lua dao qua tin nhan", version: 2)
        #expect(typedPlain == ["w:bao", "w:canh", "w:dao", "w:lua", "w:nhan", "w:qua", "w:tin"])
        let plainText = normalizer.normalize("canh bao lua dao qua tin nhan")
        var features: [FeatureHasher.Feature] = []
        hasher.features(plainText, entities: [], into: &features)
        #expect(features.filter { !$0.isCharacter }.count == 7)
        #expect(features.allSatisfy { $0.count == 1 })
        let accented = normalizer.normalize("Cảnh báo lừa đảo qua tin nhắn")
        var accentedFeatures: [FeatureHasher.Feature] = []
        hasher.features(accented, entities: [], into: &accentedFeatures)
        let shared = Set(features.map(\.bucket)).intersection(accentedFeatures.map(\.bucket))
        // Every word and every character 4-gram of the plain text is also a feature of the accented one.
        #expect(shared.count == features.count)
    }

    @Test("version 1, as older models were trained: plain words are features of their own")
    func versionOne() throws {
        // "lua" typed without accents is two features in version 1: the word and the plain word.
        let hasher = FeatureHasher(config: FeatureConfig(bucketBits: 24, charMin: 4, charMax: 4, wordMax: 1, version: 1))
        let text = normalizer.normalize("canh bao lua dao qua tin nhan")
        var features: [FeatureHasher.Feature] = []
        hasher.features(text, entities: [], into: &features)
        #expect(features.filter { !$0.isCharacter }.count == 14)
        // The character n-grams are bucketed differently from version 2's.
        let current = FeatureHasher(config: FeatureConfig(bucketBits: 24, charMin: 4, charMax: 4, wordMax: 1))
        var currentFeatures: [FeatureHasher.Feature] = []
        current.features(text, entities: [], into: &currentFeatures)
        #expect(Set(features.filter(\.isCharacter).map(\.bucket)).isDisjoint(with: currentFeatures.filter(\.isCharacter).map(\.bucket)))
        #expect(features.filter(\.isCharacter).count == currentFeatures.filter(\.isCharacter).count)
    }

    @Test("a configuration written before versions existed reads as version 1; a newer one is refused")
    func versionDecoding() throws {
        let old = #"{"bucketBits":18,"charMax":4,"charMin":4,"characterView":"plain","wordMax":2}"#
        let decoded = try JSONDecoder().decode(FeatureConfig.self, from: Data(old.utf8))
        #expect(decoded == FeatureConfig(bucketBits: 18, charMin: 4, charMax: 4, wordMax: 2, version: 1))
        let written = try JSONEncoder().encode(FeatureConfig(bucketBits: 18))
        #expect(try JSONDecoder().decode(FeatureConfig.self, from: written).version == FeatureConfig.currentVersion)
        let newer = #"{"bucketBits":18,"charMax":4,"charMin":4,"characterView":"plain","wordMax":2,"version":99}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FeatureConfig.self, from: Data(newer.utf8)) }
    }
}
