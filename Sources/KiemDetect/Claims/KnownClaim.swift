/// A claim that has already been checked: imported with its verdict, or the claim of a published
/// fact-check. Posts that make it again are answered with its verdict and fact-check.
public struct KnownClaim: Sendable, Equatable {
    /// How the claim is named in answers (`claim_id`): its external id, or the store's id.
    public var key: String
    public var text: String
    /// The fact-check's rating: `false`, `misleading`, `true` or `unproven`.
    public var verdict: String
    /// Where the fact-check is published.
    public var url: String?
    /// Other wordings of the same claim, matched like the claim itself.
    public var variants: [String]

    public init(key: String, text: String, verdict: String, url: String? = nil, variants: [String] = []) {
        self.key = key
        self.text = text
        self.verdict = verdict
        self.url = url
        self.variants = variants
    }
}
