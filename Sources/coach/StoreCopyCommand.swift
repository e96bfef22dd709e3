import ArgumentParser
import CoachShell
import CoachStore
import Foundation

/// `coach store copy --from URL --to URL`: moves every session, journal, draft and account into another store.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every session (journal and drafts) and account from one store into another.",
        discussion: """
            For example, to move the data folder's SQLite database into PostgreSQL:
              coach store copy --from sqlite:~/.local/share/coach/coach.sqlite --to postgres://coach@db:5432/coach
            The target must be empty unless --merge is given. Each session is copied in its own transaction, so an
            interrupted copy can be run again with --merge. The source is only read.
            """)

    @Option(name: .long, help: ArgumentHelp("The store to read: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE.", valueName: "url"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("The store to write: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE.", valueName: "url"))
    var to: String

    @Flag(name: .long, help: "Copy into a store that already has data: only the sessions it lacks; accounts are merged.")
    var merge = false

    func run() throws {
        // Both stores are named on the command line: COACH_NO_STORE and COACH_STORE do not apply.
        var environment = ProcessInfo.processInfo.environment
        environment["COACH_NO_STORE"] = nil
        environment["COACH_STORE"] = nil
        let source = try Self.open(from, environment: environment, mustExist: true)
        let target = try Self.open(to, environment: environment, mustExist: false)
        let report: StoreCopyReport
        do {
            report = try copyStore(from: source, to: target, merge: merge)
        } catch {
            throw CoachFailure(error.message)
        }
        var line =
            "Copied \(report.sessions) session(s) (\(report.journalLines) journal lines, \(report.drafts) drafts) and "
            + "\(report.accounts) account(s) from \(source.location) to \(target.location)."
        if report.skipped > 0 {
            line += " \(report.skipped) session(s) were already there and were left as they are."
        }
        print(line)
    }

    /// The store a URL names, opened (and migrated); a source that does not exist is an error, not a new store.
    static func open(_ text: String, environment: [String: String], mustExist: Bool) throws -> any CopyableStore {
        let url: StoreURL
        do {
            url = try StoreURL(parsing: text, environment: environment)
        } catch {
            throw ValidationError(error.message)
        }
        if mustExist, case .sqlite(let path) = url, !FileManager.default.fileExists(atPath: path) {
            throw CoachFailure("There is no database at \(path) to copy from. Check the path after sqlite:.")
        }
        let opening = StoreOpening(home: nil, store: text, environment: environment, noStore: false)
        switch opening.wait() {
        case .success(let store as any CopyableStore): return store
        case .success(let store): throw CoachFailure("Coach cannot copy sessions from or into \(store.location).")
        case .failure(let error): throw CoachFailure(error.message)
        case nil: throw CoachFailure("Coach could not open \(text).")
        }
    }
}
