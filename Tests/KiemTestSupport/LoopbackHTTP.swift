import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client for services the tests start on 127.0.0.1 (chromedriver):
/// one request per connection, answered body returned. Foundation's URLSession cannot read
/// chromedriver's answers (its libcurl fails with "Failed writing header"). The blocking socket
/// work runs on its own thread, never on Swift's cooperative pool, which serves the server
/// under test.
enum LoopbackHTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func request(_ method: String, port: Int, path: String, body: Data?, timeout: Int = 120) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try blockingRequest(method, port: port, path: path, body: body, timeout: timeout) })
            }
            thread.start()
        }
    }

    private static func blockingRequest(_ method: String, port: Int, path: String, body: Data?, timeout: Int) throws -> Data {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "no socket") }
        defer { close(fd) }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else { throw Failure(description: "cannot connect to 127.0.0.1:\(port)") }
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nAccept: application/json\r\n"
        if let body { request += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body.count)\r\n" }
        var bytes = Array((request + "\r\n").utf8)
        if let body { bytes += body }
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure(description: "the request could not be sent") }
            sent += written
        }
        // Read until the answer is complete: its Content-Length, the last chunk, or the end of the
        // connection (chromedriver may keep it open despite `Connection: close`).
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let split = headerEnd(answer) {
                let head = String(decoding: answer[..<split], as: UTF8.self).lowercased()
                let payload = Array(answer[(split + 4)...])
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                   let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)), payload.count >= length {
                    return Data(payload.prefix(length))
                }
                if head.contains("transfer-encoding: chunked"), payload.suffix(5).elementsEqual([48, 13, 10, 13, 10]) { return Data(dechunk(payload)) }
            }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else { throw Failure(description: "no answer from 127.0.0.1:\(port)\(path) within \(timeout) s") }
            answer += buffer[0..<count]
        }
        guard let split = headerEnd(answer) else { throw Failure(description: "not an HTTP answer") }
        let head = String(decoding: answer[..<split], as: UTF8.self).lowercased()
        let payload = Array(answer[(split + 4)...])
        return head.contains("transfer-encoding: chunked") ? Data(dechunk(payload)) : Data(payload)
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return (0...(bytes.count - 4)).first { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 }
    }

    private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = bytes[index...].indices.first(where: { bytes[$0] == 13 }),
                  let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? "", radix: 16), size > 0 else { break }
            let start = lineEnd + 2
            out += bytes[start..<min(start + size, bytes.count)]
            index = start + size + 2
        }
        return out
    }
}
