import Hummingbird
import Prometheus
import Synchronization

/// Counts requests and their durations by route and status, for `GET /metrics`.
///
/// The counter and histogram of each (method, route, status) are made once and kept: asking the
/// registry for them by name and labels on every request cost more than the health check itself.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = KiemRequestContext
    let registry: PrometheusCollectorRegistry
    private let handles = Handles()

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    static var requests: MetricNameDescriptor { MetricNameDescriptor(namespace: "kiem", subsystem: "http", metricName: "requests", unitName: "total", helpText: "HTTP requests answered") }
    static var duration: MetricNameDescriptor { MetricNameDescriptor(namespace: "kiem", subsystem: "http", metricName: "request_duration", unitName: "seconds", helpText: "Time to answer an HTTP request") }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let key = Key(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: response.status.code)
        let (counter, histogram) = handles.metrics(for: key, registry: registry)
        counter.increment()
        histogram.record(ContinuousClock.now - start)
        return response
    }

    private struct Key: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    /// The metric objects made so far, by key.
    private final class Handles: Sendable {
        private let made = Mutex<[Key: (Counter, DurationHistogram)]>([:])

        func metrics(for key: Key, registry: PrometheusCollectorRegistry) -> (Counter, DurationHistogram) {
            if let known = made.withLock({ $0[key] }) { return known }
            let counter = registry.makeCounter(descriptor: RequestMetricsMiddleware.requests,
                                               labels: [("method", key.method), ("route", key.route), ("status", String(key.status))])
            let histogram = registry.makeDurationHistogram(descriptor: RequestMetricsMiddleware.duration, labels: [("route", key.route)],
                                                           buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
                                                                     .milliseconds(500), .seconds(2), .seconds(10)])
            made.withLock { $0[key] = (counter, histogram) }
            return (counter, histogram)
        }
    }
}
