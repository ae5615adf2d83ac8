import Hummingbird
import KiemStore
import NIOCore

/// Who is calling: a token's name and role, or nobody (anonymous, rate limited).
public struct Principal: Sendable, Equatable {
    public var name: String
    public var role: Role
    /// The token the caller presented (to end a session).
    public var tokenID: Int64
}

/// The request context of Kiem's routes: the caller, the client address (for rate limits) and
/// the body size limit.
public struct KiemRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// Language, CSRF token and form of a web page request.
    public var web = WebState()
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies above this size get 413.
    public var maxUploadSize: Int { 16 << 20 }

    /// The client, for rate limits: its IP address.
    var clientKey: String { remoteAddress?.ipAddress ?? "unknown" }
}
