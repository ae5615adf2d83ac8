import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A `kiem serve` process on a fresh SQLite file and a spare port.
final class ServerProcess {
    let folder: URL
    let port: Int
    let process = Process()
    let log: URL

    var database: String { folder.appendingPathComponent("kiem.sqlite").path }
    var base: String { "http://127.0.0.1:\(port)" }

    init(folder: URL? = nil) throws {
        self.folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("kiem-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
        port = try Self.sparePort()
        log = self.folder.appendingPathComponent("server-\(port).log")
    }

    /// Starts `kiem serve` with `extra` arguments (`--demo`, say) and waits until it is ready.
    func start(_ extra: [String] = []) async throws {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = KiemProcess.executable
        process.arguments = ["serve", "--db", database, "--host", "127.0.0.1", "--port", String(port)] + extra
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        for _ in 0..<200 {
            if let (_, status) = try? await request("GET", "/readyz"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw KiemProcess.Failure(message: "kiem serve did not start: \(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))")
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func request(_ method: String, _ path: String, token: String? = nil, body: Data? = nil) async throws -> (Data, Int) {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    static func sparePort() throws -> Int {
        let output = try KiemProcess.runTool("/usr/bin/env", ["python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw KiemProcess.Failure(message: "no spare port") }
        return port
    }
}

@Suite("kiem serve")
struct ServeCommandTests {
    @Test("every acknowledged item survives the server being killed with SIGKILL right after the last acknowledgement")
    func durability() async throws {
        let server = try ServerProcess()
        let token = try KiemProcess.run(["token", "create", "--db", server.database, "--role", "analyst"]).lines.first ?? ""
        #expect(token.hasPrefix("kiem_"))
        try await server.start()
        var acknowledged: [(id: Int, externalID: String)] = []
        for batch in 0..<20 {
            let items = (0..<250).map { index in
                #"{"source": "sms", "external_id": "d-\#(batch)-\#(index)", "text": "Tin nhắn \#(batch)-\#(index): nhận quà tại qua-tang-\#(index).top"}"#
            }
            let (data, status) = try await server.request("POST", "/v1/items", token: token, body: Data(#"{"items": [\#(items.joined(separator: ","))]}"#.utf8))
            try #require(status == 201, "\(String(decoding: data, as: UTF8.self))")
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for item in try #require(object["items"] as? [[String: Any]]) {
                acknowledged.append((try #require(item["id"] as? Int), try #require(item["external_id"] as? String)))
            }
        }
        server.kill()
        #expect(acknowledged.count == 5000)

        let restarted = try ServerProcess(folder: server.folder)
        try await restarted.start()
        defer { restarted.kill() }
        let (data, status) = try await restarted.request("GET", "/v1/items?source=sms&limit=1", token: token)
        #expect(status == 200)
        let page = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(page["total"] as? Int == 5000)
        for (id, externalID) in acknowledged where id % 97 == 0 || id == acknowledged.last?.id {
            let (body, found) = try await restarted.request("GET", "/v1/items/\(id)", token: token)
            #expect(found == 200)
            #expect((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["external_id"] as? String == externalID)
        }
    }

    @Test("garbage, a 20 MB body, a missing token and a wrong role get their errors, and the server keeps serving")
    func badInput() async throws {
        let server = try ServerProcess()
        let viewer = try KiemProcess.run(["token", "create", "--db", server.database, "--role", "viewer"]).lines.first ?? ""
        try await server.start()
        defer { server.kill() }
        var garbage = Data(count: 4096)
        for index in garbage.indices { garbage[index] = UInt8(truncatingIfNeeded: index &* 2654435761 >> 7) }
        #expect(try await server.request("POST", "/v1/check", token: viewer, body: garbage).1 == 400)
        #expect(try await server.request("POST", "/v1/check", token: viewer, body: Data("{\"text\": ".utf8)).1 == 400)
        #expect(try await server.request("POST", "/v1/check", token: viewer, body: Data(count: 20 << 20)).1 == 413)
        #expect(try await server.request("POST", "/v1/items", body: Data(#"{"items": []}"#.utf8)).1 == 401)
        #expect(try await server.request("POST", "/v1/items", token: viewer, body: Data(#"{"items": []}"#.utf8)).1 == 403)
        // Raw bytes that are not HTTP at all.
        let socket = try KiemProcess.runTool("/usr/bin/env", ["python3", "-c", """
            import socket
            s = socket.create_connection(('127.0.0.1', \(server.port)))
            s.sendall(bytes(range(256)) * 64)
            s.settimeout(5)
            try:
                print(len(s.recv(4096)))
            except Exception as e:
                print('closed')
            """])
        #expect(!socket.isEmpty)
        let (_, status) = try await server.request("GET", "/healthz")
        #expect(status == 200)
    }
}
