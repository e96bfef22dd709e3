import CoachStore
import Foundation
import Testing

extension StoreKind {
    /// The stores these tests run against: SQLite and memory always, PostgreSQL when a test database is given.
    static let tested: [StoreKind] = [.sqlite, .memory] + (postgresAvailable ? [.postgres] : [])
    /// The stores with a schema on disk.
    static let databases = tested.filter { $0 != .memory }
}

/// The behaviour every store shares, run once against each implementation.
@Suite("Every store: sessions, journal, concurrency, drafts and accounts")
struct SessionStoreTests {
    @Test("the PostgreSQL store is among the stores tested", .enabled(if: StoreKind.postgresAvailable, StoreKind.postgresSkipReason))
    func postgresIsTested() throws {
        #expect(StoreKind.tested.contains(.postgres))
        #expect(try StoreFixture(.postgres).open().schemaVersion() == "v3")
    }

    @Test("each store names its kind, as initialize reports it in capabilities.persistence", arguments: StoreKind.tested)
    func persistenceName(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let expected =
            switch kind {
            case .sqlite: "sqlite"
            case .memory: "memory"
            case .postgres: "postgres"
            }
        #expect(try fixture.open().persistence == expected)
    }

    @Test("a session starts with its first lines, takes changes after them, and resumes from its snapshot", arguments: StoreKind.tested)
    func roundTrip(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let store = try fixture.open()
        let id = fixture.unique("s-round")
        try store.save([start(id, account: "Acme", lines: 2)])
        #expect(try store.sessionVersion(id: id) == 2)
        #expect(try store.save([answer(id, "Acme Corp", after: 2)]).isEmpty)
        #expect(try store.save([answer(id, "Atlas", step: "project", after: 4, snapshot: true)]).isEmpty)
        #expect(try store.save([answer(id, "$5", step: "budget", after: 6)]).isEmpty)
        #expect(try store.sessionVersion(id: id) == 8)
        let (stored, events) = try #require(try store.sessionForResume(id: id))
        #expect(stored.snapshotSeq == 6)
        #expect(stored.state == Data("Atlas".utf8))
        #expect(stored.account == "Acme")
        #expect(stored.currentStep == "project")
        #expect(events.map(\.text) == ["$5"])
        #expect(events.map(\.seq) == [7])
        #expect(events.first?.value == Data("\"$5\"".utf8))
        let journal = try store.journal(sessionID: id, after: 0)
        #expect(journal.map(\.seq) == Array(1...8))
        #expect(journal.filter { $0.kind == .answer }.map(\.text) == ["Acme Corp", "Atlas", "$5"])
        #expect(try store.journal(sessionID: id, after: 6).count == 2)
    }

    @Test("two changes against the same version from two connections: exactly one is saved", arguments: StoreKind.tested)
    func staleChangeRefused(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let first = try fixture.open()
        let second = try fixture.open()
        let id = fixture.unique("s-stale")
        try first.save([start(id)])
        #expect(try first.save([answer(id, "Acme Corp", after: 1)]).isEmpty)
        #expect(try second.save([answer(id, "Bolt Ltd", after: 1)]) == [id])
        let answers = try second.journal(sessionID: id, after: 0).filter { $0.kind == .answer }
        #expect(answers.map(\.text) == ["Acme Corp"])
        #expect(try second.sessionVersion(id: id) == 3)
    }

