import Hummingbird
import Prometheus

/// Counts requests and their durations by route and status, for `GET /metrics`.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = KiemRequestContext
    let registry: PrometheusCollectorRegistry
    static var requests: MetricNameDescriptor { MetricNameDescriptor(namespace: "kiem", subsystem: "http", metricName: "requests", unitName: "total", helpText: "HTTP requests answered") }
    static var duration: MetricNameDescriptor { MetricNameDescriptor(namespace: "kiem", subsystem: "http", metricName: "request_duration", unitName: "seconds", helpText: "Time to answer an HTTP request") }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        let labels = [("method", request.method.rawValue), ("route", route), ("status", String(response.status.code))]
        registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
        registry.makeDurationHistogram(descriptor: Self.duration, labels: [("route", route)],
                                       buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10)])
            .record(ContinuousClock.now - start)
        return response
    }
}
