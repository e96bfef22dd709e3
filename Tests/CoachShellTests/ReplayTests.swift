import CoachCore
import CoachShell
import CoachStore
import Foundation
import Testing

/// A session is its journal: a later process rebuilds it from the last snapshot and the events after it.
@Suite("SessionService: resume replays the journal")
struct ReplayTests {
    /// A playbook with an optional step, an info step and a repeated group, so that every event kind is used.
    static let yaml = """
        format: 1
        id: replay
        title: Replay
        summary: Every kind of event.
        version: 1
        steps:
          - id: intro
            type: info
            text: Read this first.
          - id: client
            ask: Which client?
          - id: nickname
            ask: A nickname?
            required: false
          - id: start
            type: date
            ask: When do we start?
          - id: risks
            type: group
            ask: The risks
            item: risk
            steps:
              - id: what
                ask: What is the risk?
          - id: budget
            type: money
            ask: The budget?
        outputs:
          - id: plan
            title: Plan
            kind: note
            body: "{{client}} from {{start}}, {{budget}}"

        """

    static var catalog: PlaybookCatalog {
        let catalog = PlaybookCatalog(files: [.init(path: "replay.yaml", text: yaml, origin: "test")])
        precondition(catalog.playbook("replay") != nil, "replay.yaml does not load: \(catalog.load("replay"))")
        return catalog
    }

    static func service(home: String, today: Day = ServiceFixture.today) -> SessionService {
        SessionService.open(home: home, environment: [:], catalog: catalog, today: { today })
    }

    @Test("every kind of event, past several snapshots, replays to the same state")
    func everyEventKind() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let service = Self.service(home: home)
        let id = try service.start(playbookID: "replay", origin: .protocol).sessionID
        // Many changes of mind: well past the snapshot interval.
        var events: [Event] = [.answer(.text("")), .answer(.text("Acme"))]
        for round in 0..<20 {
            events += [.goto("client"), .answer(.text("Acme \(round)"))]
        }
        // Cancelling saves a snapshot: every kind of event below is replayed from it.
        events += [
            .cancel, .restart, .answer(.text("")), .answer(.text("Bolt")), .skip(), .answer(.text("friday")),
            .answer(.text("Late parts")), .answer(.text("yes")), .answer(.text("Strike")), .back, .back,
            .answer(.text("Port strike")), .answer(.text("no")), .goto("client"), .answer(.text("Bolt Ltd")),
        ]
        for event in events {
            _ = try service.apply(id, event)
        }
        let live = try service.session(id).state
        #expect(live.answers["client"]?.display == "Bolt Ltd")
        #expect(live.skipped == ["nickname"])
        #expect(live.answers["risks[1].what"]?.display == "Late parts")
        #expect(live.answers["risks[2].what"] == nil)

        let store = try CoachStore.open(home: home)
        let stored = try #require(try store.session(id: id))
        let replayed = try store.journal(sessionID: id, after: stored.snapshotSeq).filter(\.kind.isEvent).map(\.kind)
        #expect(Set(replayed) == [.restart, .answer, .skip, .back, .goto])
        let other = Self.service(home: home)
        #expect(try other.resume(id).turn.prompt?.step == "budget")
        #expect(try other.session(id).state == live)
        // A refused event leaves nothing to replay.
        #expect(throws: ServiceError.self) { try other.apply(id, .skip(step: "budget")) }
        #expect(try Self.service(home: home).session(id).state == live)
    }

    @Test("an answer's line keeps its typed value, not only its text")
    func typedValues() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let service = Self.service(home: home)
        let id = try service.start(playbookID: "replay", origin: .repl).sessionID
        for text in ["", "Acme", "", "friday"] {
            _ = try service.apply(id, .answer(.text(text)))
        }
        let lines = try service.journal(id)
        let start = try #require(lines.last { $0.kind == .answer && $0.step == "start" })
        #expect(start.text == "Friday 6 March 2026")
        #expect(try Value(jsonBytes: [UInt8](#require(start.value))) == .date(Day.parseISO("2026-03-06")!))
        #expect(lines.contains { $0.kind == .skip && $0.step == "nickname" })
        // The info step seen is an event, but no line of the transcript.
        #expect(lines.contains { $0.kind == .answer && $0.step == "intro" })
        #expect(try !service.transcript(id).contains { $0.step == "intro" && $0.kind == "answer" })
    }

    @Test("resuming on a later day records the new day; relative dates count from it afterwards")
    func newDay() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = Self.service(home: home)
        let id = try first.start(playbookID: "replay", origin: .repl).sessionID
        for text in ["", "Acme", ""] {
            _ = try first.apply(id, .answer(.text(text)))
        }
        let later = Day.parseISO("2026-03-10")!
        let second = Self.service(home: home, today: later)
        _ = try second.resume(id)
        #expect(try second.journal(id).contains { $0.kind == .today && $0.value == Data("2026-03-10".utf8) })
        _ = try second.apply(id, .answer(.text("friday")))
        #expect(try second.session(id).state.answers["start"] == .date(Day.parseISO("2026-03-13")!))
        // A third process on the first day still sees the day the session counts from.
        let third = Self.service(home: home)
        #expect(try third.session(id).state.today == later)
        #expect(try third.session(id).state.answers["start"] == .date(Day.parseISO("2026-03-13")!))
    }

    @Test("--no-store runs the same journal in memory: listing, transcript and ids by prefix work")
    func noStoreKeepsAJournal() throws {
        let service = SessionService.open(
            home: nil, environment: [:], noStore: true, catalog: Self.catalog,
            today: { ServiceFixture.today })
        let id = try service.start(playbookID: "replay", origin: .protocol).sessionID
        _ = try service.apply(id, .answer(.text("")))
        _ = try service.apply(id, .answer(.text("Acme")))
        #expect(try service.list().map(\.id) == [id])
        #expect(try service.list().first?.currentStep == "nickname")
        #expect(try service.transcript(id).map(\.kind) == ["prompt", "prompt", "answer", "prompt"])
        #expect(try service.resume(String(id.dropFirst(2).prefix(4))).turn.prompt?.step == "nickname")
        #expect(!service.isDurable)
    }
}