    @Test("two connections answering one session at the same moment: one answer kept, the other stale", arguments: StoreKind.tested)
    func raceAcrossConnections(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let stores = [try fixture.open(), try fixture.open()]
        for round in 0..<10 {
            let id = fixture.unique("s-race\(round)")
            try stores[0].save([start(id)])
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let result = Result { () throws(StoreError) in
                    try stores[index].save([answer(id, "worker \(index)", after: 1)])
                }
                outcomes.add(result)
            }
            let results = outcomes.all.map { try? $0.get() }
            #expect(results.filter { $0 == [] }.count == 1)
            #expect(results.filter { $0 == [id] }.count == 1)
            let answers = try stores[0].journal(sessionID: id, after: 0).filter { $0.kind == .answer }
            #expect(answers.count == 1)
        }
    }

    @Test("a group commit keeps every change but the stale ones", arguments: StoreKind.tested)
    func groupWithStaleChange(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let store = try fixture.open()
        let (a, b, c) = (fixture.unique("s-ga"), fixture.unique("s-gb"), fixture.unique("s-gc"))
        try store.save([start(a), start(b)])
        try store.save([answer(b, "Elsewhere", after: 1)])
        let stale = try store.save([start(c), answer(a, "Acme Corp", after: 1), answer(b, "Bolt Ltd", after: 1)])
        #expect(stale == [b])
        #expect(try store.sessionVersion(id: a) == 3)
        #expect(try store.sessionVersion(id: c) == 1)
        #expect(try store.journal(sessionID: b, after: 0).filter { $0.kind == .answer }.map(\.text) == ["Elsewhere"])
    }

    @Test("a session started with a taken id fails the whole group and saves nothing of it", arguments: StoreKind.tested)
    func startConflict(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let store = try fixture.open()
        let (a, b) = (fixture.unique("s-ca"), fixture.unique("s-cb"))
        try store.save([start(a)])
        let error = #expect(throws: StoreError.self) { try store.save([start(b), start(a)]) }
        #expect(error?.kind == .conflict)
        #expect(try !store.hasSession(id: b))
        #expect(try store.journal(sessionID: a, after: 0).count == 1)
    }

    @Test("ids by unambiguous prefix; an ambiguous or unknown one is refused", arguments: StoreKind.tested)
    func prefixes(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let store = try fixture.open()
        let base = fixture.unique("s-px")
        try store.save([start(base + "a1"), start(base + "a2"), start(base + "b1")])
        #expect(try store.resolveSessionID(base + "b") == base + "b1")
        #expect(try store.resolveSessionID(String((base + "b").dropFirst(2))) == base + "b1")
        #expect(try store.session(id: base + "a1")?.title == "Quarterly review")
        #expect(throws: StoreError.self) { try store.resolveSessionID(base + "a") }
        #expect((try? store.resolveSessionID(base + "a"))?.isEmpty == nil)
        #expect(try store.session(id: base + "zz") == nil)
        #expect(try store.sessionVersion(id: base + "zz") == nil)
        let listed = try store.listSessions(limit: 1000, status: .asking).map(\.id)
        #expect(Set([base + "a1", base + "a2", base + "b1"]).isSubset(of: Set(listed)))
    }

    @Test("listing shows the most recently changed first, and filters by status", arguments: StoreKind.tested)
    func listing(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let clock = Ticks()
        let store = try fixture.open(clock: clock.next)
        let (a, b) = (fixture.unique("s-la"), fixture.unique("s-lb"))
        try store.save([start(a)])
        try store.save([start(b)])
        try store.save([answer(a, "Acme Corp", after: 1, snapshot: true, status: .completed)])
        let mine = try store.listSessions(limit: 1000, status: nil).map(\.id).filter { $0 == a || $0 == b }
        #expect(mine == [a, b])
        #expect(try store.listSessions(limit: 1000, status: .completed).map(\.id).contains(a))
        #expect(try !store.listSessions(limit: 1000, status: .completed).map(\.id).contains(b))
    }

    @Test("transcript lines append after the last line", arguments: StoreKind.tested)
    func appendJournal(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let store = try fixture.open()
        let id = fixture.unique("s-ap")
        try store.save([start(id)])
        let saved = try store.appendJournal(
            sessionID: id, entries: [JournalEntry(kind: .invalid, step: "client", text: "x (too short)")])
        #expect(saved.map(\.seq) == [2])
        #expect(try store.sessionVersion(id: id) == 2)
        #expect(try store.save([answer(id, "Acme Corp", after: 1)]) == [id])
        #expect(try store.save([answer(id, "Acme Corp", after: 2)]).isEmpty)
        let error = #expect(throws: StoreError.self) {
            try store.appendJournal(sessionID: fixture.unique("s-none"), entries: [])
        }
        #expect(error?.kind == .notFound)
    }

    @Test("drafts are numbered per session; deleting a session takes its journal and drafts, facts stay", arguments: StoreKind.tested)
    func draftsAndDelete(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let store = try fixture.open()
        let id = fixture.unique("s-dr")
        let account = fixture.unique("Acme")
        try store.save([start(id)])
        #expect(try store.addDraft(sessionID: id, outputs: Data("one".utf8), answers: sampleAnswers) == 1)
        #expect(try store.addDraft(sessionID: id, outputs: Data("two".utf8), answers: sampleAnswers) == 2)
        #expect(try store.drafts(sessionID: id).map(\.outputs) == [Data("one".utf8), Data("two".utf8)])
        try store.saveFacts(
            account: account, facts: [Fact(name: "budget", value: Data("5".utf8), display: "$5")], sessionID: id)
        try store.deleteSession(id: id)
        #expect(try !store.hasSession(id: id))
        #expect(try store.journal(sessionID: id, after: 0).isEmpty)
        #expect(try store.drafts(sessionID: id).isEmpty)
        let facts = try store.facts(account: account)
        #expect(facts.map(\.display) == ["$5"])
        #expect(facts.first?.sessionID == nil)
        #expect(throws: StoreError.self) { try store.deleteSession(id: id) }
        #expect(throws: StoreError.self) { try store.addDraft(sessionID: id, outputs: Data(), answers: Data()) }
    }

    @Test("a change with an empty account files the session under none; merge and rename re-title", arguments: StoreKind.tested)
    func accountOfSessions(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let store = try fixture.open()
        let typo = fixture.unique("Acme Crop")
        let real = fixture.unique("Acme Corp")
        try store.upsertAccount(name: typo)
        try store.upsertAccount(name: real)
        let moved = fixture.unique("s-moved")
        let cleared = fixture.unique("s-cleared")
        try store.save([start(moved, account: typo), start(cleared, account: typo)])
        func retitle(_ id: String, _ title: String, account: String?) -> SessionChange {
            .progress(
                SessionProgress(
                    sessionID: id, status: .asking, currentStep: "project", answered: 1, total: 4,
                    title: title, account: account))
        }
        try store.save([retitle(moved, "qbr · \(typo) · Atlas", account: nil), retitle(cleared, "qbr", account: "")])
        #expect(try store.session(id: moved)?.account == typo, "nil keeps the account")
        #expect(try store.session(id: cleared)?.account == nil, "empty clears it")
        let merge = try store.mergeAccounts(from: typo, into: real)
        #expect(merge.sessions == 1)
        #expect(try store.session(id: moved)?.title == "qbr · \(real) · Atlas")
        #expect(try store.session(id: moved)?.account == real)
        let renamed = fixture.unique("Acme Group")
        try store.renameAccount(from: real, to: renamed)
        #expect(try store.session(id: moved)?.title == "qbr · \(renamed) · Atlas")
        #expect(try store.session(id: cleared)?.title == "qbr")
    }

    @Test("accounts: matched by key, facts replaced, renamed, forgotten", arguments: StoreKind.tested)
    func accounts(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let store = try fixture.open()
        let name = fixture.unique("Acme  Corp")
        let first = try store.upsertAccount(name: name)
        #expect(first.name == fixture.unique("Acme Corp"))
        #expect(try store.upsertAccount(name: name.uppercased()).id == first.id)
        #expect(try store.findAccount(name: name.lowercased())?.id == first.id)
        try store.saveFacts(
            account: name, facts: [Fact(name: "budget", value: Data("5".utf8), display: "$5")], sessionID: nil)
        try store.saveFacts(
            account: name,
            facts: [
                Fact(name: "budget", value: Data("6".utf8), display: "$6"),
                Fact(name: "contact", value: Data("a".utf8), display: "ana@acme.example"),
            ], sessionID: nil)
        #expect(try store.facts(account: name).map(\.display) == ["$6", "ana@acme.example"])
        let other = fixture.unique("Bolt")
        try store.upsertAccount(name: other)
        let conflict = #expect(throws: StoreError.self) { try store.renameAccount(from: name, to: other) }
        #expect(conflict?.kind == .conflict)
        let renamed = fixture.unique("Acme Group")
        #expect(try store.renameAccount(from: name, to: renamed).id == first.id)
        #expect(try store.facts(account: renamed).count == 2)
        #expect(try store.listAccounts().map(\.name).contains(renamed))
        try store.forgetAccount(renamed)
        #expect(try store.findAccount(name: renamed) == nil)
        #expect(try store.facts(account: renamed).isEmpty)
        #expect(throws: StoreError.self) { try store.forgetAccount(renamed) }
        let missing = #expect(throws: StoreError.self) {
            try store.saveFacts(account: other, facts: [], sessionID: fixture.unique("s-none"))
        }
        #expect(missing?.kind == .notFound)
    }

    @Test("a blank account name is refused with one message by every store, and nothing changes", arguments: StoreKind.tested)
    func blankAccountName(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let store = try fixture.open()
        let account = try store.upsertAccount(name: fixture.unique("Acme"))
        let fact = Fact(name: "budget", value: Data("5".utf8), display: "$5")
        for blank in ["", "   ", "\t\n"] {
            let refusals = [
                #expect(throws: StoreError.self) { try store.renameAccount(from: account.name, to: blank) },
                #expect(throws: StoreError.self) { try store.upsertAccount(name: blank) },
                #expect(throws: StoreError.self) { try store.saveFacts(account: blank, facts: [fact], sessionID: nil) },
            ]
            for refusal in refusals {
                #expect(refusal == StoreError(.invalid, "An account name cannot be empty."))
            }
        }
        #expect(try store.findAccount(name: account.name) == account)
        #expect(try store.listAccounts().allSatisfy { !$0.key.isEmpty })
    }

    @Test("several connections opening at once migrate once and agree on the schema", arguments: StoreKind.databases)
    func openTogether(kind: StoreKind) throws {
        let fixture = StoreFixture(kind)
        let versions = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let version = Result { () throws(StoreError) -> Set<String> in
                do {
                    return Set([try fixture.open().schemaVersion()].compactMap { $0 })
                } catch let error as StoreError {
                    throw error
                } catch {
                    throw StoreError(.io, "\(error)")
                }
            }
            versions.add(version)
        }
        let latest = kind == .sqlite ? "v4" : "v3"
        #expect(versions.all.map { try? $0.get() } == Array(repeating: Set([latest]), count: 4))
    }
}

/// Results gathered from several threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Set<String>, StoreError>] = []

    func add(_ result: Result<Set<String>, StoreError>) {
        lock.withLock { results.append(result) }
    }

    var all: [Result<Set<String>, StoreError>] { lock.withLock { results } }
}

/// A clock that moves one second per reading.
final class Ticks: @unchecked Sendable {
    private let lock = NSLock()
    private var time = 1_800_000_000.0

    var next: @Sendable () -> Double {
        { [self] in
            lock.withLock {
                time += 1
                return time
            }
        }
    }
}
