import KiemText

/// The live path after a check: each message joins a campaign cluster, and counts per cluster,
/// label, domain, phone number, bank account and rule keyword go to the spike detector. Shared by
/// `kiem replay` (history) and the server (live ingest), so both see the same series and alerts.
public final class CampaignWatch {
    public let clusterer: CampaignClusterer
    public let detector: SpikeDetector
    private let normalizer = Normalizer()

    public init(clusterer: CampaignClusterer = CampaignClusterer(), detector: SpikeDetector = SpikeDetector()) {
        self.clusterer = clusterer
        self.detector = detector
    }

    /// What observing one message found: its cluster (nil for very short messages) and the
    /// alerts it raised.
    public struct Observation: Sendable, Equatable {
        public var cluster: Int?
        public var alerts: [SpikeAlert]
    }

    /// Observes a checked message at `time` (Unix seconds). `reading` is what the engine read in
    /// it on the way to `verdict`; without it the message is normalized again.
    public func observe(_ text: String, verdict: Verdict, at time: Int64, reading: MessageReading? = nil) -> Observation {
        var keys: [String] = []
        if verdict.top != "clean" { keys.append("label:" + verdict.top) }
        for signal in verdict.signals where signal.kind == .rule {
            guard let value = signal.value else { continue }
            Engine.forEachPhrase(in: value) { keys.append("keyword:" + $0) }
        }
        let reading = reading ?? MessageReading(text, normalizer: normalizer)
        let normalized = reading.normalized
        let indicators = reading.entities.compactMap { entity -> String? in
            guard entity.kind.isIndicator else { return nil }
            // Series names: domain:…, phone:…, account:….
            return (entity.kind == .bankAccount ? "account" : entity.kind.rawValue) + ":" + entity.value
        }
        let cluster = clusterer.assign(normalized, sample: text, at: time, indicators: indicators)
        if let cluster { keys.append("cluster:\(cluster)") }
        keys.append(contentsOf: indicators)
        var alerts: [SpikeAlert] = []
        for key in Set(keys).sorted() {
            if let alert = detector.add(key, at: time) { alerts.append(alert) }
        }
        return Observation(cluster: cluster, alerts: alerts)
    }
}
