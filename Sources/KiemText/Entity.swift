/// Something concrete found in a message: a link, a number, an amount, a request.
///
/// `value` is normalized so that lists can match it: URLs and domains lower case with the
/// scheme kept, phone numbers in E.164, bank accounts as `bank:digits`, amounts in đồng.
public struct Entity: Sendable, Equatable, Hashable {
    /// The kinds of entity Kiem extracts.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case url, domain, email, phone
        case bankAccount = "bank_account"
        case money
        case credentialRequest = "credential_request"
        case appInstall = "app_install"

        /// Whether values of this kind point at who is behind a message: a domain (every link
        /// also yields its domain), a phone number or a bank account. Campaigns are counted,
        /// ranked and compared by these.
        public var isIndicator: Bool { self == .domain || self == .phone || self == .bankAccount }
    }

    public var kind: Kind
    public var value: String
    /// Where it was found, as byte offsets into ``NormalizedText/folded`` (or `plain` for requests).
    public var range: Range<Int>

    public init(kind: Kind, value: String, range: Range<Int>) {
        self.kind = kind
        self.value = value
        self.range = range
    }
}
