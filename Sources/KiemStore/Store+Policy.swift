import Foundation
import KiemDetect
import SQLKit

extension Store {
    /// The per-label thresholds administrators set over the policy file, by label.
    public func policyThresholds() async throws -> [String: Policy.Thresholds] {
        try await backend.read { database in
            var found: [String: Policy.Thresholds] = [:]
            for row in try await database.raw("SELECT name, value FROM settings WHERE name LIKE 'policy.%'").all() {
                let name = try row.decode(column: "name", as: String.self)
                let parts = try row.decode(column: "value", as: String.self).split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
                guard parts.count == 3, let review = parts[0], let warn = parts[1] else { continue }
                found[String(name.dropFirst("policy.".count))] = Policy.Thresholds(review: review, warn: warn, block: parts[2])
            }
            return found
        }
    }

    /// Sets labels' thresholds (review ≤ warn ≤ block, all in (0, 1]; only scam, phishing and
    /// malware may be blocked) in one transaction: all of them or, when one is wrong, none. Each
    /// change is in the audit log with the values it replaces.
    public func setPolicyThresholds(_ changes: [String: Policy.Thresholds], actor: String) async throws {
        for (label, thresholds) in changes {
            guard !label.isEmpty, label.count <= 40, label.allSatisfy({ $0.isLetter || $0 == "_" }) else { throw StoreError.invalid("not a label: \(label)") }
            let values = [thresholds.review, thresholds.warn] + (thresholds.block.map { [$0] } ?? [])
            guard values.allSatisfy({ $0 > 0 && $0 <= 1 }) else { throw StoreError.invalid("\(label): thresholds must be above 0% and at most 100%") }
            guard thresholds.review <= thresholds.warn, thresholds.warn <= (thresholds.block ?? 1) else {
                throw StoreError.invalid("\(label): review ≤ warn ≤ block is needed")
            }
            if thresholds.block != nil && !Policy.blockable.contains(label) { throw StoreError.invalid("\(label): only scam, phishing and malware can be blocked") }
        }
        try await backend.transaction { database in
            let now = Clock.now()
            for (label, thresholds) in changes.sorted(by: { $0.key < $1.key }) {
                let value = "\(thresholds.review),\(thresholds.warn),\(thresholds.block.map { String($0) } ?? "")"
                let before = try await database.raw("SELECT value FROM settings WHERE name = \(bind: "policy." + label)").first(decodingColumn: "value", as: String.self)
                try await database.raw("""
                    INSERT INTO settings (name, value) VALUES (\(bind: "policy." + label), \(bind: value))
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value
                    """).run()
                try await Self.audit(database, actor: actor, action: "set_thresholds", entity: "policy", id: label,
                                     before: before.map { Self.json($0) }, after: Self.json(value), at: now)
            }
        }
    }
}

extension Store {
    /// The rule pack administrators installed over the shipped one (its YAML), or nil.
    public func rulePackYAML() async throws -> String? {
        try await backend.read { database in
            try await database.raw("SELECT value FROM settings WHERE name = 'rules.pack'").first(decodingColumn: "value", as: String.self)
        }
    }

    /// Installs a rule pack (YAML the caller has parsed and tested) over the shipped one, or with
    /// nil goes back to the shipped one; the audit log keeps the pack's version and size.
    public func setRulePack(yaml: String?, version: String?, actor: String) async throws {
        try await backend.transaction { database in
            if let yaml {
                try await database.raw("""
                    INSERT INTO settings (name, value) VALUES ('rules.pack', \(bind: yaml)) ON CONFLICT (name) DO UPDATE SET value = excluded.value
                    """).run()
            } else {
                try await database.raw("DELETE FROM settings WHERE name = 'rules.pack'").run()
            }
            try await Self.audit(database, actor: actor, action: yaml == nil ? "reset_rules" : "install_rules", entity: "policy", id: "rules", before: nil,
                                 after: yaml.map { #"{"version":\#(Self.json(version ?? "")),"bytes":\#($0.utf8.count)}"# }, at: Clock.now())
        }
    }
}
