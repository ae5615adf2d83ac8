import ArgumentParser
import Foundation
import KiemDetect

/// `kiem alerts eval`: spike detection on a generated stream with planted bursts.
struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alerts", abstract: "Spike alerts.", subcommands: [Evaluate.self])

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Measure spike alerts on a generated stream: Poisson series with a daily rhythm and extra noise, with planted bursts."
        )

        @Option(name: .long, help: "Number of series (clusters, labels, domains, ...).")
        var series = 2_000

        @Option(name: .long, help: "Number of buckets (hours).")
        var buckets = 168

        @Option(name: .long, help: "Number of planted bursts.")
        var bursts = 100

        @Option(name: .long, help: "Random seed.")
        var seed: UInt64 = 7

        func validate() throws {
            if series < 1 || buckets < 40 || bursts < 1 || bursts > series { throw ValidationError("need series ≥ 1, buckets ≥ 40, 1 ≤ bursts ≤ series") }
        }

        func run() throws {
            let clock = ContinuousClock()
            var result: BurstEvaluation?
            let elapsed = clock.measure { result = BurstEvaluation.run(series: series, buckets: buckets, bursts: bursts, seed: seed) }
            guard let result else { return }
            let delays = Dictionary(grouping: result.delays, by: { $0 }).mapValues(\.count)
            print("\(result.series) series × \(result.buckets) buckets, \(result.events) events, \(result.bursts) planted bursts")
            print("bursts alerted within two buckets: \(result.found)/\(result.bursts) (same bucket: \(delays[0] ?? 0), next bucket: \(delays[1] ?? 0))")
            print(String(format: "false alerts: %d, %.3f per 1,000 series-buckets", result.falseAlerts, result.falseAlertRate))
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(String(format: "%.0f events/s through the detector (generation included)", Double(result.events) / seconds))
        }
    }
}
