import Foundation
import KiemDefaults
import KiemDetect
import KiemServer
import KiemStore

/// `kiem serve --demo`: seeds the shipped demo items (checked by the engine, so cases open where
/// the policy says review), a user for every role with a fresh password, and an admin token,
/// and prints the log-ins. Seeding twice changes nothing but the passwords.
struct DemoSeeder {
    let store: Store
    let engine: Engine
    let services: KiemServices

    func seed(host: String, port: Int) async throws {
        let session = engine.session()
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var batch: [(item: ItemInput, verdict: VerdictRecord?)] = []
        for demo in try ShippedDefaults.demoItems() {
            batch.append((ItemInput(source: demo.source, externalID: demo.externalID, text: demo.text, receivedAt: now - Int64(demo.ageMinutes) * 60_000),
                          VerdictRecord(session.check(demo.text), modelVersion: services.modelVersion, rulesVersion: services.rulesVersion)))
        }
        let outcomes = try await store.ingest(batch, actor: "demo")
        let cases = outcomes.filter { $0.caseID != nil }.count
        var lines = ["Demo data: \(outcomes.count) items (\(outcomes.filter(\.created).count) new), \(cases) with an open case.", "Log-ins (fresh passwords each start):"]
        for role in Role.allCases.reversed() {
            let email = "\(role.rawValue)@demo.kiem.vn"
            let password = Passwords.random()
            if try await store.user(email: email) == nil {
                _ = try await store.addUser(email: email, name: "Demo \(role.rawValue)", role: role, password: password, actor: "demo")
            } else {
                try await store.setPassword(email: email, password: password, actor: "demo")
            }
            lines.append("  \(role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(email)  \(password)")
        }
        let (token, _) = try await store.createToken(name: "demo", role: .admin, actor: "demo")
        lines.append("Admin API token: \(token)")
        lines.append("Try: curl -s -H 'Authorization: Bearer \(token)' 'http://\(host):\(port)/v1/items?query=tai+khoan&limit=3'")
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
