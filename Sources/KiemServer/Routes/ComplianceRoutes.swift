import Hummingbird
import KiemDetect

/// `POST /v1/compliance`: sending records as JSONL in the body, checked against Decree 91 like
/// `kiem compliance`; answers the violations, unreadable lines, per-sender counts and spam sources.
struct ComplianceRoutes {
    let services: KiemServices

    func register(on router: Router<KiemRequestContext>) {
        router.post("/v1/compliance") { request, context in
            _ = try context.require(.viewer)
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            var records: [SendingRecord] = []
            var errors = ""
            var lineNumber = 0
            body.withUnsafeReadableBytes { raw in
                let bytes = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                    lineNumber += 1
                    var lineEnd = end
                    if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
                    if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                        switch SendingRecord.parse(line) {
                        case .success(let record): records.append(record)
                        case .failure(let error):
                            if !errors.isEmpty { errors += "," }
                            errors += #"{"line":\#(lineNumber),"record_id":\#(error.idJSON.map { String(decoding: $0, as: UTF8.self) } ?? "null"),"error":\#(JSONText.string(error.message))}"#
                        }
                    }
                    start = end + 1
                }
            }
            guard !records.isEmpty || !errors.isEmpty else { throw APIError.badRequest("the body holds no records: send JSONL, one record per line") }
            let checker = ComplianceChecker(config: services.compliance, doNotCall: services.doNotCall, brandnames: services.brandnames, engine: services.engine)
            let outcome = ComplianceBatch.check(records, with: checker)
            var out: [UInt8] = Array(#"{"violations":["#.utf8)
            for (index, violation) in outcome.violations.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                violation.appendJSONLine(to: &out)
                out.removeLast()
            }
            out.append(contentsOf: #"],"errors":[\#(errors)],"senders":["#.utf8)
            for (index, sender) in outcome.summary.ranked().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                let counts = ComplianceRule.allCases.filter { $0 != .spamSource }.map { "\"\($0.rawValue)\":\(sender.violations[$0] ?? 0)" }.joined(separator: ",")
                out.append(contentsOf: #"{"sender":\#(JSONText.string(sender.name)),"records":\#(sender.records),"advertising":\#(sender.advertising),"records_in_breach":\#(sender.recordsInBreach),"violations":{\#(counts)}}"#.utf8)
            }
            out.append(contentsOf: #"],"spam_sources":["#.utf8)
            for (index, source) in outcome.spamSources.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: #"{"sender":\#(JSONText.string(source.sender)),"reasons":[\#(source.reasons.map(JSONText.string).joined(separator: ","))]}"#.utf8)
            }
            out.append(contentsOf: "]}".utf8)
            return JSONText.response(out)
        }
    }
}
