import CoachCore
import CoachShell
import CoachStore
import Foundation
import Testing

/// `coach store copy`: a store's sessions, journals, drafts and accounts carried into another store, usable there.
@Suite("Copying a store into another")
struct StoreCopyTests {
    /// A home with one finished session (a draft, account facts) and one stopped after two answers.
    static func filledHome() throws -> (home: String, finished: String, open: String) {
        let home = ServiceFixture.temporaryHome()
        let service = ServiceFixture.fileService(home: home)
        let finished = try service.start(playbookID: "mini", origin: .protocol).sessionID
        try ServiceFixture.finish(service, finished, ServiceFixture.acme)
        let open = try service.start(playbookID: "mini", origin: .repl).sessionID
        _ = try service.apply(open, .answer(.text("Bolt Ltd")))
        _ = try service.apply(open, .answer(.text("Harbour move")))
        return (home, finished, open)
    }

    @Test("every session, journal line, draft and account fact arrives as it was, and the copy resumes and finishes")
    func copiesEverythingAndResumes() throws {
        let (source, finished, open) = try Self.filledHome()
        let target = ServiceFixture.temporaryHome()
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        let from = try CoachStore.open(home: source)
        let to = try CoachStore.open(home: target)
        let report = try copyStore(from: from, to: to, merge: false)
        #expect(report.sessions == 2)
        #expect(report.drafts == 1)
        #expect(report.accounts == 1)
        #expect(report.skipped == 0)
        for id in [finished, open] {
            let original = try #require(try from.sessionCopy(id: id))
            #expect(try to.sessionCopy(id: id) == original)
            #expect(report.journalLines >= original.journal.count)
        }
        #expect(try to.facts(account: "Acme Corp") == from.facts(account: "Acme Corp"))
        #expect(try to.listSessions().map(\.id) == from.listSessions().map(\.id))

        // A later process on the target carries on the open session where it stopped and finishes it.
        let service = ServiceFixture.fileService(home: target)
        #expect(try service.resume(open).turn.prompt?.step == "budget")
        let done = try ServiceFixture.finish(service, open, ["budget": "$9,000", "contact_email": "ana@bolt.example"])
        #expect(done.turn.status == .completed)
        let body = try #require(done.turn.outputs?.first?.body)
        #expect(body.contains("The budget for Bolt Ltd is $9,000."))
        // The copied account memory pre-fills a new session on the target.
        let next = try service.start(playbookID: "mini", account: "Acme Corp", origin: .repl).sessionID
        _ = try service.apply(next, .answer(.text("")))
        let budget = try service.apply(next, .answer(.text("Atlas phase 2")))
        #expect(budget.turn.prompt?.step == "budget")
        #expect(budget.turn.prompt?.default == "$120,000")
    }

    @Test("a target that holds data is refused and left unchanged; --merge copies only what it lacks")
    func refusesANonEmptyTargetUnlessMerging() throws {
        let (source, finished, open) = try Self.filledHome()
        let target = ServiceFixture.temporaryHome()
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: target)
        }
        let from = try CoachStore.open(home: source)
        let to = try CoachStore.open(home: target)
        // The target already has the finished session (an earlier, interrupted copy) and a session of its own.
        #expect(try to.insertCopy(#require(try from.sessionCopy(id: finished))))
        let own = try to.makeOwnSession()

        let refusal = #expect(throws: StoreError.self) { try copyStore(from: from, to: to, merge: false) }
        #expect(refusal?.kind == .conflict)
        #expect(refusal?.message.contains("--merge") == true)
        #expect(try Set(to.allSessionIDs()) == [finished, own])

        let report = try copyStore(from: from, to: to, merge: true)
        #expect(report.sessions == 1)
        #expect(report.skipped == 1)
        #expect(try Set(to.allSessionIDs()) == [finished, open, own])
        #expect(try to.sessionCopy(id: open) == from.sessionCopy(id: open))
        // Run again: nothing new, nothing doubled.
        let again = try copyStore(from: from, to: to, merge: true)
        #expect(again.sessions == 0)
        #expect(again.skipped == 2)
        #expect(try to.journal(sessionID: open) == from.journal(sessionID: open))
    }

    @Test("copying a store onto itself is refused")
    func refusesTheSameStore() throws {
        let (source, _, _) = try Self.filledHome()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let store = try CoachStore.open(home: source)
        let again = try CoachStore.open(home: source)
        let refusal = #expect(throws: StoreError.self) { try copyStore(from: store, to: again, merge: true) }
        #expect(refusal?.kind == .invalid)
        #expect(try store.allSessionIDs().count == 2)
    }
}

extension CoachStore {
    /// A session the target had before any copy.
    fileprivate func makeOwnSession() throws -> String {
        try createSession(
            playbookID: "mini", playbookVersion: 1, title: "Own", currentStep: "client", total: 4,
            state: Data("{}".utf8), answers: Data("[]".utf8), origin: .repl)
    }
}
