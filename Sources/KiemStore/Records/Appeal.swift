/// Someone contesting what Kiem decided or published: a decision on a case, a listed indicator,
/// or a fact-check or warning. Appeals wait in a queue until staff uphold or overturn them.
public struct Appeal: Sendable, Equatable {
    /// What is contested.
    public enum Target: String, Sendable, CaseIterable {
        /// A decision on a case, named by case number or by the receipt of a tipline report.
        case decision
        /// A listed domain, URL, phone number, e-mail address or bank account.
        case indicator
        /// A published fact-check or warning, by slug.
        case publication
    }

    /// Where an appeal is.
    public enum Status: String, Sendable, CaseIterable {
        case open, upheld, overturned
    }

    public var id: Int64
    /// What the person who appealed keeps to follow it ("AP-" and ten characters).
    public var receipt: String
    public var target: Target
    /// The contested thing as the person named it (case number, receipt, value or slug).
    public var reference: String
    /// The case a contested decision belongs to.
    public var caseID: Int64?
    public var reason: String
    public var status: Status
    /// Why staff upheld or overturned it.
    public var resolution: String?
    public var resolvedBy: String?
    public var createdAt: Int64
    public var resolvedAt: Int64?
}
