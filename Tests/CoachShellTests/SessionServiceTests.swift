import CoachCore
import CoachShell
import CoachStore
import Foundation
import GRDB
import Testing

@Suite("SessionService: durable sessions")
struct SessionServiceTests {
    @Test("start, answer, stop, resume and finish equals never stopping")
    func roundTrip() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = ServiceFixture.fileService(home: home)
        #expect(first.isDurable)
        let started = try first.start(playbookID: "mini", origin: .repl)
        #expect(started.turn.prompt?.step == "client")
        _ = try first.apply(started.sessionID, .answer(.text("Acme Corp"), step: "client"))
        _ = try first.apply(started.sessionID, .answer(.text("Atlas rollout"), step: "project"))

        // A new process: a new service on the same folder.
        let second = ServiceFixture.fileService(home: home)
        let resumed = try second.resume(String(started.sessionID.prefix(5)))
        #expect(resumed.sessionID == started.sessionID)
        #expect(resumed.turn.prompt?.step == "budget")
        #expect(resumed.title == "mini · Acme Corp · Atlas rollout")
        let done = try ServiceFixture.finish(second, started.sessionID, ServiceFixture.acme)
        #expect(done.turn.status == .completed)
        #expect(done.draftVersion == 1)

        var straight = Session(playbook: ServiceFixture.catalog().playbook("mini")!, today: ServiceFixture.today)
        while let prompt = straight.currentTurn().prompt {
            _ = straight.handle(.answer(.text(ServiceFixture.acme[prompt.step.description] ?? ""), step: prompt.step))
        }
        #expect(try second.session(started.sessionID).state.answers == straight.state.answers)
        #expect(done.turn.outputs == straight.currentTurn().outputs)

