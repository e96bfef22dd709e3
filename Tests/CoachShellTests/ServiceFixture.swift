import CoachCore
import CoachShell
import CoachStore
import CoachTestSupport
import Foundation

/// Small playbooks and services for the session service tests.
enum ServiceFixture {
    static let today = Day.parseISO("2026-03-02")!

    /// A four-question playbook; `version` and `withProject` make changed versions of it.
    static func miniYAML(version: Int = 1, withProject: Bool = true, extra: Bool = false) -> String {
        var yaml = """
            format: 1
            id: mini
            title: Mini
            summary: A tiny playbook for tests.
            version: \(version)
            steps:
              - id: client
                ask: Which client?
                account: true
                min_length: 2
            """
        if withProject {
            yaml += """

                  - id: project
                    ask: Which project?
                """
        }
        yaml += """

              - id: budget
                type: money
                ask: What is the budget?
                account: true
              - id: contact_email
                type: email
                ask: Who gets the email?
                account: true
            """
        if extra {
            yaml += """

                  - id: note
                    ask: Anything else?
                    required: false
                """
        }
        yaml += """

            outputs:
              - id: note_email
                title: Note
                kind: email
                to: "{{contact_email}}"
                subject: "{{client}}: budget"
                body: |
                  Hello,

                  The budget for {{client}} is {{budget}}.
            """
        return yaml + "\n"
    }

    static func catalog(_ yaml: String = miniYAML()) -> PlaybookCatalog {
        let catalog = PlaybookCatalog(files: [.init(path: "mini.yaml", text: yaml, origin: "test")])
        precondition(catalog.playbook("mini") != nil, "mini.yaml does not load: \(catalog.load("mini"))")
        return catalog
    }

    /// A fresh folder under the temporary directory.
    static func temporaryHome() -> String {
        TemporaryFolder.make(prefix: "service")
    }

    /// A service over an in-memory store whose clock (and the service's) reads `clock`.
    static func memoryService(catalog: PlaybookCatalog = catalog(), clock: TestClock = TestClock()) throws
        -> SessionService
    {
        let store = try CoachStore.inMemory(clock: { clock.now })
        return SessionService(
            catalog: catalog, store: store, mode: .database(path: ":memory:"), today: { today }, now: { clock.now })
    }

    /// A service over the store in `home`.
    static func fileService(home: String, catalog: PlaybookCatalog = catalog()) -> SessionService {
        SessionService.open(home: home, environment: [:], catalog: catalog, today: { today })
    }

    /// Answers every question of session `id` from `answers` (by step id) until it completes.
    @discardableResult
    static func finish(_ service: SessionService, _ id: String, _ answers: [String: String]) throws -> SessionUpdate {
        var update = try service.current(id)
        var guardCount = 0
        while update.turn.status == .asking, let prompt = update.turn.prompt, guardCount < 50 {
            update = try service.apply(id, .answer(.text(answers[prompt.step.description] ?? ""), step: prompt.step))
            guardCount += 1
        }
        return update
    }

    static let acme = [
        "client": "Acme Corp", "project": "Atlas rollout", "budget": "$120,000", "contact_email": "zoe@acme.example",
    ]
}

/// A settable clock shared by a store and a service under test.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double

    init(_ start: Double = 1_790_000_000) { value = start }

    var now: Double {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
