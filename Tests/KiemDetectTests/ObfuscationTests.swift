import Foundation
import KiemDetect
import KiemText
import Testing

/// Recall on scams from the dev split of vi-smishing-ie403, as written and after the tricks
/// scammers use to slip past filters. Trained on the train split only.
@Suite("Obfuscation robustness")
struct ObfuscationTests {
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
        let scorer = ModelScorer(model: model)
        func recall(_ texts: [String]) -> Double {
            let found = texts.filter { model.predictClass(probabilities: scorer.probabilities($0)) == "smishing" }
            return Double(found.count) / Double(texts.count)
        }
        let original = recall(scams)
        #expect(original >= 0.6)
        for obfuscation in Obfuscation.allCases {
            let changed = scams.map(obfuscation.apply)
            // Most scam SMS arrive without accents already; every other trick changes nearly all.
            let changedCount = zip(changed, scams).filter { $0 != $1 }.count
            #expect(changedCount * (obfuscation == .accentsRemoved ? 4 : 2) >= scams.count, "\(obfuscation.rawValue) changed only \(changedCount)")
            let obfuscated = recall(changed)
            #expect(original - obfuscated <= 0.02, "\(obfuscation.rawValue): recall \(original) → \(obfuscated)")
        }
    }
}
