import ArgumentParser
import CoachShell
import CoachStore

/// `coach accounts [list]`: every remembered account.
struct AccountsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the remembered accounts.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let service = try global.storedSessions()
        let accounts = try service.accounts()
        guard !accounts.isEmpty else {
            Stderr.print("No accounts remembered yet. Finishing a playbook remembers its client's facts.")
            return
        }
        let now = CoachStore.now()
        let rows = try accounts.map { account in
            let facts = try service.account(named: account.name).facts
            return [account.name, "\(facts.count) fact\(facts.count == 1 ? "" : "s")", RelativeTime.describe(account.updatedAt, now: now)]
        }
        print(Table.render(rows, header: ["ACCOUNT", "FACTS", "CHANGED"]), terminator: "")
    }
}
