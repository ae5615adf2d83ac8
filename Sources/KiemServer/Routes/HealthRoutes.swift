import Hummingbird

/// `GET /healthz` (the process answers), `GET /readyz` (and its database does), `GET /metrics`.
struct HealthRoutes {
    let services: KiemServices

    func register(on router: Router<KiemRequestContext>) {
        router.get("/healthz") { _, _ in JSONText.response(#"{"status":"ok"}"#) }
        router.get("/readyz") { _, _ in
            do {
                try await services.store.ping()
                return JSONText.response(#"{"status":"ready","database":"ok"}"#)
            } catch {
                throw APIError(.serviceUnavailable, "not_ready", "the database does not answer")
            }
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: services.registry.emitToBuffer())))
        }
    }
}
