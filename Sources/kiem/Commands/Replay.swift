import ArgumentParser
import Foundation
import KiemDetect
import KiemStore

/// `kiem replay`: feeds timestamped items through the live path (check, campaign clusters, spike
/// alerts) in time order, for tuning on history; with `--db`, stores the items and their verdicts.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay timestamped items (JSONL: text, time, optional id and source) through checks, campaign clusters and spike alerts.",
        discussion: """
        Alerts are written to standard output, one JSON object per line: key (cluster:N, label:L, domain:D, \
        phone:P, account:A, keyword:K), bucket_start, count, baseline, at. A summary of the largest campaigns \
        goes to standard error. `time` is Unix seconds or milliseconds, or an ISO 8601 date and time.
        """
    )

    @Argument(help: "The JSONL file (- for standard input), in time order.")
    var file: String

    @Option(name: .long, help: ArgumentHelp("Also store the items and verdicts in this database.", valueName: "path-or-url"))
    var db: String?

    @Option(name: .long, help: "Bucket width in seconds.")
    var bucket: Int64 = 3_600

    @Option(name: .long, help: "How many of the largest campaigns to list at the end.")
    var top = 10

    @OptionGroup var engineOptions: EngineOptions

    func validate() throws {
        if bucket < 1 { throw ValidationError("--bucket must be at least 1 second") }
    }

    func run() async throws {
        var store: Store?
        var claims: ClaimIndex?
        if let db {
            let opened = try await Store.open(db)
            store = opened
            claims = ClaimIndex(try await opened.matchableClaims())
        }
        let engine = try engineOptions.makeEngine(claims: claims)
        let session = engine.session()
        var settings = SpikeDetector.Settings()
        settings.bucketSeconds = bucket
        let watch = CampaignWatch(detector: SpikeDetector(settings: settings))
        let text = String(decoding: try FileInput.read(file), as: UTF8.self)
        var batch: [(item: ItemInput, verdict: VerdictRecord?)] = []
        var items = 0
        var alerts = 0
        var skipped = 0
        var output = OutputBuffer()
        let (modelVersion, rulesVersion) = try engineOptions.versions()
        do {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let body = object["text"] as? String, let time = Self.seconds(object["time"]) else {
                    skipped += 1
                    if skipped <= 20 { Terminal.warn("\(file):\(number + 1): needs a string text and a time") }
                    continue
                }
                items += 1
                let (verdict, reading) = session.checkAndRead(body)
                for alert in watch.observe(body, verdict: verdict, at: time, reading: reading).alerts {
                    alerts += 1
                    output.bytes.append(contentsOf: Array(Self.json(alert).utf8))
                    output.bytes.append(0x0A)
                }
                try output.flushIfNeeded()
                if store != nil {
                    let id = (object["id"] as? String) ?? (object["id"] as? Int).map(String.init) ?? "replay-\(number + 1)"
                    batch.append((ItemInput(source: (object["source"] as? String) ?? "replay", externalID: id, text: body, receivedAt: time * 1000),
                                  VerdictRecord(verdict, modelVersion: modelVersion, rulesVersion: rulesVersion)))
                    if batch.count == 500 {
                        _ = try await store?.ingest(batch, actor: "replay")
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !batch.isEmpty { _ = try await store?.ingest(batch, actor: "replay") }
            try output.flush()
            try await store?.close()
        } catch {
            try? await store?.close()
            throw error
        }
        var summary = ["\(items) items replayed, \(skipped) lines skipped, \(watch.clusterer.clusters.count) clusters, \(alerts) alerts, \(watch.detector.seriesCount) series"]
        for cluster in watch.clusterer.clusters.sorted(by: { $0.size > $1.size }).prefix(top) where cluster.size > 1 {
            summary.append("  cluster:\(cluster.id)  \(cluster.size) messages  \(Timestamp.utcString(milliseconds: cluster.firstSeen * 1000)) → "
                           + "\(Timestamp.utcString(milliseconds: cluster.lastSeen * 1000))  shared: \(cluster.sharedIndicators.joined(separator: " "))  \"\(cluster.sample.prefix(70))\"")
        }
        FileHandle.standardError.write(Data((summary.joined(separator: "\n") + "\n").utf8))
    }

    /// Unix seconds from seconds, milliseconds or an ISO 8601 string.
    static func seconds(_ value: Any?) -> Int64? {
        if let number = value as? Double { return Int64(number > 1e11 ? number / 1000 : number) }
        if let number = value as? Int { return Int64(number > 100_000_000_000 ? number / 1000 : number) }
        if let string = value as? String { return Timestamp.milliseconds(Array(string.utf8)).map { $0 / 1000 } }
        return nil
    }

    static func json(_ alert: SpikeAlert) -> String {
        let key = (try? JSONEncoder().encode(alert.key)).map { String(decoding: $0, as: UTF8.self) } ?? #""""#
        return #"{"key":\#(key),"bucket_start":\#(alert.bucketStart),"count":\#(alert.count),"baseline":\#(alert.baseline),"at":\#(alert.at)}"#
    }
}
