import Foundation
import KiemDetect
import KiemText
import Testing

@Suite("Classifier: training, calibration, file format, evaluation")
struct ClassifierTests {
    static let examples: [TrainingExample] = {
        var rows: [TrainingExample] = []
        let scams = ["Tài khoản của bạn bị khoá, xác minh tại vcb-xacminh.top", "Chúc mừng bạn trúng thưởng, gọi ngay để nhận quà",
                     "Công an yêu cầu chuyển tiền vào tài khoản an toàn", "Việc nhẹ lương cao, hoa hồng mỗi ngày",
                     "Khoản vay đã duyệt, chuyển phí bảo hiểm để giải ngân", "Cung cấp mã OTP để hoàn tiền"]
        let clean = ["Mai đi cà phê không", "Con đã ăn cơm chưa", "Họp lớp tháng sau nhé", "Cảm ơn anh, em nhận được rồi",
                     "Chiều nay trời mưa to quá", "Lịch học tuần sau thay đổi"]
        for round in 0..<20 {
            for text in scams { rows.append(TrainingExample(text: "\(text) \(round)", labels: ["scam"], singleLabel: true)) }
            for text in clean { rows.append(TrainingExample(text: "\(text) \(round)", labels: ["ham"], singleLabel: true)) }
        }
        return rows
    }()

    func trained() -> LinearModel {
        var options = Trainer.Options()
        options.features = FeatureConfig(bucketBits: 16)
        options.cost = 1
        return Trainer(options: options).train(Self.examples)
    }

    @Test("single-label data learns one head per class except the negative one")
    func labelSet() {
        let model = trained()
        #expect(model.labels == ["scam"])
        #expect(model.header.negativeClass == "ham")
    }

    @Test("probabilities separate the classes on unseen wording")
    func separates() {
        let scorer = ModelScorer(model: trained())
        func probability(_ text: String) -> Double { scorer.probabilities(text)[0] }
        #expect(probability("tai khoan bi khoa, xac minh ngay") > 0.7)
        #expect(probability("mai di ca phe voi em khong") < 0.3)
    }

    @Test("a saved model loads back and scores identically")
    func roundTrip() throws {
        let model = trained()
        let loaded = try LinearModel(serialized: try model.serialized())
        #expect(loaded.labels == model.labels)
        #expect(loaded.header.calibration == model.header.calibration)
        let text = "Chúc mừng bạn trúng thưởng"
        #expect(ModelScorer(model: model).probabilities(text) == ModelScorer(model: loaded).probabilities(text))
        // Buckets are written in order: saving again gives the same bytes.
        #expect(try loaded.serialized() == model.serialized())
    }

    @Test("the model's own hasher, which fetches weight rows ahead, gives the same features and margins")
    func prefetchingHasher() {
        let model = trained()
        let plain = FeatureHasher(config: model.config)
        let fetching = model.makeHasher()
        let normalizer = Normalizer()
        for text in Self.examples.prefix(24).map(\.text) + ["", "a", String(repeating: "lừa đảo vcb-xacminh.top 0912345678 ", count: 200)] {
            let normalized = normalizer.normalize(text)
            let entities = EntityExtractor.extract(normalized)
            var expected: [FeatureHasher.Feature] = []
            var actual: [FeatureHasher.Feature] = []
            plain.features(normalized, entities: entities, into: &expected)
            fetching.features(normalized, entities: entities, into: &actual)
            #expect(actual == expected)
            var expectedMargins: [Double] = []
            var actualMargins: [Double] = []
            model.margins(expected, into: &expectedMargins)
            model.margins(actual, into: &actualMargins)
            #expect(actualMargins == expectedMargins)
        }
    }

    @Test("corrupt model files are rejected, not trusted")
    func corruptFiles() throws {
        let bytes = try trained().serialized()
        #expect(throws: ModelError.self) { try LinearModel(serialized: Array(bytes.prefix(40))) }
        #expect(throws: ModelError.self) { try LinearModel(serialized: Array("hello".utf8) + bytes) }
        #expect(throws: ModelError.self) { try LinearModel(serialized: Array(bytes.dropLast(3))) }
    }

    @Test("multi-label JSONL and single-label JSONL both parse")
    func trainingLines() throws {
        let multi = try TrainingExample(jsonLine: Array(#"{"text": "x", "labels": ["scam", "phishing"]}"#.utf8))
        #expect(multi.labels == ["scam", "phishing"] && !multi.singleLabel)
        let single = try TrainingExample(jsonLine: Array(#"{"text": "x", "label": "spam", "other": 1}"#.utf8))
        #expect(single.labels == ["spam"] && single.singleLabel)
        let map = try TrainingExample(jsonLine: Array(#"{"text": "x", "labels": {"scam": 1, "spam": 0}}"#.utf8))
        #expect(map.labels == ["scam"])
        #expect(throws: TrainingExample.ParseError.self) { try TrainingExample(jsonLine: Array(#"{"label": "x"}"#.utf8)) }
    }

    @Test("evaluation: precision, recall, F1, macro-F1 and MCC from a known confusion")
    func evaluation() {
        // 8 spam found, 2 missed, 1 false alarm, 89 ham right.
        let gold = Array(repeating: "spam", count: 10) + Array(repeating: "ham", count: 90)
        let predicted = Array(repeating: "spam", count: 8) + ["ham", "ham"] + ["spam"] + Array(repeating: "ham", count: 89)
        let evaluation = Evaluation(classes: ["ham", "spam"], gold: gold, predicted: predicted, positiveClass: "spam")
        let spam = evaluation.scores.first { $0.name == "spam" }!
        #expect(abs(spam.precision - 8.0 / 9.0) < 1e-9)
        #expect(abs(spam.recall - 0.8) < 1e-9)
        // MCC = (8·89 − 1·2) / sqrt(9·10·91·90)
        #expect(abs(evaluation.mcc! - (8.0 * 89 - 2) / (9.0 * 10 * 91 * 90).squareRoot()) < 1e-9)
        #expect(evaluation.confusion! == [[89, 1], [2, 8]])
        #expect(evaluation.report().contains("MCC (spam)"))
    }
}
