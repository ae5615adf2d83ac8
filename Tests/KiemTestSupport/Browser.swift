import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real headless Chromium driven over WebDriver (Debian's `chromium` and `chromium-driver`):
/// the browser tests load pages, type, click and read what a person would see. Started per
/// test on 127.0.0.1 and stopped by `quit()`.
///
/// Where Chromium is missing the browser tests are disabled, except with `CI=true`, where they
/// run and fail (`.ci/run` installs Chromium). `KIEM_CHROMEDRIVER_LOG=file` keeps chromedriver's
/// verbose log, to see what a failing test asked of the browser.
public final class Browser {
    /// Why the browser or a command failed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static let driverPath = "/usr/bin/chromedriver"
    public static let chromiumPath = "/usr/bin/chromium"

    /// Whether the browser tests run here: Chromium is installed, or CI demands them.
    public static var enabled: Bool {
        FileManager.default.isExecutableFile(atPath: driverPath) || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    /// Where `screenshot(_:)` writes pictures, when `KIEM_SCREENSHOTS` names a folder.
    public static var screenshotFolder: String? { ProcessInfo.processInfo.environment["KIEM_SCREENSHOTS"].flatMap { $0.isEmpty ? nil : $0 } }

    private let driver: Process
    private let port: Int
    private let session: String

    private init(driver: Process, port: Int, session: String) {
        self.driver = driver
        self.port = port
        self.session = session
    }

    /// Starts chromedriver and a headless Chromium session with a window of `width` × `height`.
    public static func start(width: Int = 1280, height: Int = 900) async throws -> Browser {
        guard FileManager.default.isExecutableFile(atPath: driverPath) else {
            throw Failure(description: "\(driverPath) is missing: install Debian's chromium and chromium-driver (.ci/run does)")
        }
        let port = try freePort()
        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: driverPath)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"] + (ProcessInfo.processInfo.environment["KIEM_CHROMEDRIVER_LOG"].map { ["--log-path=" + $0, "--verbose"] } ?? [])
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        do {
            var ready = false
            for _ in 0..<100 {
                if let status = try? await request("GET", port: port, "/status", body: nil), ((status["value"] as? [String: Any])?["ready"] as? Bool) == true {
                    ready = true
                    break
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            guard ready else { throw Failure(description: "chromedriver did not start on port \(port)") }
            let options: [String: Any] = [
                "binary": chromiumPath,
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                         "--window-size=\(width),\(height)", "--lang=vi"],
            ]
            let created = try await request("POST", port: port, "/session", body: ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]])
            guard let value = created["value"] as? [String: Any], let session = value["sessionId"] as? String else {
                throw Failure(description: "no WebDriver session: \(created)")
            }
            return Browser(driver: driver, port: port, session: session)
        } catch {
            await stop(driver)
            throw error
        }
    }

    /// Ends the session and stops chromedriver (and with it Chromium).
    public func quit() async {
        _ = try? await Self.request("DELETE", port: port, "/session/\(session)", body: nil)
        await Self.stop(driver)
    }

    /// Stops chromedriver: politely, then for sure. (`waitUntilExit()` can hang inside async code.)
    private static func stop(_ driver: Process) async {
        driver.terminate()
        for _ in 0..<50 where driver.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    }

    /// Opens a page.
    public func go(_ url: String) async throws {
        _ = try await command("POST", "url", ["url": url])
    }

    /// The address of the page shown now.
    public func url() async throws -> String {
        try await command("GET", "url", nil) as? String ?? ""
    }

    /// The page's title.
    public func title() async throws -> String {
        try await command("GET", "title", nil) as? String ?? ""
    }

    /// The page's HTML as the browser holds it now.
    public func source() async throws -> String {
        try await command("GET", "source", nil) as? String ?? ""
    }

    /// The first element that matches a CSS selector.
    public func find(_ selector: String) async throws -> Element {
        let value = try await command("POST", "element", ["using": "css selector", "value": selector])
        guard let object = value as? [String: Any], let id = object.values.first as? String else { throw Failure(description: "no element \(selector)") }
        return Element(browser: self, id: id)
    }

    /// Every element that matches a CSS selector.
    public func findAll(_ selector: String) async throws -> [Element] {
        let value = try await command("POST", "elements", ["using": "css selector", "value": selector])
        return ((value as? [[String: Any]]) ?? []).compactMap { $0.values.first as? String }.map { Element(browser: self, id: $0) }
    }

    /// Runs a script in the page and returns its result.
    public func execute(_ script: String) async throws -> Any? {
        try await command("POST", "execute/sync", ["script": script, "args": []])
    }

    /// Presses keys on the focused element (WebDriver key codes, e.g. "\u{E007}" for Enter).
    public func keys(_ text: String) async throws {
        let actions = text.unicodeScalars.flatMap { [["type": "keyDown", "value": String($0)], ["type": "keyUp", "value": String($0)]] }
        _ = try await command("POST", "actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
    }

    /// Saves a PNG of the window as `name`.png in `KIEM_SCREENSHOTS`, when that is set.
    public func screenshot(_ name: String) async throws {
        guard let folder = Self.screenshotFolder else { return }
        guard let encoded = try await command("GET", "screenshot", nil) as? String, let data = Data(base64Encoded: encoded) else {
            throw Failure(description: "no screenshot")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: folder).appendingPathComponent(name + ".png"))
    }

    /// Waits until `condition` holds (up to `seconds`), for pages that change after a click.
    public func wait(seconds: Double = 10, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "timed out waiting on \(try await url())")
    }

    /// An element of the page.
    public struct Element {
        let browser: Browser
        let id: String

        public func click() async throws { _ = try await browser.command("POST", "element/\(id)/click", [:]) }
        public func type(_ text: String) async throws { _ = try await browser.command("POST", "element/\(id)/value", ["text": text]) }
        public func text() async throws -> String { try await browser.command("GET", "element/\(id)/text", nil) as? String ?? "" }
        public func property(_ name: String) async throws -> Any? { try await browser.command("GET", "element/\(id)/property/\(name)", nil) }
    }

    func command(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        let answer = try await Self.request(method, port: port, "/session/\(session)/\(path)", body: body)
        if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \(value["message"] as? String ?? "")")
        }
        return answer["value"]
    }

    private static func request(_ method: String, port: Int, _ path: String, body: [String: Any]?) async throws -> [String: Any] {
        let data = try await LoopbackHTTP.request(method, port: port, path: path, body: try body.map { try JSONSerialization.data(withJSONObject: $0) })
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// A TCP port nobody listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw Failure(description: "cannot bind a port") }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        guard named == 0 else { throw Failure(description: "cannot read the port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
