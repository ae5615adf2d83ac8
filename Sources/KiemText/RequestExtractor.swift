/// Finds requests for secrets (OTP, passwords, card data) and lures to install an app.
///
/// Works on the plain word view, on the words it has already hashed. A request needs a secret ("mã otp", "mật khẩu", "cvv") and an
/// asking verb ("cung cấp", "gửi", "nhập", "đọc", "send", "enter") within a few words, and no
/// negation before the verb: real OTP messages say "KHÔNG chia sẻ mã này cho bất kỳ ai" and
/// banks' warnings say "không bao giờ yêu cầu cung cấp mã OTP"; neither is a request.
enum RequestExtractor {
    static func words(_ list: [String]) -> [[UInt8]] { list.map { Array(Normalizer.plainOf($0).utf8) } }

    static let secrets: [(phrase: [UInt8], kind: String)] = {
        let table: [(String, String)] = [
            ("otp", "otp"), ("mã xác thực", "otp"), ("mã xác nhận", "otp"), ("mã kích hoạt", "otp"), ("mã xác minh", "otp"),
            ("verification code", "otp"), ("one time password", "otp"), ("mã code", "otp"),
            ("mật khẩu", "password"), ("password", "password"), ("passcode", "password"), ("mã pin", "password"),
            ("pin", "password"), ("mật mã", "password"), ("tên đăng nhập", "password"), ("login", "password"),
            ("cvv", "card"), ("cvc", "card"), ("số thẻ", "card"), ("thông tin thẻ", "card"), ("ngày hết hạn", "card"),
            ("card number", "card"), ("mã bảo mật", "card"), ("số cccd", "identity"), ("ảnh cccd", "identity"),
            ("căn cước công dân", "identity"), ("chứng minh nhân dân", "identity"), ("thông tin cá nhân", "identity"),
        ]
        return table.map { (Array(Normalizer.plainOf($0.0).utf8), $0.1) }
    }()

    /// Verbs that hand a secret to someone: a request whatever else the message says.
    static let verbs = words(["cung cấp", "gửi", "gởi", "đọc", "cho biết", "báo", "khai báo", "chụp", "nhắn", "send", "share",
                              "provide", "reply", "give", "tell"])
    /// Verbs that type a secret somewhere: a request only in a message with a link ("nhập mã OTP
    /// tại ..."); real OTP messages say "nhập mã OTP 7962 để xác thực" about the app itself.
    static let linkVerbs = words(["nhập", "điền vào", "điền mã", "điền thông tin", "xác nhận", "cập nhật", "enter", "verify",
                                  "confirm", "update", "submit", "type", "fill"])
    static let negations = words(["không", "ko", "đừng", "chớ", "tuyệt đối không", "không bao giờ", "never", "not", "don't",
                                  "dont", "do not", "no one", "nobody", "bất kỳ ai", "bất cứ ai", "không ai"])
    static let installPhrases = words(["tải app", "tải ứng dụng", "cài app", "cài ứng dụng", "cài đặt ứng dụng", "cài đặt app",
                                       "cài đặt phần mềm", "tải phần mềm", "tải về máy", "download app", "download the app",
                                       "install the app", "install app", "file apk", "tệp apk", "apk", "testflight",
                                       "cài đặt vneid", "ứng dụng dịch vụ công", "cài đặt ứng dụng dịch vụ công"])

    /// One matcher for every phrase above, and where each list starts among its ids.
    final class Tables: Sendable {
        /// Ids are offsets into `secrets + verbs + linkVerbs + negations + installPhrases`.
        let matcher: PhraseMatcher
        let secrets = RequestExtractor.secrets
        let installPhrases = RequestExtractor.installPhrases
        let verbStart: Int
        let linkVerbStart: Int
        let negationStart: Int
        let installStart: Int

