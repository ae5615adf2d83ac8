/// One broken rule: `{"record_id", "rule", "article", "detail"}`.
public struct ComplianceViolation: Sendable, Equatable {
    /// The record's `id` as written in the input (a JSON string or number).
    public var recordIdJSON: [UInt8]
    public var rule: ComplianceRule
    /// Where the decree says it, such as "Nghị định 91/2020/NĐ-CP, Điều 11".
    public var article: String
    /// What exactly is wrong with this record, in words a compliance officer can act on.
    public var detail: String

    public init(recordIdJSON: [UInt8], rule: ComplianceRule, article: String, detail: String) {
        self.recordIdJSON = recordIdJSON
        self.rule = rule
        self.article = article
        self.detail = detail
    }

    /// Appends the violation as one JSON line (with its newline).
    public func appendJSONLine(to out: inout [UInt8]) {
        out.append(contentsOf: #"{"record_id":"#.utf8)
        out.append(contentsOf: recordIdJSON)
        out.append(contentsOf: #","rule":"#.utf8)
        VerdictJSON.appendString(rule.rawValue, to: &out)
        out.append(contentsOf: #","article":"#.utf8)
        VerdictJSON.appendString(article, to: &out)
        out.append(contentsOf: #","detail":"#.utf8)
        VerdictJSON.appendString(detail, to: &out)
        out.append(contentsOf: "}\n".utf8)
    }

    /// Appends the error line for an input line that is not a valid record.
    public static func appendErrorLine(_ error: SendingRecord.ParseError, line: Int, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"record_id":"#.utf8)
        if let id = error.idJSON { out.append(contentsOf: id) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","line":"#.utf8)
        out.append(contentsOf: String(line).utf8)
        out.append(contentsOf: #","error":"#.utf8)
        VerdictJSON.appendString(error.message, to: &out)
        out.append(contentsOf: "}\n".utf8)
    }
}
