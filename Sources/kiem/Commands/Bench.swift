import ArgumentParser
import Foundation
import KiemDetect
import KiemText

/// `kiem bench`: throughput of the engine alone and of the whole `check --jsonl` path, measured
/// in one run together with a floor (reading, parsing and writing JSON without checking).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure checking speed: engine alone, and JSONL end to end, on the same texts.",
        discussion: "Pin it to one core for comparable numbers: taskset -c 0 kiem bench --data FILE"
    )

    @Option(name: .long, help: "JSONL files whose `text` fields are the messages to check. Repeatable.")
    var data: [String]

    @Option(name: .long, help: "Minimum seconds per measurement.")
    var seconds = 3.0

    @Option(name: .long, help: "Megabytes of other memory written before each message of the cold-cache measurement.")
    var coldMegabytes = 8

    @OptionGroup var engineOptions: EngineOptions

    func validate() throws {
        if !(0...4096).contains(coldMegabytes) { throw ValidationError("--cold-megabytes must be between 0 and 4096") }
        if !(seconds > 0) { throw ValidationError("--seconds must be more than 0") }
    }

    func run() throws {
        var texts: [[UInt8]] = []
        for path in data {
            for example in try Dataset.load(path) { texts.append(Array(example.text.utf8)) }
        }
        guard !texts.isEmpty else { throw ValidationError("no texts in \(data.joined(separator: ", "))") }
        let engine = try engineOptions.makeEngine()
        let session = engine.session()
        let meanBytes = texts.reduce(0) { $0 + $1.count } / texts.count
        print("texts: \(texts.count) (mean \(meanBytes) bytes)")

        // Engine alone: bytes in, Verdict out.
        let engineRate = measure(count: texts.count) { index in
            _ = texts[index].withUnsafeBufferPointer { session.check(bytes: $0) }
        }
        // Engine with cold caches: between messages, other work (in a server: reading, routing,
        // writing other requests) pushes the engine's tables and code out of the core's caches.
        // Touching `coldMegabytes` of other memory before each message reproduces that; only the
        // check itself is timed.
        let coldMicroseconds = coldCheck(texts: texts, session: session)
        // JSONL end to end, from a file through the same reader, checker and writer as `kiem check --jsonl`.
        var input: [UInt8] = []
        for (index, text) in texts.enumerated() {
            input += Array(#"{"id":"b\#(index)","text":"#.utf8)
            VerdictJSON.appendString(String(decoding: text, as: UTF8.self), to: &input)
            input += Array(#","source":"sms"}"#.utf8) + [0x0A]
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kiem-bench-\(getpid()).jsonl").path
        guard FileManager.default.createFile(atPath: path, contents: Data(input)) else { throw FileInput.Unreadable(path: path, reason: "cannot write") }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let checker = BatchChecker(session: session, explain: false)
        let jsonlRate = try measureFile(path: path, lines: texts.count) { line, out in checker.process(line, into: &out) }
        // Floor: the same reading, JSON parsing and writing, with a fixed verdict instead of checking.
        let fixed = Verdict(labelNames: engine.labels, probabilities: engine.labels.map { _ in 0 }, top: "clean", action: .allow, signals: [])
        let floorRate = try measureFile(path: path, lines: texts.count) { line, out in
            if case .text(let bytes) = line, case .success(let request) = CheckRequest.parse(bytes) {
                VerdictJSON.append(fixed, idJSON: request.idJSON, to: &out)
            }
        }
        // Cumulative stages of the engine, to see where the time goes.
        let normalizer = Normalizer()
        let normalizeRate = measure(count: texts.count) { index in
            _ = texts[index].withUnsafeBufferPointer { normalizer.normalize(bytes: $0) }
        }
        let entityRate = measure(count: texts.count) { index in
            let text = texts[index].withUnsafeBufferPointer { normalizer.normalize(bytes: $0) }
            _ = EntityExtractor.extract(text)
        }
        var featureRate = 0.0
        var scoreRate = 0.0
        if let model = engine.model {
            let hasher = model.makeHasher()
            var features: [FeatureHasher.Feature] = []
            var margins: [Double] = []
            featureRate = measure(count: texts.count) { index in
                let text = texts[index].withUnsafeBufferPointer { normalizer.normalize(bytes: $0) }
                hasher.features(text, entities: EntityExtractor.extract(text), into: &features)
            }
            scoreRate = measure(count: texts.count) { index in
                let text = texts[index].withUnsafeBufferPointer { normalizer.normalize(bytes: $0) }
                hasher.features(text, entities: EntityExtractor.extract(text), into: &features)
                model.margins(features, into: &margins)
            }
        }
        print(String(format: "stages (cumulative): normalize %.1f µs, + entities %.1f µs, + features %.1f µs, + classifier %.1f µs, whole engine %.1f µs",
                     1e6 / normalizeRate, 1e6 / entityRate, featureRate > 0 ? 1e6 / featureRate : 0, scoreRate > 0 ? 1e6 / scoreRate : 0, 1e6 / engineRate))
        print(String(format: "engine alone:        %9.0f messages/s", engineRate))
        print(String(format: "engine, cold caches: %9.1f µs a message (after touching %d MB between messages, as in a busy server)",
                     coldMicroseconds, coldMegabytes))
        print(String(format: "check --jsonl:       %9.0f lines/s (read, parse, check, write JSON)", jsonlRate))
        print(String(format: "I/O floor:           %9.0f lines/s (read, parse, write a fixed verdict)", floorRate))
        print(String(format: "checking costs %.1f×  the I/O floor's time per line", floorRate / jsonlRate))
    }

    /// Mean time of one check, in µs, each after `coldMegabytes` of other memory was written.
    private func coldCheck(texts: [[UInt8]], session: Engine.Session) -> Double {
        var other = [UInt8](repeating: 0, count: coldMegabytes << 20)
        let clock = ContinuousClock()
        var checked = Duration.zero
        var done = 0
        let start = clock.now
        repeat {
            for text in texts {
                other.withUnsafeMutableBufferPointer { bytes in
                    for offset in stride(from: 0, to: bytes.count, by: 64) { bytes[offset] &+= 1 }
                }
                let before = clock.now
                _ = text.withUnsafeBufferPointer { session.check(bytes: $0) }
                checked += clock.now - before
            }
            done += texts.count
        } while Self.seconds(clock.now - start) < seconds
        return Self.seconds(checked) * 1e6 / Double(done)
    }

    private func measure(count: Int, _ body: (Int) -> Void) -> Double {
        for index in 0..<min(count, 200) { body(index) }
        let clock = ContinuousClock()
        var done = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            for index in 0..<count { body(index) }
            done += count
            elapsed = clock.now - start
        } while Self.seconds(elapsed) < seconds
        return Double(done) / Self.seconds(elapsed)
    }

    private func measureFile(path: String, lines: Int, _ body: (LineReader.Line, inout [UInt8]) -> Void) throws -> Double {
        let null = open("/dev/null", O_WRONLY)
        defer { close(null) }
        let clock = ContinuousClock()
        var done = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            let descriptor = try FileInput.open(path)
            var reader = LineReader(descriptor: descriptor, maxLineBytes: 1 << 20)
            var output = OutputBuffer(descriptor: null)
            try reader.forEach { line in
                body(line, &output.bytes)
                try output.flushIfNeeded()
            }
            try output.flush()
            close(descriptor)
            done += lines
            elapsed = clock.now - start
        } while Self.seconds(elapsed) < seconds
        return Double(done) / Self.seconds(elapsed)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
