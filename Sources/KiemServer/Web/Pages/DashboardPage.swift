import Foundation
import Hummingbird
import KiemDetect
import KiemStore
import KiemText
import Synchronization

/// `/dashboard`: volumes by label over the last two weeks, the latest spike alerts, the domains,
/// phone numbers and bank accounts that circulate most, the health of the queue (pending, oldest, overdue), automatic
/// against human decisions, and how appeals ended. Charts are SVG drawn by the server.
struct DashboardPage {
    let services: KiemServices
    let renderer: PageRenderer
    /// The most frequent entities take a pass over recent items: computed at most once a minute.
    let topEntities = TopEntitiesCache()

    static let days = 14

    func register(on router: Router<KiemRequestContext>) {
        router.get("/dashboard") { _, context in
            _ = try context.require(.viewer)
            let language = context.web.language
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let figures = try await services.store.dashboard(days: Self.days, now: now)
            let today = (now + 7 * 3_600_000) / 86_400_000
            let dayNumbers = (0..<Int64(Self.days)).map { today - Int64(Self.days) + 1 + $0 }
            let labels = Label.names + ["clean"]
            let series = labels.map { label in
                (name: WebFormat.label(label, language), cssClass: "fill-\(label)",
                 counts: dayNumbers.map { day in figures.volumes.first { $0.day == day && $0.label == label }?.count ?? 0 })
            }
            let top = try await topEntities.value(now: now) {
                Self.countEntities(try await services.store.recentTexts(since: now - Int64(Self.days) * 86_400_000, limit: 5000).map(\.text))
            }
            let decisions = [(name: WebStrings.text("auto_block", language), count: figures.automatic["block"] ?? 0),
                             (name: WebStrings.text("auto_allow", language), count: figures.automatic["allow"] ?? 0),
                             (name: WebStrings.text("human_decisions", language), count: figures.human)]
            let appeals = Appeal.Status.allCases.map { (name: WebStrings.text("appeal_status_" + $0.rawValue, language), count: figures.appeals[$0.rawValue] ?? 0) }
            let volumeTotal = figures.volumes.reduce(0) { $0 + $1.count }
            let alerts = try await services.store.alerts(since: now - Int64(Self.days) * 86_400_000, limit: 10).alerts.map { alert -> [String: Any] in
                let parts = alert.series.split(separator: ":", maxSplits: 1).map(String.init)
                let kind = WebStrings.optional("series_" + (parts.first ?? ""), language) ?? (parts.first ?? "")
                return ["series": kind + " " + (parts.count > 1 ? (parts[0] == "label" ? WebFormat.label(parts[1], language) : parts[1]) : ""),
                        "bucket": WebFormat.time(alert.bucketStart), "count": alert.count, "baseline": String(format: "%.1f", alert.baseline),
                        "sample": alert.sample.map { WebFormat.excerpt($0, limit: 120) } ?? ""]
            }
            return renderer.page("dashboard", title: WebStrings.text("title_dashboard", language), context: context, data: [
                "volume_chart": SVGChart.stackedColumns(title: WebStrings.text("dash_volumes", language), days: dayNumbers.map(WebFormat.day), series: series),
                "legend": series.filter { $0.counts.contains { $0 > 0 } }.map { ["name": $0.name, "class": $0.cssClass] },
                "volume_total": volumeTotal, "alerts": alerts, "no_alerts": alerts.isEmpty,
                "pending": figures.pending, "overdue": figures.overdue,
                "oldest": figures.oldestPending.map { WebFormat.age($0, now: now, language) } ?? "–",
                "decisions_chart": SVGChart.bars(title: WebStrings.text("dash_decisions", language), items: decisions),
                "appeals_chart": SVGChart.bars(title: WebStrings.text("dash_appeals", language), items: appeals, cssClass: "bar-alt"),
                "top": [("domain", top.domains), ("phone", top.phones), ("bank_account", top.accounts)].map { kind, items in
                    ["heading": WebStrings.text("dash_top_" + kind, language), "empty": items.isEmpty,
                     "chart": SVGChart.bars(title: WebStrings.text("dash_top_" + kind, language), items: items)] as [String: Any]
                },
            ])
        }
    }

    /// The ten most frequent domains, phone numbers and bank accounts in these texts.
    static func countEntities(_ texts: [String]) -> TopEntities {
        let normalizer = Normalizer()
        var counts: [Entity.Kind: [String: Int]] = [:]
        for text in texts {
            var seen = Set<Entity>()
            // A link's host is already among the domains (without `www.`): count each once a message.
            for entity in EntityExtractor.extract(normalizer.normalize(text)) where entity.kind.isIndicator && seen.insert(entity).inserted {
                counts[entity.kind, default: [:]][entity.value, default: 0] += 1
            }
        }
        func top(_ kind: Entity.Kind) -> [(name: String, count: Int)] {
            (counts[kind] ?? [:]).sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10).map { (name: $0.key, count: $0.value) }
        }
        return TopEntities(domains: top(.domain), phones: top(.phone), accounts: top(.bankAccount))
    }
}

/// The domains, phone numbers and bank accounts seen most, with their counts.
struct TopEntities: Sendable {
    var domains: [(name: String, count: Int)]
    var phones: [(name: String, count: Int)]
    var accounts: [(name: String, count: Int)]
}

/// Keeps the last `TopEntities` for a minute.
final class TopEntitiesCache: Sendable {
    private let state = Mutex<(at: Int64, value: TopEntities)?>(nil)

    func value(now: Int64, compute: () async throws -> TopEntities) async throws -> TopEntities {
        if let cached = state.withLock({ $0 }), now - cached.at < 60_000 { return cached.value }
        let fresh = try await compute()
        state.withLock { $0 = (now, fresh) }
        return fresh
    }
}
