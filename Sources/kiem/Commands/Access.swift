import ArgumentParser
import Foundation
import KiemStore

/// `kiem migrate`: brings a database to this build's schema.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database schema.")

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try await storeOptions.open()
        let version = try await store.schemaVersion()
        try await store.close()
        print("schema version \(version) (\(storeOptions.db))")
    }
}

/// `kiem token create`: an API token for a machine.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an API token and print it (it is shown only this once).")

        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .long, help: "admin, editor, analyst or viewer.")
        var role: String

        @Option(name: .long, help: "What the token is for.")
        var name = "cli"

        func validate() throws {
            if Role(rawValue: role) == nil { throw ValidationError("--role must be admin, editor, analyst or viewer") }
        }

        func run() async throws {
            let store = try await storeOptions.open()
            do {
                let (secret, _) = try await store.createToken(name: name, role: Role(rawValue: role)!, actor: "cli:\(NSUserName())")
                try await store.close()
                print(secret)
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}

/// `kiem user add`: a person who logs in.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user; the password is read from standard input, or generated and printed.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .long, help: "E-mail address (the log-in).")
        var email: String

        @Option(name: .long, help: "Name shown to colleagues.")
        var name: String

        @Option(name: .long, help: "admin, editor, analyst or viewer.")
        var role: String

        @Flag(name: .long, help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        func validate() throws {
            if Role(rawValue: role) == nil { throw ValidationError("--role must be admin, editor, analyst or viewer") }
        }

        func run() async throws {
            let password = passwordStdin ? (readLine(strippingNewline: true) ?? "") : Passwords.random()
            let store = try await storeOptions.open()
            do {
                let user = try await store.addUser(email: email, name: name, role: Role(rawValue: role)!, password: password, actor: "cli:\(NSUserName())")
                try await store.close()
                print("added \(user.email) (\(user.role.rawValue))" + (passwordStdin ? "" : ", password: \(password)"))
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}
