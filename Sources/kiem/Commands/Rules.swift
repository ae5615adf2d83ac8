import ArgumentParser
import Foundation
import KiemDefaults
import KiemDetect

/// `kiem rules`: inspect and test rule packs.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with rule packs.",
        subcommands: [Test.self, List.self]
    )

    static func load(_ path: String?) throws -> RulePack {
        try path.map { try RulePack(yaml: String(decoding: try FileInput.read($0), as: UTF8.self)) } ?? ShippedDefaults.rules()
    }

    /// `kiem rules test`: runs the examples written in each rule.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "test", abstract: "Run each rule's own examples (tests.match and tests.no_match).")

        @Option(name: .long, help: "A rule pack (default: the shipped pack).")
        var rules: String?

        @Option(name: .long, help: "Test only this rule.")
        var rule: String?

        func run() throws {
            let pack = try Rules.load(rules)
            if let rule, !pack.rules.contains(where: { $0.name == rule }) { throw ValidationError("no rule named \(rule)") }
            let (checked, failures) = pack.runTests(only: rule)
            for failure in failures { print("FAIL \(failure)") }
            print("\(checked - failures.count)/\(checked) rule examples pass (\(pack.rules.count) rules, pack \(pack.version))")
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }

    /// `kiem rules list`: the rules of a pack.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rules of a pack.")

        @Option(name: .long, help: "A rule pack (default: the shipped pack).")
        var rules: String?

        func run() throws {
            let pack = try Rules.load(rules)
            for rule in pack.rules {
                let weights = rule.weights.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value >= 0 ? "+" : "")\($0.value)" }.joined(separator: ", ")
                print("\(rule.name) [\(weights)]: \(rule.description)")
            }
        }
    }
}
