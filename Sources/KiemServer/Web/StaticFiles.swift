import Foundation
import Hummingbird

/// `/static/...`: the pages' style sheet, script and icon, read once from the shipped `Static`
/// folder and served with a content type and an hour of caching.
struct StaticFiles {
    static let files: [String: (type: String, bytes: ByteBuffer)] = {
        guard let folder = Bundle.module.url(forResource: "Static", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        var files: [String: (type: String, bytes: ByteBuffer)] = [:]
        for name in names {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
            let type = switch (name as NSString).pathExtension {
            case "css": "text/css; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            case "svg": "image/svg+xml"
            default: "application/octet-stream"
            }
            files[name] = (type, ByteBuffer(bytes: data))
        }
        return files
    }()

    func register(on router: Router<KiemRequestContext>) {
        router.get("/static/{name}") { _, context in
            guard let name = context.parameters.get("name"), let file = Self.files[name] else { throw APIError.notFound("no such file") }
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: file.bytes))
        }
    }
}
