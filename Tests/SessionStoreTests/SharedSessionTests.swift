import CoachCore
import CoachShell
import CoachStore
import Foundation
import Testing

/// Two session services on one database, as two `coach serve` workers share a store, run against every store.
@Suite("Two workers sharing a store")
struct SharedSessionTests {
    static let playbook = """
        format: 1
        id: mini
        title: Mini
        summary: A tiny playbook for tests.
        version: 1
        steps:
          - id: client
            ask: Which client?
          - id: project
            ask: Which project?
          - id: budget
            type: money
            ask: What is the budget?
        outputs:
          - id: note_email
            title: Note
            kind: email
            to: ana@acme.example
            subject: "{{client}}: budget"
            body: |
              Hello,

              The budget for {{client}} is {{budget}}.
        """

    static func worker(_ fixture: StoreFixture) throws -> SessionService {
        let catalog = PlaybookCatalog(files: [.init(path: "mini.yaml", text: playbook, origin: "test")])
        let store = try fixture.open()
        return SessionService(
            catalog: catalog, store: store, mode: .database(path: store.location),
            today: { Day.parseISO("2026-03-02")! })
    }

    @Test("the same answer sent to two workers is applied once; the other is refused as staleStep", arguments: StoreKind.tested)
    func sameAnswerOnTwoWorkers(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let (first, second) = (try Self.worker(fixture), try Self.worker(fixture))
        let id = try first.start(playbookID: "mini", origin: .protocol).sessionID
        #expect(try second.current(id).turn.prompt?.step == "client")
        _ = try first.apply(id, .answer(.text("Acme Corp"), step: "client"))
        let refusal = #expect(throws: ServiceError.self) {
            try second.apply(id, .answer(.text("Acme Corp"), step: "client"))
        }
        #expect(refusal?.refusal?.kind == .staleStep)
        #expect(refusal?.refusal?.current == "project")
        // Either worker carries the session on from where the other left it.
        #expect(try second.apply(id, .answer(.text("Atlas"))).turn.prompt?.step == "budget")
        let done = try first.apply(id, .answer(.text("$5"), step: "budget"))
        #expect(done.turn.status == .completed)
        #expect(try second.journal(id).filter { $0.kind == .answer }.map(\.text) == ["Acme Corp", "Atlas", "$5"])
        #expect(try second.list(limit: 1000).contains { $0.id == id && $0.status == .completed })
    }

    @Test("answers made in two workers' groups against one version: the later commit is refused", arguments: StoreKind.tested)
    func raceBetweenGroups(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let (first, second) = (try Self.worker(fixture), try Self.worker(fixture))
        let id = try first.start(playbookID: "mini", origin: .protocol).sessionID
        _ = try second.current(id)
        second.beginGroup()
        _ = try second.apply(id, .answer(.text("Bolt Ltd"), step: "client"))
        _ = try first.apply(id, .answer(.text("Acme Corp"), step: "client"))
        #expect(second.endGroup() == nil)
        #expect(second.staleInLastGroup == [id])
        #expect(second.staleRefusals()[id]?.refusal?.current == "project")
        #expect(try second.session(id).state.answers["client"]?.display == "Acme Corp")
        #expect(try first.journal(id).filter { $0.kind == .answer }.map(\.text) == ["Acme Corp"])
    }
}
