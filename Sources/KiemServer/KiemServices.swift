import KiemDetect
import KiemStore
import Prometheus

/// What the routes share: the store, the engine and its versions, the compliance settings,
/// rate limits and metrics.
public struct KiemServices: Sendable {
    public var store: Store
    public let engines: EngineHolder
    /// The engine as of now (with the indicators listed so far).
    public var engine: Engine { engines.current }
    /// Names the model and rules a verdict came from, kept with every stored verdict.
    public var modelVersion: String
    public var rulesVersion: String { engines.rulesVersion(otherwise: startRulesVersion) }
    /// The version of the rule pack given at start.
    public var startRulesVersion: String
    public var compliance: ComplianceConfig
    public var doNotCall: DoNotCallList?
    public var brandnames: BrandnameRegistry?
    /// Anonymous checks per client (a token lifts the limit).
    public var checkLimit: RateLimiter
    /// Citizen reports per client.
    public var reportLimit: RateLimiter
    /// Log-in attempts per client (slows password guessing).
    public var loginLimit: RateLimiter = RateLimiter(perMinute: 10, burst: 10)
    public var registry: PrometheusCollectorRegistry
    /// Recent token lookups.
    public let tokenCache = TokenCache()
    /// Campaign clusters and spike alerts over what is ingested.
    public var campaigns: CampaignMonitor

    public init(store: Store, engine: Engine, modelVersion: String, rulesVersion: String, compliance: ComplianceConfig = .standard,
                doNotCall: DoNotCallList? = nil, brandnames: BrandnameRegistry? = nil,
                checkLimit: RateLimiter = RateLimiter(perMinute: 60, burst: 30), reportLimit: RateLimiter = RateLimiter(perMinute: 6, burst: 5), registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
                campaigns: CampaignMonitor = CampaignMonitor()) {
        self.campaigns = campaigns
        self.store = store
        engines = EngineHolder(engine)
        self.modelVersion = modelVersion
        startRulesVersion = rulesVersion
        self.compliance = compliance
        self.doNotCall = doNotCall
        self.brandnames = brandnames
        self.checkLimit = checkLimit
        self.reportLimit = reportLimit
        self.registry = registry
    }
}
