/// A fact-check or a scam warning: written as a draft, published with its sources, corrected in
/// the open, retracted if it must be.
public struct Publication: Sendable, Equatable {
    /// What is published.
    public enum Kind: String, Sendable, CaseIterable {
        case factCheck = "fact_check"
        case warning
    }

    /// Where a publication is in its life.
    public enum Status: String, Sendable, CaseIterable {
        case draft, published, retracted
    }

    /// A fact-check's rating of its claim.
    public enum Rating: String, Sendable, CaseIterable {
        case `false`, misleading, `true`, unproven

        /// The rating as Vietnamese readers see it (schema.org `alternateName`).
        public var vietnamese: String {
            switch self {
            case .false: "Sai"
            case .misleading: "Gây hiểu nhầm"
            case .true: "Đúng"
            case .unproven: "Chưa đủ căn cứ"
            }
        }
    }

    /// A change made after publication, shown on the public page.
    public struct Correction: Sendable, Equatable, Codable {
        public var at: Int64
        public var note: String
    }

    public var id: Int64
    public var kind: Kind
    public var slug: String
    public var claimID: Int64?
    /// The claim's text, for a fact-check.
    public var claim: String?
    public var rating: Rating?
    public var title: String
    public var body: String
    public var sources: [String]
    public var corrections: [Correction]
    public var status: Status
    public var author: String
    public var createdAt: Int64
    public var updatedAt: Int64
    public var publishedAt: Int64?
}

/// The fields of a new or edited publication (nil leaves a field as it is).
public struct PublicationDraft: Sendable, Equatable {
    public var title: String?
    public var body: String?
    public var claim: String?
    public var rating: Publication.Rating?
    public var sources: [String]?
    /// Required to change a published text: why it changed, shown to readers.
    public var correction: String?

    public init(title: String? = nil, body: String? = nil, claim: String? = nil, rating: Publication.Rating? = nil, sources: [String]? = nil, correction: String? = nil) {
        self.title = title
        self.body = body
        self.claim = claim
        self.rating = rating
        self.sources = sources
        self.correction = correction
    }
}

/// A claim already checked, with the ways it has been worded.
public struct Claim: Sendable, Equatable {
    public var id: Int64
    public var externalID: String?
    public var text: String
    public var verdict: Publication.Rating
    public var url: String?
    public var variants: [String]
}

/// A citizen's report, as the tipline stores it.
public struct CitizenReport: Sendable, Equatable {
    public var id: Int64
    /// What the citizen keeps to follow the report.
    public var receipt: String
    public var itemID: Int64
    public var status: String
    public var createdAt: Int64
    /// The label the engine or an analyst gave the reported text.
    public var top: String
    public var text: String
}
