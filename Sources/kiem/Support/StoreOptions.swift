import ArgumentParser
import KiemStore

/// `--db`: where the store is (a SQLite file, the default, or a PostgreSQL URL).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database: a SQLite file, or postgres://user:password@host:port/db.", valueName: "path-or-url"))
    var db = "./kiem.sqlite"

    func open() async throws -> Store {
        try await Store.open(db)
    }
}

/// A random password people can type: 16 letters and digits, no look-alikes (0/O, 1/l/I).
enum Passwords {
    static func random() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
