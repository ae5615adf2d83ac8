import Foundation
import Hummingbird
import KiemDetect
import KiemStore

/// Indicator lists: `GET/POST /v1/indicators`, `GET/DELETE /v1/indicators/{id}`, bulk
/// `POST /v1/indicators/import` (CSV, JSONL, or a plain list such as ChongLuaDao's) and
/// `GET /v1/indicators/export` (CSV or JSONL). A change reaches the engine at once.
struct IndicatorRoutes {
    let services: KiemServices

    struct Body: Decodable {
        var value: String
        var label: String
        var source: String?
        var confidence: Double?
        var expiresAt: String?
        var note: String?
    }

    static let csvHeader = ["type", "value", "label", "source", "confidence", "first_seen", "last_seen", "expires_at", "note"]

    func register(on router: Router<KiemRequestContext>) {
        router.get("/v1/indicators") { request, context in
            _ = try context.require(.viewer)
            let parameters = request.uri.queryParameters
            let type = try parameters["type"].map { name in
                try IndicatorList.Kind(rawValue: String(name)).orThrow(APIError.badRequest("`type` must be domain, url, phone, email or bank_account"))
            }
            let limit = try parameters["limit"].map { try Int($0).flatMap { (1...1000).contains($0) ? $0 : nil }.orThrow(APIError.badRequest("`limit` must be 1 to 1000")) } ?? 100
            let after = try parameters["cursor"].map { try Int64($0).orThrow(APIError.badRequest("`cursor` is not one this API gave")) }
            let page = try await services.store.indicators(type: type, label: parameters["label"].map(String.init), containing: parameters["q"].map(String.init),
                                                           limit: limit, after: after)
            return JSONText.response(#"{"indicators":[\#(page.indicators.map(Self.json).joined(separator: ","))],"total":\#(page.total),"next":\#(page.next.map { "\"\($0)\"" } ?? "null")}"#)
        }

        router.post("/v1/indicators") { request, context in
            let principal = try context.require(.analyst)
            let body = try BodyDecoder.decode(Body.self, from: try await request.body.collect(upTo: 64 << 10).readableBytesView)
            let input = try Self.input(body, defaultSource: principal.name)
            let outcome = try await CaseRoutes.mapped { try await services.store.importIndicators([input], actor: principal.name) }
            guard outcome.rejected == 0 else { throw APIError.badRequest("not a domain, URL, phone number, e-mail address or bank account: \(body.value)") }
            try await services.engines.refresh(from: services.store)
            let (kind, value) = IndicatorList.classify(body.value)!
            let listed = try await services.store.indicators(type: kind, containing: value, limit: 1000).indicators.first { $0.value == value }
            return JSONText.response(listed.map(Self.json) ?? "{}", status: outcome.created == 1 ? .created : .ok)
        }

        router.get("/v1/indicators/{id}") { _, context in
            _ = try context.require(.viewer)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.badRequest("the indicator id must be a number") }
            guard let found = try await services.store.indicator(id: id) else { throw APIError.notFound("no indicator \(id)") }
            return JSONText.response(Self.json(found))
        }

        router.delete("/v1/indicators/{id}") { _, context in
            let principal = try context.require(.analyst)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.badRequest("the indicator id must be a number") }
            try await CaseRoutes.mapped { try await services.store.deleteIndicator(id: id, actor: principal.name) }
            try await services.engines.refresh(from: services.store)
            return Response(status: .noContent)
        }

