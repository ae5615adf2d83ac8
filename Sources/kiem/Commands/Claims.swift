import ArgumentParser
import Foundation
import KiemServer
import KiemStore

/// `kiem claims import`: loads known claims (JSONL) into the store.
struct Claims: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claims", abstract: "Manage known claims.", subcommands: [Import.self, ClaimsEval.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Import claims from JSONL: {\"id\", \"text\", \"verdict\", \"url\"?, \"variants\"?} per line.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The JSONL file (- for standard input).")
        var file: String

        func run() async throws {
            let text = String(decoding: try FileInput.read(file), as: UTF8.self)
            let (claims, errors) = ClaimJSONL.parse(text)
            for error in errors.prefix(20) { Terminal.warn("\(file):\(error.line): \(error.message)") }
            let store = try await storeOptions.open()
            do {
                let outcome = try await store.importClaims(claims, actor: "cli:\(NSUserName())")
                try await store.close()
                print("\(outcome.created) claims added, \(outcome.updated) updated, \(errors.count) lines skipped")
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}
