/// A rule of Decree 91/2020/NĐ-CP on advertising by SMS, e-mail and calls that Kiem checks.
public enum ComplianceRule: String, Sendable, CaseIterable, Comparable {
    /// Sent outside the hours allowed for the channel.
    case hours
    /// More than the allowed number of messages or calls to one recipient in 24 hours.
    case frequency
    /// An advertising SMS that does not start with the label "QC".
    case label
    /// An advertising message that does not say how to refuse further advertising.
    case optOut = "opt_out"
    /// Sent to a number on the Do-Not-Call list.
    case dnc
    /// Sent from a sender that is not a registered brandname.
    case brandname
    /// Sent to a recipient who said no to advertising from this sender.
    case consent
    /// A sender of ordinary traffic that behaves like a spam source (many recipients, one text, reports).
    case spamSource = "spam_source"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
