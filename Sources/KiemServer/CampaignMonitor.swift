import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KiemDetect
import KiemStore
import Logging
import Synchronization

/// Watches what the server ingests for campaigns and spikes: every newly stored, checked item
/// joins a campaign cluster and counts toward its series (cluster, label, domain, phone number,
/// account, keyword); a spike is stored as an alert (`GET /v1/alerts`, the dashboard) and
/// posted as JSON to the configured webhooks.
///
/// The state is this server's memory: it starts empty, and with several servers each sees its
/// share of the traffic.
public final class CampaignMonitor: Sendable {
    private let watch: Mutex<CampaignWatch>
    /// Where each new alert is posted (`POST`, `application/json`).
    public let webhooks: [URL]
    private let logger = Logger(label: "kiem.campaigns")
    /// Off, nothing is watched (`kiem serve --no-campaign-watch`).
    public let enabled: Bool

    public init(settings: SpikeDetector.Settings = SpikeDetector.Settings(), webhooks: [URL] = [], enabled: Bool = true) {
        watch = Mutex(CampaignWatch(detector: SpikeDetector(settings: settings)))
        self.webhooks = webhooks
        self.enabled = enabled
    }

    /// Observes newly stored items (text, verdict, received at in ms, and what the engine read in
    /// them, if kept); records the alerts they raise and sends them to the webhooks. Returns the
    /// new alerts.
    @discardableResult
    public func observe(_ items: [(text: String, verdict: Verdict, receivedAt: Int64, reading: MessageReading?)], store: Store) async throws -> [StoredAlert] {
        guard enabled, !items.isEmpty else { return [] }
        let raised: [StoredAlert] = watch.withLock { watch in
            var raised: [StoredAlert] = []
            for item in items {
                for alert in watch.observe(item.text, verdict: item.verdict, at: item.receivedAt / 1000, reading: item.reading).alerts {
                    var sample: String?
                    if alert.key.hasPrefix("cluster:"), let id = Int(alert.key.dropFirst("cluster:".count)),
                       let cluster = watch.clusterer.clusters.first(where: { $0.id == id }) {
                        sample = String(cluster.sample.prefix(500))
                    } else {
                        sample = String(item.text.prefix(500))
                    }
                    raised.append(StoredAlert(series: alert.key, bucketStart: alert.bucketStart * 1000, count: alert.count,
                                              baseline: alert.baseline, sample: sample, raisedAt: alert.at * 1000))
                }
            }
            return raised
        }
        let fresh = try await store.recordAlerts(raised)
        if !fresh.isEmpty && !webhooks.isEmpty {
            let bodies = fresh.map(Self.json)
            let targets = webhooks
            let logger = logger
            Task.detached {
                for body in bodies {
                    for url in targets { await Self.post(body, to: url, logger: logger) }
                }
            }
        }
        return fresh
    }

    /// Rebuilds the clusters and series from items stored before this server started (oldest
    /// first), so a restart does not forget the campaigns under way; alerts they would raise
    /// were raised already, so none is recorded or sent.
    public func warm(_ items: [(text: String, verdict: Verdict, receivedAt: Int64, reading: MessageReading?)]) {
        guard enabled else { return }
        watch.withLock { watch in
            for item in items { _ = watch.observe(item.text, verdict: item.verdict, at: item.receivedAt / 1000, reading: item.reading) }
        }
    }

    /// An alert as the API and the webhooks give it.
    static func json(_ alert: StoredAlert) -> String {
        #"{"id":\#(alert.id),"series":\#(JSONText.string(alert.series)),"bucket_start":"\#(JSONText.time(alert.bucketStart))","count":\#(alert.count),"#
            + #""baseline":\#((alert.baseline * 100).rounded() / 100),"sample":\#(alert.sample.map(JSONText.string) ?? "null"),"raised_at":"\#(JSONText.time(alert.raisedAt))"}"#
    }

    private static func post(_ body: String, to url: URL, logger: Logger) async {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.timeoutInterval = 10
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("kiem", forHTTPHeaderField: "User-Agent")
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            if let status = (response as? HTTPURLResponse)?.statusCode, !(200..<300).contains(status) {
                logger.warning("webhook answered \(status)", metadata: ["url": "\(url)"])
            }
        } catch {
            logger.warning("webhook not reached: \(error)", metadata: ["url": "\(url)"])
        }
    }
}
