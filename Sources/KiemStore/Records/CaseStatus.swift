/// Where a case is in review, and the moves between states that the workflow allows.
///
/// ```
/// new ──assign──► in_review ──decide──► decided ──appeal──► appealed ──decide──► decided
///  └──────────────decide───────────────┘      └──close──► closed
/// ```
public enum CaseStatus: String, Sendable, CaseIterable, Codable {
    case new
    case inReview = "in_review"
    case decided
    case appealed
    case closed

    /// Something that happens to a case.
    public enum Event: String, Sendable {
        case assign, decide, appeal, close
    }

    /// The state after `event`, or nil when the event is not allowed here.
    public func after(_ event: Event) -> CaseStatus? {
        switch (self, event) {
        case (.new, .assign), (.inReview, .assign): .inReview
        case (.appealed, .assign): .appealed
        case (.new, .decide), (.inReview, .decide), (.appealed, .decide): .decided
        case (.decided, .appeal): .appealed
        case (.decided, .close): .closed
        default: nil
        }
    }
}

/// A case: an item the policy sent to people, with its place in the queue.
public struct ReviewCase: Sendable, Equatable {
    public var id: Int64
    public var itemID: Int64
    public var status: CaseStatus
    public var label: String
    public var assignee: Int64?
    public var priority: Int
    public var dueAt: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64
    /// The item's source and text, for the queue.
    public var source: String
    public var text: String
}

/// A decision on a case, by a person or machine with the analyst role.
public struct Decision: Sendable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var label: String
    public var action: String
    public var rationale: String
    public var evidence: [String]
    public var decidedBy: String
    public var decidedAt: Int64

    public init(id: Int64 = 0, caseID: Int64, label: String, action: String, rationale: String, evidence: [String], decidedBy: String, decidedAt: Int64 = 0) {
        self.id = id
        self.caseID = caseID
        self.label = label
        self.action = action
        self.rationale = rationale
        self.evidence = evidence
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}

/// The filters of the case queue.
public struct CaseQuery: Sendable, Equatable {
    public var status: [CaseStatus]
    public var label: String?
    public var source: String?
    public var assignee: Int64?
    public var limit: Int
    /// Continue after this case id.
    public var after: Int64?

    public init(status: [CaseStatus] = [.new, .inReview, .appealed], label: String? = nil, source: String? = nil, assignee: Int64? = nil, limit: Int = 50, after: Int64? = nil) {
        self.status = status
        self.label = label
        self.source = source
        self.assignee = assignee
        self.limit = limit
        self.after = after
    }
}
