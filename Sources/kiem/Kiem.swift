import ArgumentParser

/// The `kiem` command line.
@main
struct Kiem: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiem",
        abstract: "Kiem: detect scams, phishing, spam and abuse in Vietnamese and English messages.",
        subcommands: [Check.self, Train.self, Eval.self, Bench.self, Rules.self, Compliance.self, Traffic.self, Serve.self, Worker.self, Migrate.self, Token.self, UserCommand.self, Claims.self, Replay.self, Alerts.self],
        defaultSubcommand: nil
    )
}
