import Hummingbird
import Logging

/// Builds the Kiem HTTP server: the `/v1` JSON API with its middleware (errors in one shape,
/// security headers, authentication, metrics), the web pages (public site, review queue,
/// editor, dashboard, admin) and an idle timeout on connections.
public enum KiemServer {
    /// Where and how to listen.
    public struct Settings: Sendable {
        public var host: String
        public var port: Int
        /// A connection that sends or receives nothing for this long is closed (slow clients).
        public var idleTimeout: Int64

        public init(host: String = "127.0.0.1", port: Int = 8080, idleTimeout: Int64 = 30) {
            self.host = host
            self.port = port
            self.idleTimeout = idleTimeout
        }
    }

    /// The router with every route and middleware.
    public static func router(_ services: KiemServices) -> Router<KiemRequestContext> {
        // HEAD is answered wherever GET is (the GET handler's headers, without the body).
        let router = Router(context: KiemRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestMetricsMiddleware(registry: services.registry))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: AuthMiddleware(store: services.store, cache: services.tokenCache))
        let pages = PageRenderer.shared
        router.add(middleware: WebMiddleware(renderer: pages))
        let routes = RouteMethods()
        router.add(middleware: MethodNotAllowedMiddleware(routes: routes))
        HealthRoutes(services: services).register(on: router)
        router.get("/openapi.json") { _, _ in JSONText.response(OpenAPIDocument.json) }
        CheckRoutes(services: services).register(on: router)
        ItemRoutes(services: services).register(on: router)
        ComplianceRoutes(services: services).register(on: router)
        CompliancePage(services: services).register(on: router)
        CaseRoutes(services: services).register(on: router)
        IndicatorRoutes(services: services).register(on: router)
        ReportRoutes(services: services).register(on: router)
        PublicationRoutes(services: services, kind: .factCheck).register(on: router)
        PublicationRoutes(services: services, kind: .warning).register(on: router)
        ClaimRoutes(services: services).register(on: router)
        AlertRoutes(services: services).register(on: router)
        AccessRoutes(services: services).register(on: router)
        StaticFiles().register(on: router)
        PublicationPages(services: services, renderer: pages).register(on: router)
        CitizenPages(services: services, renderer: pages).register(on: router)
        LoginPages(services: services, renderer: pages).register(on: router)
        QueuePages(services: services, renderer: pages).register(on: router)
        EditorPages(services: services, renderer: pages).register(on: router)
        DashboardPage(services: services, renderer: pages).register(on: router)
        AdminPages(services: services, renderer: pages).register(on: router)
        routes.load(router.routes)
        return router
    }

    /// The application, ready to `runService()`.
    public static func application(_ services: KiemServices, settings: Settings, logger: Logger = Logger(label: "kiem.server")) -> some ApplicationProtocol {
        Application(
            router: router(services),
            server: .http1(configuration: .init(idleTimeout: .seconds(settings.idleTimeout))),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "kiem"),
            logger: logger
        )
    }
}
