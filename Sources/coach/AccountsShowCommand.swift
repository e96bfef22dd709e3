import ArgumentParser
import CoachShell
import CoachStore

/// `coach accounts show NAME`: what Coach remembers about an account, and where each fact came from.
struct AccountsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show what Coach remembers about an account, with each fact's age and session.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The account name (case and spacing do not matter).")
    var name: String

    func run() throws {
        let service = try global.storedSessions()
        let (account, facts) = try service.account(named: name)
        let now = CoachStore.now()
        print(account.name)
        let rows = facts.map { fact in
            [fact.name, fact.display, SessionService.ageNote(givenAt: fact.givenAt, now: now), fact.sessionID ?? "(deleted)"]
        }
        print(Table.render(rows, header: ["FACT", "VALUE", "GIVEN", "SESSION"]), terminator: "")
    }
}
