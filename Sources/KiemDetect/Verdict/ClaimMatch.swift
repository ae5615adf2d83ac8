/// A published fact-check whose claim the message resembles.
public struct ClaimMatch: Sendable, Equatable, Codable {
    public var claimID: String
    public var similarity: Double
    public var verdict: String
    public var url: String?

    public init(claimID: String, similarity: Double, verdict: String, url: String? = nil) {
        self.claimID = claimID
        self.similarity = similarity
        self.verdict = verdict
        self.url = url
    }
}
