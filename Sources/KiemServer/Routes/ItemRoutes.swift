import Foundation
import Hummingbird
import KiemDetect
import KiemStore

/// `POST /v1/items` (batch ingest, idempotent, acknowledged only once durable),
/// `GET /v1/items` (filters, search, cursor) and `GET /v1/items/{id}`.
struct ItemRoutes {
    let services: KiemServices

    func register(on router: Router<KiemRequestContext>) {
        router.post("/v1/items") { request, context in
            let principal = try context.require(.analyst)
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let parsed = try IngestBody.parse(body, maxItems: 1000)
            guard !parsed.items.isEmpty else { throw APIError.badRequest("`items` is empty") }
            // `?check=later` stores at once and leaves checking to `kiem worker` processes.
            let checkLater = request.uri.queryParameters["check"] == "later"
            var batch: [(item: ItemInput, verdict: VerdictRecord?)] = []
            var checked: [(verdict: Verdict, reading: MessageReading)?] = []
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            // One engine session and one rules version for the whole batch.
            let (modelVersion, rulesVersion) = (services.modelVersion, services.rulesVersion)
            try services.engines.withSession { session in
                for (index, item) in parsed.items.enumerated() {
                    func field(_ name: String, _ value: String, max: Int) throws -> String {
                        let trimmed = value.trimmed
                        guard !trimmed.isEmpty else { throw APIError.badRequest("`items[\(index)].\(name)` is empty") }
                        guard value.utf8.count <= max else { throw APIError.badRequest("`items[\(index)].\(name)` is longer than \(max) bytes") }
                        return trimmed
                    }
                    let source = try field("source", item.source, max: 100)
                    let external = try field("external_id", item.externalId, max: 200)
                    guard item.text.utf8.count <= 100_000 else { throw APIError.badRequest("`items[\(index)].text` is longer than 100000 bytes") }
                    var received: Int64?
                    if let text = item.receivedAt {
                        guard let milliseconds = Timestamp.milliseconds(text.utf8) else {
                            throw APIError.badRequest("`items[\(index)].received_at` must be an ISO 8601 time with an offset")
                        }
                        received = milliseconds
                    }
                    let result = checkLater ? nil : session.checkAndRead(item.text)
                    checked.append(result)
                    let verdict = result.map { VerdictRecord($0.verdict, modelVersion: modelVersion, rulesVersion: rulesVersion) }
                    batch.append((ItemInput(source: source, externalID: external, text: item.text, url: item.url, receivedAt: received,
                                            author: item.author, metadataJSON: item.metadata ?? "{}"), verdict))
                }
            }
            let outcomes = try await services.store.ingest(batch, actor: principal.name)
            // Acknowledged and durable: now the new ones count toward campaigns and spikes.
            let fresh = outcomes.indices.compactMap { index -> (text: String, verdict: Verdict, receivedAt: Int64, reading: MessageReading?)? in
                guard outcomes[index].created, let result = checked[index] else { return nil }
                return (batch[index].item.text, result.verdict, batch[index].item.receivedAt ?? now, result.reading)
            }
            do { try await services.campaigns.observe(fresh, store: services.store) } catch {
                context.logger.error("campaign monitor: \(error)")
            }
            var out = #"{"items":["#
            for (index, outcome) in outcomes.enumerated() {
                if index > 0 { out += "," }
                let entry = batch[index]
                out += #"{"id":\#(outcome.id),"source":\#(JSONText.string(entry.item.source)),"external_id":\#(JSONText.string(entry.item.externalID)),"#
                out += #""created":\#(outcome.created),"top":\#(JSONText.string(entry.verdict?.top ?? "pending")),"action":\#(JSONText.string(entry.verdict?.action ?? "pending")),"#
                out += #""case_id":\#(outcome.caseID.map(String.init) ?? "null")}"#
            }
            out += "]}"
            return JSONText.response(out, status: checkLater ? .accepted : outcomes.contains(where: \.created) ? .created : .ok)
        }

        router.get("/v1/items") { request, context in
            _ = try context.require(.viewer)
            let parameters = request.uri.queryParameters
            var query = ItemQuery()
            query.source = parameters["source"].map(String.init)
            query.label = parameters["label"].map(String.init)
            query.text = parameters["query"].map(String.init)
            if let since = parameters["since"] {
                guard let milliseconds = Timestamp.milliseconds(since.utf8) else { throw APIError.badRequest("`since` must be an ISO 8601 time with an offset") }
                query.since = milliseconds
            }
            if let limit = parameters["limit"] {
                guard let value = Int(limit), (1...500).contains(value) else { throw APIError.badRequest("`limit` must be a number from 1 to 500") }
                query.limit = value
            }
            if let cursor = parameters["cursor"] {
                guard let value = Int64(cursor), value > 0 else { throw APIError.badRequest("`cursor` is not one this API gave") }
                query.after = value
            }
            let page = try await services.store.items(query)
            var out = #"{"items":["#
            out += page.items.map(Self.json).joined(separator: ",")
            out += #"],"total":\#(page.total),"next":\#(page.next.map { "\"\($0)\"" } ?? "null")}"#
            return JSONText.response(out)
        }

        router.get("/v1/items/{id}") { _, context in
            _ = try context.require(.viewer)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.badRequest("the item id must be a number") }
            guard let item = try await services.store.item(id: id) else { throw APIError.notFound("no item \(id)") }
            return JSONText.response(Self.json(item))
        }
    }

    static func json(_ item: StoredItem) -> String {
        var out = #"{"id":\#(item.id),"source":\#(JSONText.string(item.source)),"external_id":\#(JSONText.string(item.externalID)),"#
        out += #""text":\#(JSONText.string(item.text)),"url":\#(item.url.map(JSONText.string) ?? "null"),"#
        out += #""received_at":"\#(JSONText.time(item.receivedAt))","created_at":"\#(JSONText.time(item.createdAt))","#
        out += #""author_hash":\#(item.authorHash.map(JSONText.string) ?? "null"),"metadata":\#(item.metadataJSON),"#
        out += #""top":\#(JSONText.string(item.top)),"action":\#(JSONText.string(item.action)),"verdict":\#(item.verdictJSON ?? "null"),"#
        if let caseID = item.caseID {
            out += #""case":{"id":\#(caseID),"status":\#(JSONText.string(item.caseStatus ?? "new"))}}"#
        } else {
            out += #""case":null}"#
        }
        return out
    }
}
