import Foundation
import KiemDefaults
import KiemDetect
import KiemServer
import KiemStore
import KiemTestSupport
import Logging
import Testing

@Suite("Several servers on one database")
struct StoreFollowingTests {
    static let message = "Nhận quà tri ân khách hàng tại https://qua-tang-tri-an.vn ngay hôm nay"

    static func listed(_ holder: EngineHolder) -> Bool {
        holder.withSession { $0.check(message) }.signals.contains { $0.kind == .indicator && $0.name == "listed_domain" }
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    static func eventually(within seconds: Int = 10, _ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<seconds * 20 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test("a server follows what another one changes in the store: listed values (and their expiry), thresholds and claims", arguments: TestDatabases.kinds)
    func follows(kind: String) async throws {
        let location = try await TestDatabases.freshLocation(kind)
        let first = try await Store.open(location)
        let second = try await Store.open(location)
        let holder = EngineHolder(Engine(model: try ShippedDefaults.model(), rules: try ShippedDefaults.rules(), policy: try ShippedDefaults.policy()))
        try await holder.refresh(from: second)
        try await holder.refreshClaims(from: second, force: true)
        #expect(!Self.listed(holder))
        // Nothing changed: nothing is rebuilt.
        #expect(try await holder.refresh(from: second, force: false) == false)

        let following = Task { await holder.follow(second, every: .milliseconds(100), logger: Logger(label: "test")) }
        defer { following.cancel() }
        // Listed through the first server, with an expiry fifteen seconds away: room for a loaded
        // machine (with six, a clean-clone CI run on a busy machine failed here).
        let expiry = Int64((Date().timeIntervalSince1970 + 15) * 1000)
        _ = try await first.importIndicators([IndicatorInput(value: "qua-tang-tri-an.vn", label: "scam", source: "test", expiresAt: expiry)], actor: "first")
        #expect(try await Self.eventually(within: 15) { Self.listed(holder) })
        // Once expired it is no longer matched, though nobody touched it.
        #expect(try await Self.eventually(within: 30) { !Self.listed(holder) })

        let thresholds = Policy.Thresholds(review: 0.3, warn: 0.6)
        try await first.setPolicyThresholds(["gambling": thresholds], actor: "first")
        #expect(try await Self.eventually { holder.current.policy.labels["gambling"] == thresholds })

        _ = try await first.importClaims([(externalID: "c1", text: "Uống nước chanh mật ong mỗi sáng chữa khỏi ung thư", verdict: .false, url: nil, variants: [])],
                                         actor: "first")
        #expect(try await Self.eventually { holder.current.claims?.claims.count == 1 })

        following.cancel()
        try await first.close()
        try await second.close()
    }
}
