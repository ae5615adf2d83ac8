/// What a web page request carries besides the caller: the reader's language, the CSRF token
/// of their browser, and the submitted form of a POST (already checked against that token).
public struct WebState: Sendable {
    /// The languages of the pages: Vietnamese first, English second.
    public enum Language: String, Sendable {
        case vi, en
    }

    public var language: Language = .vi
    /// The double-submit token: in the `kiem_csrf` cookie and in a hidden field of every form.
    public var csrf: String = ""
    var form = FormData()
    /// The path and query of the page asked for (to come back to after logging in).
    var path: String = "/"
}
