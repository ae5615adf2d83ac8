import HTTPTypes
import Hummingbird
import Synchronization

/// Answers 405 with an `Allow` header, instead of the router's 404, when the path exists but not
/// for the method asked (`GET /v1/check`, `PUT /v1/items/{id}`).
///
/// The router only says "no route"; the routes themselves are known once they are all
/// registered, so ``KiemServer/router(_:)`` hands them over with ``RouteMethods/load(_:)``.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = KiemRequestContext
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.methods(for: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            throw APIError(.methodNotAllowed, "method_not_allowed", "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(list)", allow: list)
        }
    }
}

/// The methods each route path answers, for ``MethodNotAllowedMiddleware``.
final class RouteMethods: Sendable {
    private let routes = Mutex<[(path: RouterPath, methods: [HTTPRequest.Method])]>([])

    /// Takes the router's routes, once they are all registered.
    func load(_ descriptions: [Router<KiemRequestContext>.RouteDescription]) {
        var byPath: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
        for route in descriptions {
            byPath[route.path.description, default: (route.path, [])].methods.append(route.method)
        }
        for (key, entry) in byPath where entry.methods.contains(.get) && !entry.methods.contains(.head) {
            // HEAD is answered wherever GET is (the router adds it when it is built, after this list).
            byPath[key]?.methods.append(.head)
        }
        routes.withLock { $0 = byPath.values.map { ($0.path, $0.methods.sorted { $0.rawValue < $1.rawValue }) } }
    }

    /// The methods of every route whose path matches `path`, sorted.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var found = Set<HTTPRequest.Method>()
        routes.withLock { routes in
            for route in routes where Self.matches(route.path, segments) { found.formUnion(route.methods) }
        }
        return found.sorted { $0.rawValue < $1.rawValue }
    }

    private static func matches(_ path: RouterPath, _ segments: [Substring]) -> Bool {
        var index = 0
        for element in path {
            if element.description == "**" { return true }
            guard index < segments.count, element ~= segments[index] else { return false }
            index += 1
        }
        return index == segments.count
    }
}
