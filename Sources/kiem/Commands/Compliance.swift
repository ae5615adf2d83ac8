import ArgumentParser
import Foundation
import KiemDetect
import KiemServer

/// `kiem compliance`: checks advertising traffic against Decree 91/2020/NĐ-CP and finds spam sources.
struct Compliance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "Check SMS, e-mail and call records against Decree 91/2020 (hours, frequency, label, opt-out, DNC, brandname).",
        discussion: """
        Reads JSONL records {"id", "channel": "sms"|"email"|"call", "sender", "recipient", "sent_at",
        "text", "subject"?, "consent"?, "advertising"?} and writes one JSON line per violation,
        {"record_id", "rule", "article", "detail"}, then a summary per sender on standard error.
        Per-record violations come in input order, frequency violations after them (the whole input
        must be seen first), spam sources last.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The records, JSONL (- for standard input).", valueName: "file"))
    var records: String?

    @Option(name: .long, help: ArgumentHelp("The Do-Not-Call list: one phone number per line.", valueName: "file"))
    var dnc: String?

    @Option(name: .long, help: ArgumentHelp("Registered brandnames: NAME or NAME,sms|call per line.", valueName: "file"))
    var brandnames: String?

    @Option(name: .long, help: ArgumentHelp("Overrides of the rules' numbers, in YAML (see --print-config).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("User reports in the 5656 style, \"S [source] [content]\", one per line.", valueName: "file"))
    var reports: String?

    @Option(name: .long, help: ArgumentHelp("Also write the per-sender report to FILE.html or FILE.csv.", valueName: "file"))
    var report: String?

    @Option(name: .long, help: "Check on this many threads.")
    var threads = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)

    @Option(name: .long, help: "Longest input line accepted, in bytes; longer lines get an error line.")
    var maxLineBytes = 1 << 20

    @Option(name: .long, help: "Advertising records held in memory for the frequency rule before a sorted run is written to a temporary file.")
    var sortBuffer = 4 << 20

    @Flag(name: .long, help: "Print the default config (every rule's numbers and articles) and exit.")
    var printConfig = false

    @OptionGroup var engineOptions: EngineOptions

    func validate() throws {
        if !printConfig && records == nil { throw ValidationError("give the records with --records FILE (- for standard input)") }
        if !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
        if sortBuffer < 1 { throw ValidationError("--sort-buffer must be at least 1") }
        if maxLineBytes < 16 { throw ValidationError("--max-line-bytes must be at least 16") }
        if let report, !report.hasSuffix(".html") && !report.hasSuffix(".csv") { throw ValidationError("--report must name a .html or .csv file") }
    }

    func run() throws {
        if printConfig {
            print(ComplianceConfig.defaultYAML)
            return
        }
        let settings = try config.map { try ComplianceConfig(yaml: String(decoding: try FileInput.read($0), as: UTF8.self)) } ?? .standard
        let doNotCall = try dnc.map { path in
            let (list, rejected) = DoNotCallList.parse(String(decoding: try FileInput.read(path), as: UTF8.self))
            if rejected > 0 { Terminal.warn("\(path): \(rejected) lines are not a phone number; skipped") }
            return list
        }
        let registry = try brandnames.map { path in
            let (registry, rejected) = BrandnameRegistry.parse(String(decoding: try FileInput.read(path), as: UTF8.self))
            if rejected > 0 { Terminal.warn("\(path): \(rejected) lines could not be read; skipped") }
            return registry
        }
        if settings.rules.contains(.dnc) && doNotCall == nil { Terminal.info("dnc: no --dnc list given, rule not checked") }
        if settings.rules.contains(.brandname) && registry == nil { Terminal.info("brandname: no --brandnames list given, rule not checked") }
        let engine = settings.detectAdvertising ? try engineOptions.makeEngine() : nil

        let run = ComplianceRun(threads: threads, maxLineBytes: maxLineBytes, sortBuffer: sortBuffer) {
            ComplianceChecker(config: settings, doNotCall: doNotCall, brandnames: registry, engine: engine)
        }
        let path = records ?? "-"
        let descriptor = try FileInput.open(path)
        defer { if descriptor != 0 { close(descriptor) } }
        var reader = LineReader(descriptor: descriptor, maxLineBytes: maxLineBytes)
        var output = OutputBuffer()
        try reader.forEach { line in
            try run.add(line, into: &output.bytes)
            try output.flushIfNeeded()
        }
        try run.flush(into: &output.bytes)

        var (summary, tracker, errors) = run.results()
        let frequencyArticle = settings.article(.frequency)
        try run.ledger.finish(caps: settings.caps, windowMilliseconds: settings.windowSeconds * 1000) { judged in
            let cap = settings.caps[judged.channel] ?? 0
            let detail = "the \(FrequencyRule.ordinal(judged.breach.count)) advertising \(judged.channel.name) from this sender to this recipient within "
                + "\(settings.windowSeconds / 3600) hours (the first at \(Timestamp.utcString(milliseconds: judged.breach.windowStart, offsetSeconds: settings.utcOffsetSeconds))); "
                + "at most \(cap) allowed"
            ComplianceViolation(recordIdJSON: Array(judged.idJSON), rule: .frequency, article: frequencyArticle, detail: detail).appendJSONLine(to: &output.bytes)
            summary.add(rule: .frequency, senderKey: judged.senderKey, alreadyInBreach: judged.inBreach)
            try output.flushIfNeeded()
        }

        var spamSources: [SpamSourceTracker.Source] = []
        if settings.rules.contains(.spamSource) {
            if let reports {
                let (sources, rejected) = SpamSourceTracker.parseReports(String(decoding: try FileInput.read(reports), as: UTF8.self))
                if rejected > 0 { Terminal.warn("\(reports): \(rejected) lines are not \"S|V [source] [content]\"; skipped") }
                for source in sources { tracker.addReport(source: source) }
            }
            spamSources = tracker.sources()
            for source in spamSources { source.appendJSONLine(article: settings.article(.spamSource), to: &output.bytes) }
        }
        try output.flush()

        let ranked = summary.ranked()
        FileHandle.standardError.write(Data(ComplianceReport.text(ranked, errors: errors, limit: 20).utf8))
        if let report {
            let contents = report.hasSuffix(".csv") ? ComplianceReport.csv(ranked) : ComplianceReport.html(ranked, spamSources: spamSources, errors: errors)
            do { try Data(contents.utf8).write(to: URL(fileURLWithPath: report)) } catch {
                throw FileInput.Unreadable(path: report, reason: "could not write the report: \(error.localizedDescription)")
            }
        }
    }
}
