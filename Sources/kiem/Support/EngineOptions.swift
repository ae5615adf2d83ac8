import ArgumentParser
import Foundation
import KiemDefaults
import KiemDetect

/// Options that choose the model, rules, policy and indicator lists of the engine.
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: "A model trained by `kiem train` (default: the shipped model).")
    var model: String?

    @Option(name: .long, help: "A rule pack in YAML (default: the shipped pack).")
    var rules: String?

    @Option(name: .long, help: "A policy file in YAML (default: the shipped policy).")
    var policy: String?

    @Option(name: .long, help: ArgumentHelp("An indicator list: one domain, URL, phone number or account per line, or JSONL with `text` or `value` and optional `label`. Repeatable.", valueName: "file"))
    var indicators: [String] = []

    /// Names the model and rules a verdict comes from, kept with every stored verdict.
    func versions() throws -> (model: String, rules: String) {
        (try model.map { "file:\($0)" } ?? ShippedDefaults.fingerprint("kiem-default.model"),
         try rules.map { "file:\($0)" } ?? ShippedDefaults.fingerprint("rules.yaml"))
    }

    func makeEngine(claims: ClaimIndex? = nil) throws -> Engine {
        let model = try model.map { try LinearModel(serialized: Array(try FileInput.read($0))) } ?? ShippedDefaults.model()
        let rules = try rules.map { try RulePack(yaml: String(decoding: try FileInput.read($0), as: UTF8.self)) } ?? ShippedDefaults.rules()
        let policy = try policy.map { try Policy(yaml: String(decoding: try FileInput.read($0), as: UTF8.self)) } ?? ShippedDefaults.policy()
        var list = IndicatorList()
        for path in indicators {
            let (parsed, rejected) = IndicatorList.parse(String(decoding: try FileInput.read(path), as: UTF8.self))
            if rejected > 0 { Terminal.warn("\(path): \(rejected) lines are not a domain, URL, phone number or account; skipped") }
            list.merge(parsed)
        }
        return Engine(model: model, rules: rules, indicators: list, policy: policy, claims: claims)
    }
}
