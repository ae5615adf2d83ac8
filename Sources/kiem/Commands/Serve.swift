import ArgumentParser
import Foundation
import Hummingbird
import KiemDetect
import KiemServer
import KiemStore
import Logging

/// `kiem serve`: the HTTP API on the store.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Kiem server: the /v1 API on the store (SQLite by default, or PostgreSQL).",
        discussion: """
        kiem serve --demo                         a demo on ./kiem.sqlite: seeded items, cases, a log-in per role
        kiem serve --db postgres://kiem@db/kiem   several servers and workers on one PostgreSQL
        """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var engineOptions: EngineOptions

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on.")
    var port = 8080

    @Flag(name: .long, help: "Seed demo data (items, cases, users for every role) and print the log-ins.")
    var demo = false

    @Option(name: .long, help: ArgumentHelp("Do-Not-Call list for POST /v1/compliance.", valueName: "file"))
    var dnc: String?

    @Option(name: .long, help: ArgumentHelp("Brandname registry for POST /v1/compliance.", valueName: "file"))
    var brandnames: String?

    @Option(name: .long, help: ArgumentHelp("Decree 91 config for POST /v1/compliance (see kiem compliance --print-config).", valueName: "file"))
    var complianceConfig: String?

    @Option(name: [.customLong("store-poll"), .customLong("claims-poll")],
            help: ArgumentHelp("Seconds between checks for listed values, thresholds, rule packs, claims and fact-checks changed by other processes.",
                               valueName: "seconds"))
    var storePoll = 15

    @Option(name: .long, help: ArgumentHelp("Post each new spike alert as JSON to this URL (repeatable).", valueName: "url"))
    var webhook: [String] = []

    @Option(name: .long, help: ArgumentHelp("Width of the spike alerts' time buckets.", valueName: "seconds"))
    var alertBucket: Int64 = 3_600

    @Flag(name: .long, help: "Do not cluster ingested items or raise spike alerts (for throughput comparisons).")
    var noCampaignWatch = false

    func validate() throws {
        for url in webhook where URL(string: url)?.scheme.map({ $0 == "http" || $0 == "https" }) != true {
            throw ValidationError("--webhook must be an http(s) URL: \(url)")
        }
        if alertBucket < 60 { throw ValidationError("--alert-bucket must be at least 60 seconds") }
        if storePoll < 1 { throw ValidationError("--store-poll must be at least 1 second") }
        if !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535") }
    }

    var alertSettings: SpikeDetector.Settings {
        var settings = SpikeDetector.Settings()
        settings.bucketSeconds = alertBucket
        return settings
    }

    func run() async throws {
        var logger = Logger(label: "kiem")
        logger.logLevel = .info
        let engine = try engineOptions.makeEngine()
        let store = try await storeOptions.open()
        let versions = try engineOptions.versions()
        let services = KiemServices(
            store: store, engine: engine, modelVersion: versions.model, rulesVersion: versions.rules,
            compliance: try complianceConfig.map { try ComplianceConfig(yaml: String(decoding: try FileInput.read($0), as: UTF8.self)) } ?? .standard,
            doNotCall: try dnc.map { DoNotCallList.parse(String(decoding: try FileInput.read($0), as: UTF8.self)).list },
            brandnames: try brandnames.map { BrandnameRegistry.parse(String(decoding: try FileInput.read($0), as: UTF8.self)).registry },
            campaigns: CampaignMonitor(settings: alertSettings, webhooks: webhook.compactMap(URL.init(string:)), enabled: !noCampaignWatch)
        )
        try await services.engines.refresh(from: store)
        // The campaign monitor remembers the last buckets' traffic (up to 200,000 items).
        let recent = noCampaignWatch ? [] : try await store.recentTexts(since: Int64(Date().timeIntervalSince1970 * 1000) - 6 * alertBucket * 1000, limit: 200_000)
        services.engines.withSession { session in
            services.campaigns.warm(recent.reversed().map { item in
                let (verdict, reading) = session.checkAndRead(item.text)
                return (item.text, verdict, item.receivedAt, reading)
            })
        }
        if demo { try await DemoSeeder(store: store, engine: engine, services: services).seed(host: host, port: port) }
        let started = ContinuousClock.now
        try await services.engines.refreshClaims(from: store, force: true)
        let claimCount = services.engine.claims?.claims.count ?? 0
        logger.info("claim index: \(claimCount) known claims in \(started.duration(to: .now))")
        // What other servers and workers change (or what is changed directly in the database) is picked up within this period.
        let poll = Task { [logger] in await services.engines.follow(store, every: .seconds(storePoll), logger: logger) }
        defer { poll.cancel() }
        let app = KiemServer.application(services, settings: .init(host: host, port: port), logger: logger)
        logger.info("kiem serving on http://\(host):\(port) (database: \(storeOptions.db))")
        do {
            try await app.runService()
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}
