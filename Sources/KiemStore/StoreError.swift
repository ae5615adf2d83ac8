/// What can go wrong in the store, in words an operator can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case closed
    case invalidLocation(String)
    case unreachable(String)
    case notFound(String)
    case conflict(String)
    case invalid(String)
    case schemaTooNew(found: Int, known: Int)

    public var description: String {
        switch self {
        case .closed: "the store is closed"
        case .invalidLocation(let reason): "invalid --db: \(reason)"
        case .unreachable(let reason): "cannot reach the database: \(reason)"
        case .notFound(let what): "\(what) not found"
        case .conflict(let what): what
        case .invalid(let reason): reason
        case .schemaTooNew(let found, let known): "the database has schema version \(found), newer than this kiem knows (\(known)); upgrade kiem"
        }
    }
}
