import Hummingbird
import Logging
import NIOCore

/// Turns every error into the API's shape, `{"error": {"code", "message"}}`: Hummingbird's own
/// (404, 405, 413), a client that went away, and anything unexpected (500, logged, no details).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = KiemRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            return try APIError(.contentTooLarge, "too_large", "the body is larger than \(context.maxUploadSize) bytes").response(from: request, context: context)
        } catch let error as HTTPError {
            let code: String
            switch error.status {
            case .notFound: code = "not_found"
            case .methodNotAllowed: code = "method_not_allowed"
            case .contentTooLarge: code = "too_large"
            case .unauthorized: code = "unauthorized"
            case .badRequest: code = "bad_request"
            default: code = "http_\(error.status.code)"
            }
            let message = error.body ?? (error.status == .contentTooLarge ? "the body is larger than \(context.maxUploadSize) bytes" : error.status.reasonPhrase)
            return try APIError(error.status, code, message).response(from: request, context: context)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return try APIError(.internalServerError, "internal", "something went wrong on our side; it has been logged").response(from: request, context: context)
        }
    }
}
