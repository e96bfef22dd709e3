import ArgumentParser
import CoachShell

/// `coach accounts forget NAME`: forget an account and every fact about it.
struct AccountsForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget", abstract: "Forget an account and everything Coach remembers about it (asks first).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The account name.")
    var name: String

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    func run() throws {
        let service = try global.storedSessions()
        let (account, facts) = try service.account(named: name)
        if !yes {
            try Confirm.ask("Forget '\(account.name)' and the \(facts.count) fact\(facts.count == 1 ? "" : "s") remembered about it?")
        }
        try service.forgetAccount(account.name)
        print("Forgot '\(account.name)'.")
    }
}
