import Foundation
import KiemDetect
import KiemText
import Testing

/// Recall on scams from the dev split of vi-smishing-ie403, as written and after the tricks
/// scammers use to slip past filters. Trained on the train split only.
@Suite("Obfuscation robustness")
struct ObfuscationTests {
    /// A small deterministic generator for the obfuscations.
    struct Dice {
        var state: UInt64 = 0x2026_1123
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func stripAccents(_ text: String) -> String {
        String(String.UnicodeScalarView(text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }))
    }

    static func mapWords(_ text: String, every: Int, _ transform: (String) -> String) -> String {
        var dice = Dice()
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let letters = word.filter(\.isLetter).count
            return letters >= 3 && dice.next(every) == 0 ? transform(String(word)) : String(word)
        }.joined(separator: " ")
    }

    static let obfuscations: [(name: String, apply: @Sendable (String) -> String)] = [
        ("accents removed", { stripAccents($0) }),
        ("zero-width characters", { mapWords($0, every: 2) { word in word.map { String($0) }.joined(separator: "\u{200B}") } }),
        ("Cyrillic look-alikes", { text in
            let table: [Character: Character] = ["a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "y": "у"]
            return String(text.map { table[$0] ?? $0 })
        }),
        ("spaced letters", { mapWords($0, every: 3) { word in word.map { String($0) }.joined(separator: ".") } }),
        ("leetspeak", { mapWords($0, every: 2) { word in
            String(word.map { ["o": "0", "a": "4", "e": "3", "i": "1"][$0] ?? $0 })
        } }),
    ]

    @Test("recall drops by at most 2 points under each obfuscation")
    func recallUnderObfuscation() throws {
        guard SharedData.available else { return }
        let train = try SharedData.rows("vi-smishing-ie403", "train").map {
            TrainingExample(text: $0["text"] as! String, labels: [$0["label"] as! String], singleLabel: true)
        }
        let scams = try SharedData.rows("vi-smishing-ie403", "dev").filter { $0["label"] as? String == "smishing" }.map { $0["text"] as! String }
        #expect(scams.count >= 30)
        var options = Trainer.Options()
        options.features = FeatureConfig(bucketBits: 18)
        options.cost = 1
        let model = Trainer(options: options).train(train)
        let normalizer = Normalizer()
        let hasher = FeatureHasher(config: model.config)
        var features: [FeatureHasher.Feature] = []
        var margins: [Double] = []
        func recall(_ texts: [String]) -> Double {
            let found = texts.filter { text in
                let normalized = normalizer.normalize(text)
                hasher.features(normalized, entities: EntityExtractor.extract(normalized), into: &features)
                return model.predictClass(probabilities: model.probabilities(features, margins: &margins)) == "smishing"
            }
            return Double(found.count) / Double(texts.count)
        }
        let original = recall(scams)
        #expect(original >= 0.6)
        for obfuscation in Self.obfuscations {
            let changed = scams.map(obfuscation.apply)
            // Most scam SMS arrive without accents already; every other trick changes nearly all.
            let changedCount = zip(changed, scams).filter { $0 != $1 }.count
            #expect(changedCount * (obfuscation.name == "accents removed" ? 4 : 2) >= scams.count, "\(obfuscation.name) changed only \(changedCount)")
            let obfuscated = recall(changed)
            #expect(original - obfuscated <= 0.02, "\(obfuscation.name): recall \(original) → \(obfuscated)")
        }
    }
}