        init() {
            matcher = PhraseMatcher(phrases: secrets.map(\.phrase) + verbs + linkVerbs + negations + installPhrases)
            verbStart = secrets.count
            linkVerbStart = verbStart + verbs.count
            negationStart = linkVerbStart + linkVerbs.count
            installStart = negationStart + negations.count
        }
    }

    /// The tables, read once per message (each static is a lazy global, checked at every access).
    static let tables = Tables()
    static let apk: [UInt8] = Array("apk".utf8)

    /// Whether a link's path ends in an installable file (.apk, .ipa, .exe), before any query.
    /// Read on the UTF-8 bytes: walking Characters here cost more than the rest of the extraction.
    static func isAppFile(_ url: String) -> Bool {
        let bytes = url.utf8
        let end = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        let path = bytes[..<end]
        guard path.count >= 4 else { return false }
        let last4 = path.suffix(4)
        return appSuffixes.contains { last4.elementsEqual($0) }
    }

    static let appSuffixes: [[UInt8]] = [".apk", ".ipa", ".exe"].map { Array($0.utf8) }

    /// Appends `credential_request` and `app_install` entities; `urls` are the links already found.
    static func extract(_ text: NormalizedText, urls: [Entity], into entities: inout [Entity]) {
        let plain = text.plain
        // Government sites (.gov.vn, registered only by the state) do not make a lure.
        let hasLink = urls.contains { $0.kind == .domain && !$0.value.hasSuffix(".gov.vn") }
        let tables = Self.tables
        let secrets = tables.secrets
        let verbStart = tables.verbStart
        let linkVerbStart = tables.linkVerbStart
        let negationStart = tables.negationStart
        let installStart = tables.installStart
        var secretHits: [(kind: String, start: Int, length: Int)] = []
        var verbHits: [Int] = []
        var negationHits: [Int] = []
        var install: (phrase: Int, start: Int)?
        tables.matcher.forEachMatch(in: text) { id, start in
            if id < verbStart {
                secretHits.append((secrets[id].kind, start, secrets[id].phrase.count))
            } else if id < linkVerbStart || (id < negationStart && hasLink) {
                verbHits.append(start)
            } else if id < negationStart {
                return
            } else if id < installStart {
                negationHits.append(start)
            } else if install == nil || install!.start > start {
                install = (id - installStart, start)
            }
        }
        if !secretHits.isEmpty && !verbHits.isEmpty {
            // Word index of every byte offset that starts a match.
            var wordIndex = [Int](repeating: 0, count: plain.count + 1)
            var word = 0
            for index in plain.indices {
                wordIndex[index] = word
                if plain[index] == 0x20 { word += 1 }
            }
            var found = Set<String>()
            for secret in secretHits where !found.contains(secret.kind) {
                let secretWord = wordIndex[secret.start]
                let asking = verbHits.contains { verb in
                    let verbWord = wordIndex[verb]
                    guard verbWord >= secretWord - 6 && verbWord <= secretWord + 4 else { return false }
                    // A negation shortly before the verb or the secret: "không bao giờ yêu cầu cung cấp", "không chia sẻ mã".
                    let first = min(verbWord, secretWord)
                    return !negationHits.contains { wordIndex[$0] < first + 1 && wordIndex[$0] >= first - 5 && wordIndex[$0] != secretWord }
                }
                if asking {
                    found.insert(secret.kind)
                    entities.append(Entity(kind: .credentialRequest, value: secret.kind, range: secret.start..<secret.start + secret.length))
                }
            }
        }
        for url in urls where url.kind == .url && isAppFile(url.value) {
            entities.append(Entity(kind: .appInstall, value: url.value, range: url.range))
            return
        }
        // Without a link, only an explicit APK file is a lure; "tải app" alone is everyday talk.
        if let install {
            let phrase = tables.installPhrases[install.phrase]
            if hasLink || phrase.hasBytes(apk, at: phrase.count - 3) {
                entities.append(Entity(kind: .appInstall, value: String(decoding: phrase, as: UTF8.self), range: install.start..<install.start + phrase.count))
            }
        }
    }
}
