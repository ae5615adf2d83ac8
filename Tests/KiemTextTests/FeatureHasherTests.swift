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
}