        let stored = try ServiceFixture.fileService(home: home).stored(started.sessionID)
        #expect(stored.status == .completed)
        #expect(stored.account == "Acme Corp")
    }

    @Test("the journal keeps questions, answers, refused answers and commands in order")
    func journal() throws {
        let service = try ServiceFixture.memoryService()
        let id = try service.start(playbookID: "mini", origin: .protocol).sessionID
        let refused = try service.apply(id, .answer(.text("A"), step: "client"))
        #expect(refused.turn.invalid != nil)
        _ = try service.apply(id, .answer(.text("Acme Corp"), step: "client"))
        _ = try service.apply(id, .back)
        let lines = try service.journal(id).map { "\($0.kind.rawValue):\($0.step ?? "-")" }
        #expect(lines == ["prompt:client", "invalid:client", "answer:client", "prompt:project", "back:project", "prompt:client"])
    }

    @Test("a stale answer is refused and changes nothing")
    func staleAnswer() throws {
        let service = try ServiceFixture.memoryService()
        let id = try service.start(playbookID: "mini", origin: .protocol).sessionID
        #expect(throws: ServiceError.self) { try service.apply(id, .answer(.text("x"), step: "budget")) }
        #expect(try service.current(id).turn.prompt?.step == "client")
        #expect(try service.journal(id).count == 1)
    }

    @Test("remembered account facts pre-fill the next session, with their age")
    func accountMemory() throws {
        let clock = TestClock()
        let service = try ServiceFixture.memoryService(clock: clock)
        let first = try service.start(playbookID: "mini", origin: .repl).sessionID
        try ServiceFixture.finish(service, first, ServiceFixture.acme)
        let (account, facts) = try service.account(named: "acme corp")
        #expect(account.name == "Acme Corp")
        // The client's answer names the account; it is not one of its facts.
        #expect(Set(facts.map(\.name)) == ["budget", "contact_email"])
        #expect(facts.allSatisfy { $0.sessionID == first })

        clock.now += 12 * 86_400
        let next = try service.start(playbookID: "mini", account: "Acme Corp", origin: .repl)
        #expect(next.notices.contains { $0.contains("remembers") })
        #expect(next.turn.prompt?.default == "Acme Corp")
        let project = try service.apply(next.sessionID, .answer(.text(""), step: "client"))
        #expect(project.turn.prompt?.step == "project")
        let budget = try service.apply(next.sessionID, .answer(.text("Atlas"), step: "project"))
        #expect(budget.turn.prompt?.default == "$120,000")
        #expect(budget.turn.prompt?.defaultNote == "from 12 days ago")
    }

    @Test("answering the client offers what is remembered about it")
    func accountMemoryFromClientAnswer() throws {
        let clock = TestClock()
        let service = try ServiceFixture.memoryService(clock: clock)
        try ServiceFixture.finish(service, try service.start(playbookID: "mini", origin: .repl).sessionID, ServiceFixture.acme)
        clock.now += 86_400
        let id = try service.start(playbookID: "mini", origin: .repl).sessionID
        let after = try service.apply(id, .answer(.text("ACME  corp"), step: "client"))
        #expect(after.notices.contains { $0.contains("remembers") })
        let budget = try service.apply(id, .answer(.text("Atlas"), step: "project"))
        #expect(budget.turn.prompt?.defaultNote == "from yesterday")
    }

    @Test("changing an answer and finishing again adds a draft version; the old one stays")
    func draftVersions() throws {
        let service = try ServiceFixture.memoryService()
        let id = try service.start(playbookID: "mini", origin: .repl).sessionID
        try ServiceFixture.finish(service, id, ServiceFixture.acme)
        _ = try service.apply(id, .goto("budget"))
        let again = try service.apply(id, .answer(.text("$150,000"), step: "budget"))
        #expect(again.turn.status == .completed)
        #expect(again.draftVersion == 2)
        // Finishing again with the same answer adds nothing.
        _ = try service.apply(id, .goto("budget"))
        let same = try service.apply(id, .answer(.text("$150,000"), step: "budget"))
        #expect(same.draftVersion == nil)
        let drafts = try service.drafts(id)
        #expect(drafts.map(\.version) == [1, 2])
        #expect(String(decoding: drafts[0].outputs, as: UTF8.self).contains("120,000"))
        #expect(String(decoding: drafts[1].outputs, as: UTF8.self).contains("150,000"))
    }

    @Test("a changed playbook resumes when every answered step still exists, and says so")
    func playbookChangedCompatible() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let old = ServiceFixture.fileService(home: home)
        let id = try old.start(playbookID: "mini", origin: .repl).sessionID
        _ = try old.apply(id, .answer(.text("Acme Corp"), step: "client"))
        _ = try old.apply(id, .answer(.text("Atlas"), step: "project"))

        let newer = ServiceFixture.catalog(ServiceFixture.miniYAML(version: 2, extra: true))
        let resumed = try ServiceFixture.fileService(home: home, catalog: newer).resume(id)
        #expect(resumed.turn.prompt?.step == "budget")
        #expect(resumed.notices.contains { $0.contains("version 1 to 2") })
    }

    @Test("starting or resuming a playbook whose file has errors says what is wrong and where, not 'did you mean' it")
    func brokenPlaybookIsExplained() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let old = ServiceFixture.fileService(home: home)
        let id = try old.start(playbookID: "mini", origin: .repl).sessionID
        _ = try old.apply(id, .answer(.text("Acme Corp"), step: "client"))
        old.flush()

        let yaml = ServiceFixture.miniYAML().replacingOccurrences(of: "    min_length: 2", with: "    min_lenght: 2")
        let broken = PlaybookCatalog(files: [.init(path: "team/mini.yaml", text: yaml, origin: "team")])
        let service = ServiceFixture.fileService(home: home, catalog: broken)
        for attempt in ["start", "resume"] {
            do {
                _ = attempt == "start" ? try service.start(playbookID: "mini", origin: .repl) : try service.resume(id)
                Issue.record("\(attempt) should have failed")
            } catch {
                #expect(error.kind == .brokenPlaybook, "\(attempt): \(error.kind)")
                #expect(!error.message.contains("Did you mean"), "\(attempt): \(error.message)")
                #expect(error.message.contains("team/mini.yaml:10:5:"), "\(attempt): \(error.message)")
                #expect(error.message.contains("min_lenght"), "\(attempt): \(error.message)")
            }
        }
    }

    @Test("a playbook that lost an answered step does not resume; the answers stay exportable")
    func playbookChangedIncompatible() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let old = ServiceFixture.fileService(home: home)
        let id = try old.start(playbookID: "mini", origin: .repl).sessionID
        _ = try old.apply(id, .answer(.text("Acme Corp"), step: "client"))
        _ = try old.apply(id, .answer(.text("Atlas rollout"), step: "project"))

        let changed = ServiceFixture.catalog(ServiceFixture.miniYAML(version: 2, withProject: false))
        let service = ServiceFixture.fileService(home: home, catalog: changed)
        do {
            _ = try service.resume(id)
            Issue.record("resume should have failed")
        } catch {
            #expect(error.kind == .playbookChanged)
            #expect(error.message.contains("'project'"))
            #expect(error.message.contains("coach sessions export"))
        }
        let markdown = try service.export(id, format: .markdown)[0].contents
        #expect(markdown.contains("Atlas rollout"))
        #expect(markdown.contains("Acme Corp"))

        let missing = ServiceFixture.fileService(home: home, catalog: PlaybookCatalog(files: []))
        #expect(throws: ServiceError.self) { try missing.resume(id) }
        #expect(try missing.export(id, format: .text)[0].contents.contains("Atlas rollout"))
    }

    @Test("a store that cannot be opened: a clear message, and sessions go on in memory")
    func storeCannotOpen() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = FileManager.default.createFile(atPath: home + "/file", contents: Data())
        let service = ServiceFixture.fileService(home: home + "/file/coach")
        #expect(!service.isDurable)
        #expect(service.storeProblem?.contains("/file/coach") == true)
        #expect(service.memoryReason?.contains("export") == true)
        let id = try service.start(playbookID: "mini", origin: .repl).sessionID
        #expect(try ServiceFixture.finish(service, id, ServiceFixture.acme).turn.status == .completed)
        #expect(try service.export(id, format: .markdown)[0].contents.contains("Acme Corp"))
    }

    @Test("a corrupt database: a clear message, and sessions go on in memory")
    func corruptDatabase() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: home + "/coach.sqlite"))
        let service = ServiceFixture.fileService(home: home)
        #expect(!service.isDurable)
        #expect(service.storeProblem?.contains("not a valid database") == true)
        _ = try service.start(playbookID: "mini", origin: .repl)
    }

    @Test("a write that fails mid-session switches to memory, keeps the answer and says so once")
    func writeFailureFallsBack() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let service = ServiceFixture.fileService(home: home)
        let id = try service.start(playbookID: "mini", origin: .repl).sessionID
        _ = try service.apply(id, .answer(.text("Acme Corp"), step: "client"))
        // Another process breaks the journal (as an I/O error would): the next save fails.
        try DatabaseQueue(path: home + "/" + CoachStore.databaseFileName).write { db in
            try db.execute(
                sql: "CREATE TRIGGER broken BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'simulated I/O failure'); END")
        }
        let next = try service.apply(id, .answer(.text("Atlas"), step: "project"))
        #expect(!service.isDurable)
        #expect(next.notices.count == 1)
        #expect(next.turn.prompt?.step == "budget")
        let later = try service.apply(id, .answer(.text("$5"), step: "budget"))
        #expect(later.notices.isEmpty)
        #expect(try service.session(id).state.answers["project"]?.display == "Atlas")
        // In memory the session carries on from its state; its transcript goes on from the answer that failed.
        let answers = try service.journal(id).filter { $0.kind == .answer }.map(\.text)
        #expect(answers == ["Atlas", "$5"])
        #expect(try service.export(id, format: .markdown)[0].contents.contains("Acme Corp"))
    }

    @Test("--no-store and COACH_NO_STORE=1 keep everything in memory")
    func noStore() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let flag = SessionService.open(
            home: home, environment: [:], noStore: true, catalog: ServiceFixture.catalog(), today: { ServiceFixture.today })
        let variable = SessionService.open(
            home: home, environment: ["COACH_NO_STORE": "1"], catalog: ServiceFixture.catalog(),
            today: { ServiceFixture.today })
        #expect(!flag.isDurable && !variable.isDurable)
        #expect(flag.storeProblem == nil)
        _ = try flag.start(playbookID: "mini", origin: .repl)
        #expect(!FileManager.default.fileExists(atPath: home + "/coach.sqlite"))
    }

    @Test("a store opened in the background is the same durable store; a broken home falls back to memory")
    func backgroundOpening() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let opening = StoreOpening(home: home, environment: [:], noStore: false, inBackground: true)
        let service = SessionService.open(opening: opening, catalog: ServiceFixture.catalog(), today: { ServiceFixture.today })
        #expect(service.isDurable)
        let id = try service.start(playbookID: "mini", origin: .repl).sessionID
        _ = try service.apply(id, .answer(.text("Acme"), step: "client"))
        let reopened = ServiceFixture.fileService(home: home)
        #expect(try reopened.session(id).state.answers["client"]?.display == "Acme")

        let file = home + "/not-a-folder"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let broken = SessionService.open(
            opening: StoreOpening(home: file, environment: [:], noStore: false, inBackground: true),
            catalog: ServiceFixture.catalog(), today: { ServiceFixture.today })
        #expect(!broken.isDurable)
        #expect(broken.storeProblem != nil)
        _ = try broken.start(playbookID: "mini", origin: .repl)
        let none = StoreOpening(home: home, environment: ["COACH_NO_STORE": "1"], noStore: false, inBackground: true)
        #expect(none.url == nil)
        #expect(none.wait() == nil)
    }

    @Test("list, delete and ids by prefix")
    func listAndDelete() throws {
        let service = try ServiceFixture.memoryService()
        let a = try service.start(playbookID: "mini", origin: .repl).sessionID
        let b = try service.start(playbookID: "mini", origin: .protocol).sessionID
        #expect(Set(try service.list().map(\.id)) == [a, b])
        #expect(service.unfinished().count == 2)
        try service.delete(a)
        #expect(try service.list().map(\.id) == [b])
        #expect(throws: ServiceError.self) { try service.resume(a) }
    }

    @Test("a stored draft shows the same review notes as the finished turn, read back by another process")
    func storedDraftKeepsItsReview() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // Hedged wording the draft review flags.
        let yaml = ServiceFixture.miniYAML().replacingOccurrences(
            of: "The budget for {{client}} is {{budget}}.",
            with: "Hopefully the budget for {{client}} is {{budget}}. You forgot to send it.")
        let catalog = ServiceFixture.catalog(yaml)
        let service = ServiceFixture.fileService(home: home, catalog: catalog)
        let id = try service.start(playbookID: "mini", origin: .repl).sessionID
        let done = try ServiceFixture.finish(service, id, ServiceFixture.acme)
        let outputs = try #require(done.turn.outputs)
        let live = OutputFormatter.text(outputs)
        #expect(live.contains("-- review of this draft"))
        let later = ServiceFixture.fileService(home: home, catalog: catalog)
        let exported = try later.export(id, format: .text)[0].contents
        let expected = live.trimmingCharacters(in: CharacterSet.newlines)
        #expect(exported.contains(expected))
    }

    @Test("exports: eml per email, ics of a dated plan, transcripts")
    func exports() throws {
        let catalog = PlaybookFiles.catalog(extraDirectories: [])
        let store = try CoachStore.inMemory()
        let service = SessionService(
            catalog: catalog, store: store, mode: .database(path: ":memory:"), today: { ServiceFixture.today })
        let path =
            #filePath.replacingOccurrences(of: "CoachShellTests/SessionServiceTests.swift", with: "")
            + "CoachCoreTests/Fixtures/answers/post-escalation-recovery/ongoing-weekends.yaml"
        let sheet = try AnswerSheet.parse(try PlaybookFiles.read(path), path: path).get()
        let run = BatchRun(playbook: catalog.playbook("post-escalation-recovery")!, sheet: sheet, today: ServiceFixture.today)
        #expect(run.succeeded)
        let id = try service.record(run.session, origin: .batch).sessionID
        let emails = try service.export(id, format: .eml, from: "Daniel <daniel@example.com>")
        #expect(emails.count == 2)
        #expect(emails[0].contents.contains("To: zoe.mueller@northwind.example\r\n"))
        #expect(emails[0].contents.contains("From: Daniel <daniel@example.com>\r\n"))
        let ics = try service.export(id, format: .ics)[0].contents
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 8)
        let jsonl = try service.export(id, format: .jsonl)[0].contents
        #expect(jsonl.split(separator: "\n").allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
        #expect(try service.export(id, format: .transcript)[0].contents.hasPrefix("# Transcript: post-escalation-recovery"))
    }
}