        router.post("/v1/indicators/import") { request, context in
            let principal = try context.require(.analyst)
            let parameters = request.uri.queryParameters
            let format = parameters["format"].map(String.init) ?? "text"
            let label = parameters["label"].map(String.init) ?? "phishing"
            let source = parameters["source"].map(String.init) ?? "import"
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            guard let text = String(validating: body.readableBytesView, as: UTF8.self) else { throw APIError.badRequest("the body is not UTF-8") }
            try BodyDecoder.refuseNUL(body.readableBytesView)
            var inputs: [IndicatorInput] = []
            var unreadable = 0
            switch format {
            case "text":
                for line in text.split(whereSeparator: \.isNewline) {
                    let value = line.trimmed
                    if value.isEmpty || value.hasPrefix("#") { continue }
                    inputs.append(IndicatorInput(value: value, label: label, source: source))
                }
            case "jsonl":
                for line in text.split(whereSeparator: \.isNewline) where !line.trimmed.isEmpty {
                    guard let body = try? JSONDecoder.snakeCase.decode(Body.self, from: Data(line.utf8)), let input = try? Self.input(body, defaultSource: source, defaultLabel: label) else {
                        unreadable += 1
                        continue
                    }
                    inputs.append(input)
                }
            case "csv":
                let rows: [[String]]
                do { rows = try CSV.rows(text) } catch let failure as CSV.Failure { throw APIError.badRequest("CSV: \(failure.message)") }
                guard let header = rows.first, let valueColumn = header.firstIndex(of: "value") else { throw APIError.badRequest("CSV: the first row must name the columns, with at least `value`") }
                func column(_ row: [String], _ name: String) -> String? { header.firstIndex(of: name).flatMap { $0 < row.count && !row[$0].isEmpty ? row[$0] : nil } }
                for row in rows.dropFirst() {
                    guard valueColumn < row.count else { unreadable += 1; continue }
                    let body = Body(value: row[valueColumn], label: column(row, "label") ?? label, source: column(row, "source"),
                                    confidence: column(row, "confidence").flatMap(Double.init), expiresAt: column(row, "expires_at"), note: column(row, "note"))
                    guard let input = try? Self.input(body, defaultSource: source) else { unreadable += 1; continue }
                    inputs.append(input)
                }
            default:
                throw APIError.badRequest("`format` must be text, jsonl or csv")
            }
            guard inputs.count <= 1_000_000 else { throw APIError.badRequest("at most 1,000,000 values per import") }
            let outcome = try await CaseRoutes.mapped { try await services.store.importIndicators(inputs, actor: principal.name) }
            try await services.engines.refresh(from: services.store)
            return JSONText.response(#"{"created":\#(outcome.created),"updated":\#(outcome.updated),"rejected":\#(outcome.rejected + unreadable)}"#)
        }

        router.get("/v1/indicators/export") { request, context in
            _ = try context.require(.viewer)
            let format = request.uri.queryParameters["format"].map(String.init) ?? "csv"
            guard format == "csv" || format == "jsonl" else { throw APIError.badRequest("`format` must be csv or jsonl") }
            var out = format == "csv" ? Self.csvHeader.joined(separator: ",") + "\n" : ""
            var after: Int64?
            repeat {
                let page = try await services.store.indicators(live: true, limit: 10_000, after: after)
                for indicator in page.indicators {
                    if format == "csv" {
                        out += [indicator.type.rawValue, indicator.value, indicator.label, indicator.source, String(indicator.confidence),
                                JSONText.time(indicator.firstSeen), JSONText.time(indicator.lastSeen), indicator.expiresAt.map(JSONText.time) ?? "", indicator.note]
                            .map(CSV.field).joined(separator: ",") + "\n"
                    } else {
                        out += Self.json(indicator) + "\n"
                    }
                }
                after = page.next
            } while after != nil
            return Response(status: .ok, headers: [.contentType: format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"kiem-indicators.\(format)\""],
                            body: .init(byteBuffer: ByteBuffer(string: out)))
        }
    }

    static func input(_ body: Body, defaultSource: String, defaultLabel: String? = nil) throws -> IndicatorInput {
        var expires: Int64?
        if let text = body.expiresAt {
            guard let milliseconds = Timestamp.milliseconds(text.utf8) else { throw APIError.badRequest("`expires_at` must be an ISO 8601 time with an offset") }
            expires = milliseconds
        }
        return IndicatorInput(value: body.value, label: body.label.isEmpty ? (defaultLabel ?? "phishing") : body.label, source: body.source ?? defaultSource,
                              confidence: body.confidence ?? 1, expiresAt: expires, note: body.note ?? "")
    }

    static func json(_ indicator: Indicator) -> String {
        #"{"id":\#(indicator.id),"type":"\#(indicator.type.rawValue)","value":\#(JSONText.string(indicator.value)),"label":\#(JSONText.string(indicator.label)),"#
            + #""source":\#(JSONText.string(indicator.source)),"confidence":\#(indicator.confidence),"first_seen":"\#(JSONText.time(indicator.firstSeen))","#
            + #""last_seen":"\#(JSONText.time(indicator.lastSeen))","expires_at":\#(indicator.expiresAt.map { "\"\(JSONText.time($0))\"" } ?? "null"),"note":\#(JSONText.string(indicator.note))}"#
    }
}

extension JSONDecoder {
    /// A decoder for API bodies: snake_case keys.
    static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
