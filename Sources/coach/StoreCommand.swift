import ArgumentParser

/// `coach store ...`: work on a whole store.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Work on a whole session store (copy one into another).",
        subcommands: [StoreCopyCommand.self])
}
