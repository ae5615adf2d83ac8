import Hummingbird
import KiemDetect

/// `POST /v1/check`: one message or `{"items": [...]}` (up to 1,000), answered in the verdict
/// shape of DESIGN.md. Anonymous callers are rate limited per client; a token lifts the limit.
struct CheckRoutes {
    let services: KiemServices

    func register(on router: Router<KiemRequestContext>) {
        router.post("/v1/check") { request, context in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let parsed = body.withUnsafeReadableBytes { raw in
                CheckBatch.parse(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count))
            }
            switch parsed {
            case .failure(let failure):
                throw APIError.badRequest(failure.message)
            case .success(.single(let item)):
                try limit(context, cost: 1)
                // One allocation for the answer instead of one per doubling while it is written.
                var out: [UInt8] = []
                out.reserveCapacity(1024)
                let verdict = services.engines.withSession { session in item.text.withUnsafeBufferPointer { session.check(bytes: $0) } }
                VerdictJSON.append(verdict, idJSON: item.idJSON, to: &out)
                out.removeLast()  // the newline of the JSONL form
                return JSONText.response(out)
            case .success(.batch(let items)):
                try limit(context, cost: Double(max(1, items.count)))
                var out: [UInt8] = []
                out.reserveCapacity(16 + 512 * items.count)
                out.append(contentsOf: #"{"items":["#.utf8)
                services.engines.withSession { session in
                    for (index, item) in items.enumerated() {
                        if index > 0 { out.append(UInt8(ascii: ",")) }
                        switch item {
                        case .success(let request):
                            let verdict = request.text.withUnsafeBufferPointer { session.check(bytes: $0) }
                            VerdictJSON.append(verdict, idJSON: request.idJSON, to: &out)
                        case .failure(let error):
                            VerdictJSON.appendError(error.message, idJSON: error.idJSON, to: &out)
                        }
                        out.removeLast()
                    }
                }
                out.append(contentsOf: "]}".utf8)
                return JSONText.response(out)
            }
        }
    }

    private func limit(_ context: KiemRequestContext, cost: Double) throws {
        guard context.principal == nil else { return }
        if let wait = services.checkLimit.take(context.clientKey, cost: min(cost, services.checkLimit.burst)) {
            throw APIError(.tooManyRequests, "rate_limited", "too many checks without a token; try again in \(wait) s, or use an API token", retryAfter: wait)
        }
    }
}
