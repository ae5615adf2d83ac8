import KiemDetect

/// An item to store: one message, post or comment from a source.
public struct ItemInput: Sendable, Equatable {
    public var source: String
    /// The item's id in its source; (source, external id) is unique, so ingesting twice is harmless.
    public var externalID: String
    public var text: String
    public var url: String?
    /// When the source received it (ms since the epoch); now when not given.
    public var receivedAt: Int64?
    /// The author's handle: never stored, only its keyed hash.
    public var author: String?
    /// Other fields of the source, as a JSON object.
    public var metadataJSON: String

    public init(source: String, externalID: String, text: String, url: String? = nil, receivedAt: Int64? = nil,
                author: String? = nil, metadataJSON: String = "{}") {
        self.source = source
        self.externalID = externalID
        self.text = text
        self.url = url
        self.receivedAt = receivedAt
        self.author = author
        self.metadataJSON = metadataJSON
    }
}

/// A stored item with its latest verdict and its case, if one was opened.
public struct StoredItem: Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var externalID: String
    public var text: String
    public var url: String?
    public var receivedAt: Int64
    public var authorHash: String?
    public var metadataJSON: String
    public var top: String
    public var action: String
    public var createdAt: Int64
    /// The latest verdict as the API gives it (the contract of DESIGN.md, without `id`).
    public var verdictJSON: String?
    public var caseID: Int64?
    public var caseStatus: String?
}

/// What ingesting one item did.
public struct IngestOutcome: Sendable, Equatable {
    public var id: Int64
    /// False when (source, external id) was already stored: nothing was changed.
    public var created: Bool
    public var caseID: Int64?
}

/// The filters of an item listing.
public struct ItemQuery: Sendable, Equatable {
    public var source: String?
    /// The top label of the latest verdict ("clean" for none).
    public var label: String?
    /// Words to find, with or without accents.
    public var text: String?
    /// Received at or after (ms since the epoch).
    public var since: Int64?
    public var limit: Int
    /// Continue after this item id (from the previous page's `next`).
    public var after: Int64?

    public init(source: String? = nil, label: String? = nil, text: String? = nil, since: Int64? = nil, limit: Int = 50, after: Int64? = nil) {
        self.source = source
        self.label = label
        self.text = text
        self.since = since
        self.limit = limit
        self.after = after
    }
}

/// One page of items, newest first, with the total that match and where the next page starts.
public struct ItemPage: Sendable, Equatable {
    public var items: [StoredItem]
    public var total: Int
    public var next: Int64?
}

/// An engine verdict to store with an item, with the versions that produced it.
public struct VerdictRecord: Sendable {
    public var top: String
    public var action: String
    /// The verdict as the API gives it.
    public var json: String
    public var modelVersion: String
    public var rulesVersion: String

    public init(top: String, action: String, json: String, modelVersion: String, rulesVersion: String) {
        self.top = top
        self.action = action
        self.json = json
        self.modelVersion = modelVersion
        self.rulesVersion = rulesVersion
    }

    /// Whether the policy sends the item to people: a case is opened for review and warn.
    var opensCase: Bool { action == "review" || action == "warn" }
}

extension VerdictRecord {
    /// An engine verdict, written as the API gives it.
    public init(_ verdict: Verdict, modelVersion: String, rulesVersion: String) {
        var json: [UInt8] = []
        VerdictJSON.append(verdict, idJSON: nil, to: &json)
        json.removeLast()  // the newline of the JSONL form
        self.init(top: verdict.top, action: verdict.action.rawValue, json: String(decoding: json, as: UTF8.self),
                  modelVersion: modelVersion, rulesVersion: rulesVersion)
    }
}
