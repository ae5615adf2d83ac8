/// Finds requests for secrets (OTP, passwords, card data) and lures to install an app.
///
/// Works on the plain word view. A request needs a secret ("mã otp", "mật khẩu", "cvv") and an
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

    static let verbs = words(["cung cấp", "gửi", "gởi", "nhập", "đọc", "cho biết", "báo", "điền", "xác nhận", "khai báo",
                              "cập nhật", "chụp", "nhắn", "send", "share", "provide", "reply", "enter", "give", "tell",
                              "verify", "confirm", "update", "submit", "type", "fill"])
    static let negations = words(["không", "ko", "đừng", "chớ", "tuyệt đối không", "không bao giờ", "never", "not", "don't",
                                  "dont", "do not", "no one", "nobody", "bất kỳ ai", "bất cứ ai", "không ai"])
    static let installPhrases = words(["tải app", "tải ứng dụng", "cài app", "cài ứng dụng", "cài đặt ứng dụng", "cài đặt app",
                                       "cài đặt phần mềm", "tải phần mềm", "tải về máy", "download app", "download the app",
                                       "install the app", "install app", "file apk", "tệp apk", "apk", "testflight",
                                       "cài đặt vneid", "ứng dụng dịch vụ công", "cài đặt ứng dụng dịch vụ công"])

    static let apk: [UInt8] = Array("apk".utf8)

    /// Appends `credential_request` and `app_install` entities; `urls` are the links already found.
    static func extract(plain: [UInt8], urls: [Entity], into entities: inout [Entity]) {
        let wordStarts = wordOffsets(plain)
        var found = Set<String>()
        for secret in secrets {
            for position in occurrences(of: secret.phrase, in: plain) where !found.contains(secret.kind) {
                let wordIndex = wordStarts.lastIndex(where: { $0 <= position }) ?? 0
                if let verb = verbNear(wordIndex, wordStarts: wordStarts, plain: plain), !negated(verb, wordStarts: wordStarts, plain: plain) {
                    found.insert(secret.kind)
                    entities.append(Entity(kind: .credentialRequest, value: secret.kind, range: position..<position + secret.phrase.count))
                }
            }
        }
        for url in urls where url.kind == .url {
            let path = url.value.lowercased()
            if path.hasSuffix(".apk") || path.contains(".apk?") || path.contains(".apk#") || path.hasSuffix(".ipa") || path.hasSuffix(".exe") {
                entities.append(Entity(kind: .appInstall, value: url.value, range: url.range))
                return
            }
        }
        for phrase in installPhrases {
            // Without a link, only an explicit APK file is a lure; "tải app" alone is everyday talk.
            if let position = occurrences(of: phrase, in: plain).first, !urls.isEmpty || phrase.hasBytes(apk, at: phrase.count - 3) {
                entities.append(Entity(kind: .appInstall, value: String(decoding: phrase, as: UTF8.self), range: position..<position + phrase.count))
                return
            }
        }
    }

    static func wordOffsets(_ plain: [UInt8]) -> [Int] {
        var starts: [Int] = []
        for index in plain.indices where plain[index] != 0x20 && (index == 0 || plain[index - 1] == 0x20) { starts.append(index) }
        return starts
    }

    /// Whole-word occurrences of a phrase in the plain view.
    static func occurrences(of phrase: [UInt8], in plain: [UInt8]) -> [Int] {
        var result: [Int] = []
        var from = 0
        while let position = plain.firstIndex(of: phrase, in: from..<plain.count) {
            let end = position + phrase.count
            if (position == 0 || plain[position - 1] == 0x20) && (end == plain.count || plain[end] == 0x20) { result.append(position) }
            from = position + 1
        }
        return result
    }

    /// The word index of an asking verb within six words before or four after `wordIndex`.
    static func verbNear(_ wordIndex: Int, wordStarts: [Int], plain: [UInt8]) -> Int? {
        let low = max(0, wordIndex - 6)
        let high = min(wordStarts.count - 1, wordIndex + 4)
        guard low <= high else { return nil }
        for index in low...high {
            for verb in verbs where plain.hasBytes(verb, at: wordStarts[index]) {
                let end = wordStarts[index] + verb.count
                if end == plain.count || plain[end] == 0x20 { return index }
            }
        }
        return nil
    }

    /// Whether a negation stands within five words before the verb at `wordIndex`.
    static func negated(_ wordIndex: Int, wordStarts: [Int], plain: [UInt8]) -> Bool {
        let low = max(0, wordIndex - 5)
        guard low < wordIndex else { return false }
        let window = wordStarts[low]..<wordStarts[wordIndex]
        for negation in negations {
            var from = window.lowerBound
            while let position = plain.firstIndex(of: negation, in: from..<window.upperBound) {
                let end = position + negation.count
                if (position == 0 || plain[position - 1] == 0x20) && (end >= plain.count || plain[end] == 0x20) { return true }
                from = position + 1
            }
        }
        return false
    }
}
