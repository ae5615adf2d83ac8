import Foundation
import Testing

@Suite("kiem train and kiem eval")
struct TrainEvalCommandTests {
    @Test("a model trained on JSONL evaluates with per-label scores, MCC, confusion and throughput")
    func trainThenEvaluate() throws {
        var lines: [String] = []
        let spam = ["Nhận ngay 5 triệu, bấm link", "Vay tiền nhanh không thế chấp", "Trúng thưởng xe SH, gọi ngay", "Sim số đẹp giá rẻ"]
        let ham = ["Mai đi học nhé", "Con ăn cơm chưa", "Anh về muộn", "Cảm ơn chị nhiều"]
        for round in 0..<15 {
            for text in spam { lines.append(#"{"text": "\#(text) \#(round)", "label": "spam"}"#) }
            for text in ham { lines.append(#"{"text": "\#(text) \#(round)", "label": "ham"}"#) }
        }
        lines.append("not json")
        let data = try KiemProcess.file(Array(lines.joined(separator: "\n").utf8))
        let model = data.deletingLastPathComponent().appendingPathComponent("m.model")
        let train = try KiemProcess.run(["train", "--data", data.path, "--out", model.path, "--bits", "16"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("skipped 1 lines"))
        #expect(train.stderr.contains("\"ham\" = none of the labels"))
        let eval = try KiemProcess.run(["eval", "--model", model.path, "--data", data.path])
        #expect(eval.status == 0, "\(eval.stderr)")
        let report = String(decoding: eval.stdout, as: UTF8.self)
        for expected in ["precision", "macro-F1", "MCC (spam)", "confusion", "throughput"] { #expect(report.contains(expected)) }
        let check = try KiemProcess.run(["check", "--model", model.path, "Vay tiền nhanh không thế chấp"])
        #expect(String(decoding: check.stdout, as: UTF8.self).contains("spam"))
    }

    @Test("a corrupt model file is refused with a clear message")
    func corruptModel() throws {
        let bad = try KiemProcess.file(Array("garbage".utf8), name: "bad.model")
        let output = try KiemProcess.run(["check", "--model", bad.path, "hello"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("not a Kiem model file"))
    }
}
