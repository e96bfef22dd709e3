import ArgumentParser
import CoachCore
import CoachShell
import Foundation

private let processEnvironment = ProcessInfo.processInfo.environment

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Add a folder of playbooks (repeatable; also COACH_PLAYBOOKS).", valueName: "dir"))
    var playbooks: [String] = []

    @Option(name: .long, help: ArgumentHelp("Where Coach keeps its data (also COACH_HOME).", valueName: "dir"))
    var home: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where sessions are kept: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE (also COACH_STORE; the "
                + "password comes from PGPASSWORD or ~/.pgpass). Default: the database in the data folder.",
            valueName: "url"))
    var store: String?

    @Flag(name: .long, help: "Never use colours or styles (also NO_COLOR).")
    var noColor = false

    @Flag(name: .long, help: "Keep sessions in memory only; write nothing to disk (also COACH_NO_STORE=1).")
    var noStore = false

    mutating func validate() throws {
        // A store URL that cannot be read is a usage error (exit 2), before anything runs.
        do {
            _ = try StoreOpening.url(home: home, store: store, environment: environment)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// The process environment, read once (each read of `ProcessInfo.environment` copies it into a new dictionary).
    var environment: [String: String] { processEnvironment }

    /// Every playbook Coach can see, with warnings on stderr.
    func catalog() -> PlaybookCatalog {
        PlaybookFiles.catalog(
            extraDirectories: PlaybookFiles.userDirectories(option: playbooks, environment: environment),
            warnings: { Stderr.print($0) })
    }

    /// The session service over the store --store / COACH_STORE names, else the one in --home / COACH_HOME (in
    /// memory with --no-store, or when the data folder's database fails). A shared (PostgreSQL) store that cannot
    /// be opened is an error: a worker never goes on alone in memory.
    func sessionService(catalog: PlaybookCatalog, opening: StoreOpening? = nil) throws -> SessionService {
        let environment = self.environment
        let opening = opening ?? StoreOpening(home: home, store: store, environment: environment, noStore: noStore)
        let service = SessionService.open(
            opening: opening, catalog: catalog, today: { Clock.today(environment: environment) })
        if opening.isShared, let problem = service.storeProblem {
            throw CoachFailure(problem)
        }
        return service
    }

    /// Starts opening the store on another thread, for ``sessionService(catalog:opening:)`` to wait on.
    func openingStore() -> StoreOpening {
        StoreOpening(home: home, store: store, environment: environment, noStore: noStore, inBackground: true)
    }

    /// The session service for commands that only read or change what is stored: fails when there is no store.
    func storedSessions(catalog: PlaybookCatalog = PlaybookCatalog(files: [])) throws -> SessionService {
        let service = try sessionService(catalog: catalog)
        if let problem = service.storeProblem {
            throw CoachFailure(problem)
        }
        if !service.isDurable {
            throw CoachFailure("nothing is stored with --no-store or COACH_NO_STORE=1.")
        }
        return service
    }

    /// The playbook with `id`, or a clear error.
    func playbook(_ id: String, in catalog: PlaybookCatalog) throws -> Playbook {
        switch catalog.load(id) {
        case .success(let playbook): return playbook
        case .failure(let problem): throw CoachFailure(problem.description)
        }
    }
}

/// A failure the user can fix: printed as one message, exit status 1.
struct CoachFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Writes to standard error.
enum Stderr {
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
