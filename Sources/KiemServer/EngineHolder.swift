import KiemDetect
import KiemStore
import Logging
import Synchronization

/// The engine the routes use, replaced (not mutated) when the listed indicators or the known
/// claims change, so a value listed or a claim published through the API is matched by the next check.
public final class EngineHolder: Sendable {
    private struct State {
        var engine: Engine
        var generation = 0
        /// The store's claims revision the engine's claim index was built from.
        var claimsRevision: String?
        /// The store's engine revision the indicators, thresholds and rules were read at.
        var engineRevision: String?
        /// Sessions (scratch buffers) of the current engine, kept between requests.
        var idle: [SessionBox] = []
        /// The version of the rule pack administrators installed, when one is in use.
        var installedRules: String?
    }

    /// A session and the engine generation it belongs to.
    private final class SessionBox: @unchecked Sendable {
        let session: Engine.Session
        let generation: Int

        init(_ session: Engine.Session, generation: Int) {
            self.session = session
            self.generation = generation
        }
    }

    private let state: Mutex<State>
    /// Indicators from files given at start (`--indicators`), kept under the store's.
    private let fileIndicators: IndicatorList
    /// The policy file's thresholds, under those administrators set in the store.
    private let filePolicy: Policy
    /// The rule pack given at start, used unless administrators installed another.
    private let fileRules: RulePack

    public init(_ engine: Engine) {
        state = Mutex(State(engine: engine))
        fileIndicators = engine.indicators
        filePolicy = engine.policy
        fileRules = engine.rules
    }

    /// "installed:" and the version of the rule pack administrators installed, or nil when the
    /// pack given at start is in use.
    public var installedRulesVersion: String? { state.withLock { $0.installedRules } }

    /// The version to record with a verdict: the installed pack's, else `start` (the pack given at start).
    public func rulesVersion(otherwise start: String) -> String { installedRulesVersion ?? start }

    public var current: Engine { state.withLock { $0.engine } }

    /// Runs `body` with a session of the current engine, reusing one from an earlier request
    /// when one is idle: a session's scratch buffers cost more to make than a check.
    public func withSession<T>(_ body: (Engine.Session) throws -> T) rethrows -> T {
        let box = state.withLock { state -> SessionBox in
            if let idle = state.idle.popLast() { return idle }
            return SessionBox(state.engine.session(), generation: state.generation)
        }
        defer {
            state.withLock { state in
                if box.generation == state.generation && state.idle.count < 64 { state.idle.append(box) }
            }
        }
        return try body(box.session)
    }

    /// Rebuilds the engine with the store's live indicators (and those from files), the
    /// thresholds administrators set (over the policy file's) and the rule pack they installed
    /// (over the one given at start): always, or with `force` false only when they changed in the
    /// store since the last rebuild. Returns whether it rebuilt.
    @discardableResult
    public func refresh(from store: Store, force: Bool = true) async throws -> Bool {
        // Read before the data: a change made meanwhile shows as a newer revision next time.
        let revision = try await store.engineRevision()
        if !force && state.withLock({ $0.engineRevision == revision }) { return false }
        var indicators = fileIndicators
        indicators.merge(try await store.liveIndicatorList())
        var policy = filePolicy
        for (label, thresholds) in try await store.policyThresholds() { policy.labels[label] = thresholds }
        let installed = try await store.rulePackYAML().map { try RulePack(yaml: $0) }
        let rules = installed ?? fileRules
        state.withLock { state in
            let engine = state.engine
            Self.install(Engine(model: engine.model, rules: rules, indicators: indicators, policy: policy, links: engine.links,
                                claims: engine.claims), in: &state)
            state.installedRules = installed.map { "installed:" + $0.version }
            state.engineRevision = revision
        }
        return true
    }

    /// Follows what other processes change in the store (listed values, thresholds, rule packs,
    /// claims and fact-checks): every `period`, rebuilds what changed. Runs until cancelled.
    public func follow(_ store: Store, every period: Duration, logger: Logger) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: period)
            } catch {
                return
            }
            do {
                try await refresh(from: store, force: false)
                try await refreshClaims(from: store)
            } catch {
                logger.warning("engine not refreshed from the store: \(error)")
            }
        }
    }

    /// Makes `engine` the current one; sessions of the old one are dropped.
    private static func install(_ engine: Engine, in state: inout State) {
        state.engine = engine
        state.generation += 1
        state.idle.removeAll()
    }

    /// Rebuilds the claim index from the store's matchable claims when they changed since the
    /// last build (or always, with `force`); returns whether it did. The index is built outside
    /// the lock: checks go on with the old one meanwhile.
    @discardableResult
    public func refreshClaims(from store: Store, force: Bool = false) async throws -> Bool {
        let revision = try await store.claimsRevision()
        if !force && state.withLock({ $0.claimsRevision == revision }) { return false }
        let index = ClaimIndex(try await store.matchableClaims())
        state.withLock { state in
            let engine = state.engine
            Self.install(Engine(model: engine.model, rules: engine.rules, indicators: engine.indicators, policy: engine.policy, links: engine.links,
                                claims: index), in: &state)
            state.claimsRevision = revision
        }
        return true
    }
}
