import ArgumentParser
import Foundation
import KiemDetect

/// `kiem traffic`: generates sending records for `kiem compliance` (tests and benchmark).
struct Traffic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traffic",
        abstract: "Generate SMS, e-mail and call records with planted Decree 91 violations (for tests and benchmarks).",
        discussion: """
        kiem traffic --planted 50 --expected expected.jsonl --lists DIR > records.jsonl
            every rule planted at its boundaries 50 times, the expected violations, the DNC list and brandname registry
        kiem traffic --count 10000000 > records.jsonl
            benchmark traffic
        """
    )

    @Option(name: .long, help: "Lines of benchmark traffic to write.")
    var count: Int?

    @Option(name: .long, help: "Rounds of planted violations to write.")
    var planted: Int?

    @Option(name: .long, help: ArgumentHelp("With --planted: write the expected {record_id, rule} lines here.", valueName: "file"))
    var expected: String?

    @Option(name: .long, help: ArgumentHelp("Write dnc.txt and brandnames.txt into this folder.", valueName: "dir"))
    var lists: String?

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 91

    func validate() throws {
        if (count == nil) == (planted == nil) { throw ValidationError("give either --count or --planted") }
        if expected != nil && planted == nil { throw ValidationError("--expected goes with --planted") }
    }

    func run() throws {
        var generator = TrafficGenerator(seed: seed)
        var output = OutputBuffer()
        if let lists {
            let folder = URL(fileURLWithPath: lists)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data((TrafficGenerator.doNotCall.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("dnc.txt"))
            try Data(TrafficGenerator.brandnameRegistry.utf8).write(to: folder.appendingPathComponent("brandnames.txt"))
        }
        if let count {
            for _ in 0..<count {
                output.bytes.append(contentsOf: generator.benchmarkLine().utf8)
                output.bytes.append(0x0A)
                try output.flushIfNeeded()
            }
        } else if let planted {
            let records = generator.plantedSet(scale: planted)
            var expectedLines = ""
            for record in records {
                output.bytes.append(contentsOf: record.json.utf8)
                output.bytes.append(0x0A)
                try output.flushIfNeeded()
                for rule in record.rules.sorted() { expectedLines += "{\"record_id\":\"\(record.id)\",\"rule\":\"\(rule.rawValue)\"}\n" }
            }
            if let expected { try Data(expectedLines.utf8).write(to: URL(fileURLWithPath: expected)) }
        }
        try output.flush()
    }
}
