import KiemDetect
import KiemStore
import Synchronization

/// The engine the routes use, replaced (not mutated) when the listed indicators change, so a
/// value listed through the API is matched by the next check.
public final class EngineHolder: Sendable {
    private let state: Mutex<Engine>
    /// Indicators from files given at start (`--indicators`), kept under the store's.
    private let fileIndicators: IndicatorList

    public init(_ engine: Engine) {
        state = Mutex(engine)
        fileIndicators = engine.indicators
    }

    public var current: Engine { state.withLock { $0 } }

    /// Rebuilds the engine with the store's live indicators (and those from files).
    public func refresh(from store: Store) async throws {
        var indicators = fileIndicators
        indicators.merge(try await store.liveIndicatorList())
        state.withLock { engine in
            engine = Engine(model: engine.model, rules: engine.rules, indicators: indicators, policy: engine.policy, links: engine.links)
        }
    }
}
