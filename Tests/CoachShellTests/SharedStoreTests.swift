import CoachCore
import CoachShell
import CoachStore
import Foundation
import Testing

/// Two services over one database, as two workers share one store: each request reads the session afresh, and
/// of two changes made against the same version exactly one is kept.
@Suite("Two services sharing one store")
struct SharedStoreTests {
    @Test("an answer on one service is seen by the other at its next request")
    func freshReads() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = ServiceFixture.fileService(home: home)
        let second = ServiceFixture.fileService(home: home)
        let id = try first.start(playbookID: "mini", origin: .protocol).sessionID
        #expect(try second.current(id).turn.prompt?.step == "client")
        _ = try first.apply(id, .answer(.text("Acme Corp"), step: "client"))
        // The second service held the session at its first step: it reads it again and carries on from project.
        let next = try second.apply(id, .answer(.text("Atlas")))
        #expect(next.turn.prompt?.step == "budget")
        #expect(try first.current(id).turn.prompt?.step == "budget")
        #expect(try first.session(id).state.answers["project"]?.display == "Atlas")
    }

    @Test("the same answer sent to both services is applied once; the other is told the step now asked")
    func sameAnswerTwice() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = ServiceFixture.fileService(home: home)
        let second = ServiceFixture.fileService(home: home)
        let id = try first.start(playbookID: "mini", origin: .protocol).sessionID
        _ = try second.current(id)
        _ = try first.apply(id, .answer(.text("Acme Corp"), step: "client"))
        let refusal = #expect(throws: ServiceError.self) {
            try second.apply(id, .answer(.text("Acme Corp"), step: "client"))
        }
        #expect(refusal?.refusal?.kind == .staleStep)
        #expect(refusal?.refusal?.current == "project")
        #expect(try first.journal(id).filter { $0.kind == .answer }.map(\.text) == ["Acme Corp"])
    }

    @Test("two answers made against the same version at once: exactly one is kept, the other refused as stale")
    func raceAtCommit() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = ServiceFixture.fileService(home: home)
        let second = ServiceFixture.fileService(home: home)
        let id = try first.start(playbookID: "mini", origin: .protocol).sessionID
        _ = try second.current(id)
        // The second service's group reads the session, then the first commits an answer before that group does.
        second.beginGroup()
        _ = try second.apply(id, .answer(.text("Bolt Ltd"), step: "client"))
        _ = try first.apply(id, .answer(.text("Acme Corp"), step: "client"))
        #expect(second.endGroup() == nil)
        #expect(second.staleInLastGroup == [id])
        let refusal = try #require(second.staleRefusals()[id]?.refusal)
        #expect(refusal.kind == .staleStep)
        #expect(refusal.current == "project")
        #expect(try second.journal(id).filter { $0.kind == .answer }.map(\.text) == ["Acme Corp"])
        #expect(try second.session(id).state.answers["client"]?.display == "Acme Corp")
    }
}
