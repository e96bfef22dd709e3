import CoachCore
import CoachShell
import CoachStore
import Foundation
import Testing

/// `Fixtures/coach-v2.sqlite` was written by the Coach before the journal held events (schema v2), with the
/// `mini` playbook of ``ServiceFixture`` on 2026-03-02: s-bdmjme asking at `budget` (a refused answer, a `back`
/// and a changed project in its journal), s-pfq2wb completed with its draft, s-h64dxg cancelled.
@Suite("A schema v2 database is carried forward, its sessions resumable")
struct UpgradeTests {
    /// A home folder holding a copy of the fixture.
    static func upgradedHome() throws -> String {
        let fixture = try #require(Bundle.module.path(forResource: "coach-v2", ofType: "sqlite", inDirectory: "Fixtures"))
        let home = ServiceFixture.temporaryHome()
        try FileManager.default.copyItem(atPath: fixture, toPath: home + "/" + CoachStore.databaseFileName)
        return home
    }

    @Test("the listing, transcript and exports read as before")
    func readsAsBefore() throws {
        let home = try Self.upgradedHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let service = ServiceFixture.fileService(home: home)
        #expect(service.isDurable)
        #expect(try CoachStore.open(home: home).schemaVersion() == "v4")
        let listed = try service.list()
        #expect(Set(listed.map(\.id)) == ["s-bdmjme", "s-pfq2wb", "s-h64dxg"])
        #expect(listed.first { $0.id == "s-bdmjme" }?.currentStep == "budget")
        #expect(try service.list(status: .completed).map(\.id) == ["s-pfq2wb"])

        let lines = try service.transcript("s-bdmjme").map { "\($0.kind):\($0.text)" }
        #expect(lines.contains("invalid:A (That is 1 characters; give at least 2.)"))
        #expect(lines.contains("command:back"))
        #expect(lines.last == "prompt:What is the budget?")

        let markdown = try service.export("s-pfq2wb", format: .markdown)[0].contents
        #expect(markdown.contains("Bolt Ltd"))
        #expect(markdown.contains("$45,000"))
        #expect(try service.drafts("s-pfq2wb").map(\.version) == [1])
    }

    @Test("an unfinished session resumes where it stopped and finishes; a later process resumes it from its journal")
    func resumesAndFinishes() throws {
        let home = try Self.upgradedHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let service = ServiceFixture.fileService(home: home)
        let resumed = try service.resume("bdm")
        #expect(resumed.turn.prompt?.step == "budget")
        let state = try service.session("s-bdmjme").state
        #expect(state.answers["client"]?.display == "Acme Corp")
        #expect(state.answers["project"]?.display == "Atlas phase 2")
        _ = try service.apply("s-bdmjme", .answer(.text("$120,000"), step: "budget"))

        // Another process, before and after the session completes: the snapshot of v2 plus the events after it.
        let other = ServiceFixture.fileService(home: home)
        #expect(try other.resume("s-bdmjme").turn.prompt?.step == "contact_email")
        #expect(try other.session("s-bdmjme").state.answers["budget"]?.display == "$120,000")
        let done = try other.apply("s-bdmjme", .answer(.text("zoe@acme.example"), step: "contact_email"))
        #expect(done.turn.status == .completed)
        #expect(done.turn.outputs?.first?.body.contains("The budget for Acme Corp is $120,000.") == true)
        let third = ServiceFixture.fileService(home: home)
        #expect(try third.resume("s-bdmjme").turn.status == .completed)
        #expect(try third.list(status: .completed).count == 2)
    }

    @Test("a cancelled session stays cancelled")
    func cancelledStaysCancelled() throws {
        let home = try Self.upgradedHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let service = ServiceFixture.fileService(home: home)
        #expect(try service.resume("s-h64dxg").turn.status == .cancelled)
        #expect(throws: ServiceError.self) { try service.apply("s-h64dxg", .answer(.text("Beacon"), step: "project")) }
    }
}
