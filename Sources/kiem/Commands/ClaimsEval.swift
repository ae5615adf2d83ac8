import ArgumentParser
import Foundation
import KiemDefaults
import KiemDetect
import KiemText

/// `kiem claims eval`: recall of the right claim, and how often look-alikes match, on a test set
/// generated from the project's claims and the texts of `../shared/data`.
struct ClaimsEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate claim matching on generated variants (reworded, unaccented, obfuscated, embedded) and look-alikes.",
        discussion: """
        Known claims: the shipped demo claims and the headlines of ../shared/data/vfnd. Variants are generated \
        from each claim, paraphrases and topical look-alikes come from --cases, embedded claims sit between real \
        comments of ../shared/data/vihsd, and background texts (vihsd, vispamreviews) must match nothing. \
        Claims are split in two halves by a hash of their id: tune on dev, report test.
        """
    )

    @Option(name: .long, help: "The folder of shared datasets.")
    var data = "../shared/data"

    @Option(name: .long, help: "Hand-written paraphrases and look-alikes (JSONL: id, paraphrases, lookalikes).")
    var cases = "Data/claim-eval.jsonl"

    @Option(name: .long, help: "Which half of the claims to report: dev, test or all.")
    var split = "test"

    @Option(name: .long, help: "A policy file with claims.match and claims.suggest (default: the shipped policy).")
    var policy: String?

    @Flag(name: .long, help: "Also print recall and look-alike rate for a range of match thresholds.")
    var sweep = false

    @Option(name: .long, help: "Print up to this many failures.")
    var failures = 0

    func validate() throws {
        if !["dev", "test", "all"].contains(split) { throw ValidationError("--split must be dev, test or all") }
    }

    func run() throws {
        let thresholds = try policy.map { try Policy(yaml: String(decoding: try FileInput.read($0), as: UTF8.self)) }?.claims ?? ShippedDefaults.policy().claims
        var claims = try ShippedDefaults.demoClaims()
        var seen = Set(claims.map(\.text))
        for file in ["train", "dev"] {
            for example in try jsonLines("\(data)/vfnd/\(file).jsonl") {
                guard let text = example["text"] as? String, let id = example["id"] as? String else { continue }
                let headline = String(text.prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
                let words = headline.split(separator: " ").count
                guard (6...35).contains(words), seen.insert(headline).inserted else { continue }
                claims.append(KnownClaim(key: id, text: headline, verdict: (example["label"] as? String) == "fake" ? "false" : "true"))
            }
        }
        var paraphrases: [String: [String]] = [:]
        var lookalikes: [String: [String]] = [:]
        for entry in try jsonLines(cases) {
            guard let id = entry["id"] as? String else { continue }
            paraphrases[id] = entry["paraphrases"] as? [String] ?? []
            lookalikes[id] = entry["lookalikes"] as? [String] ?? []
        }
        let comments = try jsonLines("\(data)/vihsd/dev.jsonl").compactMap { $0["text"] as? String }
            .filter { !$0.contains("\n") && (8...60).contains($0.split(separator: " ").count) }
        let reviews = try jsonLines("\(data)/vispamreviews/dev.jsonl").compactMap { $0["text"] as? String }
        let background = Array(comments.suffix(1_000)) + Array(reviews.prefix(1_000))
        let set = ClaimTestSet(claims: claims, paraphrases: paraphrases, lookalikes: lookalikes,
                               contexts: Array(comments.prefix(comments.count - min(1_000, comments.count))), background: background)
        let index = ClaimIndex(claims)
        let scratch = ClaimIndex.Scratch()
        let normalizer = Normalizer()
        func inSplit(_ key: String, position: Int) -> Bool {
            if split == "all" { return true }
            let half = key.isEmpty ? position % 2 : Int(Hashing.fnv1a(Array(key.utf8)) % 2)
            return (half == 0) == (split == "dev")
        }
        var results: [(kind: String, expected: String?, best: [ClaimMatch], text: String)] = []
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for (position, testCase) in set.cases.enumerated() where inSplit(testCase.source, position: position) {
                let normalized = normalizer.normalize(testCase.text)
                results.append((testCase.kind, testCase.claim, index.matches(normalized, threshold: 0.3, scratch: scratch), testCase.text))
            }
        }
        print("Claim matching on the \(split) split: \(claims.count) known claims (\(index.documentCount) texts, \(index.termCount) terms), "
              + "\(results.count) cases, match ≥ \(thresholds.match), suggest ≥ \(thresholds.suggest)")
        print("kind            cases  right first  suggested")
        func rate(_ count: Int, _ total: Int) -> String { total == 0 ? "-" : String(format: "%.1f%%", Double(count) * 100 / Double(total)) }
        func right(_ result: (kind: String, expected: String?, best: [ClaimMatch], text: String), at threshold: Double) -> Bool {
            guard let top = result.best.first, top.similarity >= threshold else { return false }
            return top.claimID == result.expected
        }
        var totalRight = 0
        var totalVariants = 0
        for kind in ClaimTestSet.variantKinds {
            let group = results.filter { $0.kind == kind }
            let hits = group.filter { right($0, at: thresholds.match) }.count
            let suggested = group.filter { right($0, at: thresholds.suggest) }.count
            totalRight += hits
            totalVariants += group.count
            print(kind.padding(toLength: 15, withPad: " ", startingAt: 0) + String(format: "%6d", group.count) + "  " + rate(hits, group.count).padding(toLength: 11, withPad: " ", startingAt: 0) + "  " + rate(suggested, group.count))
        }
        print("all variants   " + String(format: "%6d", totalVariants) + "  " + rate(totalRight, totalVariants))
        print("kind            cases  matched      suggested")
        var totalMatched = 0
        var totalLookalikes = 0
        for kind in ClaimTestSet.lookalikeKinds {
            let group = results.filter { $0.kind == kind }
            let matched = group.filter { ($0.best.first?.similarity ?? 0) >= thresholds.match }.count
            let suggested = group.filter { ($0.best.first?.similarity ?? 0) >= thresholds.suggest }.count
            if kind != "background" {
                totalMatched += matched
                totalLookalikes += group.count
            }
            print(kind.padding(toLength: 15, withPad: " ", startingAt: 0) + String(format: "%6d", group.count) + "  " + rate(matched, group.count).padding(toLength: 11, withPad: " ", startingAt: 0) + "  " + rate(suggested, group.count))
        }
        print("look-alikes    " + String(format: "%6d", totalLookalikes) + "  " + rate(totalMatched, totalLookalikes) + "  (topical, denial, negated)")
        print(String(format: "%.1f µs per case", Double(elapsed.components.attoseconds) / 1e12 / Double(max(results.count, 1)) + Double(elapsed.components.seconds) * 1e6 / Double(max(results.count, 1))))
        if sweep {
            print("threshold  recall  look-alikes matched  background matched")
            for step in stride(from: 0.40, through: 0.801, by: 0.02) {
                let variants = results.filter { $0.expected != nil }
                let looks = results.filter { $0.expected == nil && $0.kind != "background" }
                let back = results.filter { $0.kind == "background" }
                print(String(format: "%.2f       ", step) + rate(variants.filter { right($0, at: step) }.count, variants.count).padding(toLength: 8, withPad: " ", startingAt: 0)
                      + rate(looks.filter { ($0.best.first?.similarity ?? 0) >= step }.count, looks.count).padding(toLength: 21, withPad: " ", startingAt: 0)
                      + rate(back.filter { ($0.best.first?.similarity ?? 0) >= step }.count, back.count))
            }
        }
        if failures > 0 {
            var shown = 0
            for result in results where shown < failures {
                let failed = result.expected != nil ? !right(result, at: thresholds.match) : (result.best.first?.similarity ?? 0) >= thresholds.match
                guard failed else { continue }
                shown += 1
                let best = result.best.first.map { "\($0.claimID) \($0.similarity)" } ?? "none"
                print("FAIL [\(result.kind)] expected \(result.expected ?? "none"), got \(best): \(result.text.prefix(160).replacingOccurrences(of: "\n", with: " / "))")
            }
        }
    }

    private func jsonLines(_ path: String) throws -> [[String: Any]] {
        let text = String(decoding: try FileInput.read(path), as: UTF8.self)
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
