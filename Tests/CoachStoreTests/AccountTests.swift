import Foundation
import Testing

@testable import CoachStore

@Suite struct AccountTests {
    @Test func namesAreMatchedByTheirNormalizedKey() throws {
        let store = try CoachStore.inMemory()
        let created = try store.upsertAccount(name: "  Acme   Corp ")
        #expect(created.key == "acme corp")
        #expect(created.name == "Acme Corp")
        let again = try store.upsertAccount(name: "ACME CORP")
        #expect(again == created)
        #expect(try store.findAccount(name: "acme\tcorp") == created)
        #expect(try store.findAccount(name: "Acme") == nil)
        #expect(Account.key(for: " Été  Ltd ") == "été ltd")
        #expect(storeError { try store.upsertAccount(name: "   ") }?.kind == .invalid)
    }

    @Test func factsCarryTheirSessionAndTime() throws {
        let clock = TickingClock()
        let store = try CoachStore.inMemory(clock: clock.function)
        let session = try store.makeSession()
        let account = try store.saveFacts(
            account: "Acme",
            facts: [
                Fact(name: "budget", value: Data("120000".utf8), display: "$120k"),
                Fact(name: "renewal", value: Data(#""2027-03-01""#.utf8), display: "1 March 2027"),
            ],
            sessionID: session)
        #expect(account.name == "Acme")
        #expect(account.updatedAt == clock.start + 2)
        var facts = try store.facts(account: "acme")
        #expect(facts.map(\.name) == ["budget", "renewal"])
        #expect(facts[0].value == Data("120000".utf8))
        #expect(facts[0].display == "$120k")
        #expect(facts.allSatisfy { $0.sessionID == session && $0.givenAt == clock.start + 2 })

        // A later answer replaces the value and its provenance; other facts stay.
        let later = try store.makeSession()
        try store.saveFacts(
            account: "ACME", facts: [Fact(name: "budget", value: Data("90000".utf8), display: "$90k")],
            sessionID: later)
        facts = try store.facts(account: "Acme")
        #expect(facts.map(\.display) == ["$90k", "1 March 2027"])
        #expect(facts[0].sessionID == later)
        #expect(facts[0].givenAt == clock.start + 4)
        #expect(facts[1].sessionID == session)

        // Facts may come without a session, or with their own provenance.
        try store.saveFacts(
            account: "Acme",
            facts: [
                Fact(name: "owner", value: Data(#""Ann""#.utf8), display: "Ann"),
                Fact(name: "region", value: Data(#""EU""#.utf8), display: "EU", sessionID: session, givenAt: 7),
            ],
            sessionID: nil)
        facts = try store.facts(account: "Acme")
        #expect(facts.first { $0.name == "owner" }?.sessionID == nil)
        #expect(facts.first { $0.name == "region" }.map { ($0.sessionID, $0.givenAt) }! == (session, 7))
        #expect(try store.facts(account: "Unknown").isEmpty)
    }

    @Test func factsNeedAnExistingSessionAndANonEmptyName() throws {
        let store = try CoachStore.inMemory()
        let fact = Fact(name: "budget", value: Data("1".utf8), display: "1")
        #expect(
            storeError { try store.saveFacts(account: "Acme", facts: [fact], sessionID: "s-gone") }?.kind
                == .notFound)
        #expect(try store.findAccount(name: "Acme") == nil)
        let unnamed = Fact(name: "", value: Data("1".utf8), display: "1")
        #expect(storeError { try store.saveFacts(account: "Acme", facts: [unnamed], sessionID: nil) }?.kind == .invalid)
    }

    @Test func listRenameAndForget() throws {
        let store = try CoachStore.inMemory()
        try store.upsertAccount(name: "Zeta")
        try store.saveFacts(
            account: "acme", facts: [Fact(name: "budget", value: Data("1".utf8), display: "1")], sessionID: nil)
        try store.upsertAccount(name: "Beta")
        #expect(try store.listAccounts().map(\.name) == ["acme", "Beta", "Zeta"])

        let renamed = try store.renameAccount(from: "ACME", to: "Acme Corporation")
        #expect(renamed.key == "acme corporation")
        #expect(try store.facts(account: "acme corporation").map(\.name) == ["budget"])
        #expect(try store.findAccount(name: "acme") == nil)
        #expect(try store.renameAccount(from: "acme corporation", to: "ACME Corporation").name == "ACME Corporation")

        let taken = storeError { try store.renameAccount(from: "Beta", to: " zeta ") }
        #expect(taken?.kind == .conflict)
        #expect(taken?.message.contains("Zeta") == true)
        #expect(storeError { try store.renameAccount(from: "Nobody", to: "X") }?.kind == .notFound)
        #expect(storeError { try store.renameAccount(from: "Beta", to: "") }?.kind == .invalid)

        try store.forgetAccount("acme corporation")
        #expect(try store.findAccount(name: "ACME Corporation") == nil)
        #expect(try store.facts(account: "ACME Corporation").isEmpty)
        #expect(try store.listAccounts().map(\.name) == ["Beta", "Zeta"])
        #expect(storeError { try store.forgetAccount("acme corporation") }?.kind == .notFound)
        let count = try store.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM account_facts") }
        #expect(count == 0)
    }

    @Test func mergeMovesSessionsAndFactsAndTheNewerFactWins() throws {
        let clock = TickingClock()
        let store = try CoachStore.inMemory(clock: clock.function)
        func fact(_ name: String, _ display: String) -> Fact {
            Fact(name: name, value: Data("\"\(display)\"".utf8), display: display)
        }
        let old = try store.createSession(
            playbookID: "qbr", playbookVersion: 1, title: "qbr · Acme", account: "Acme", currentStep: nil, total: 1,
            state: sampleState, answers: sampleAnswers, origin: .repl)
        let typo = try store.createSession(
            playbookID: "qbr", playbookVersion: 1, title: "qbr · ACME corp", account: "ACME  corp", currentStep: nil,
            total: 1, state: sampleState, answers: sampleAnswers, origin: .repl)
        let other = try store.createSession(
            playbookID: "qbr", playbookVersion: 1, title: "qbr · Beta", account: "Beta", currentStep: nil, total: 1,
            state: sampleState, answers: sampleAnswers, origin: .repl)
        try store.saveFacts(account: "Acme", facts: [fact("budget", "$90k"), fact("contact", "Ann")], sessionID: old)
        try store.saveFacts(
            account: "Acme Corp", facts: [fact("budget", "$120k"), fact("contact", "Ann"), fact("region", "EU")],
            sessionID: typo)
        try store.saveFacts(account: "Acme", facts: [fact("owner", "Bo")], sessionID: old)

        let merge = try store.mergeAccounts(from: "acme corp", into: "ACME")
        #expect(merge.from.name == "Acme Corp")
        #expect(merge.into.name == "Acme")
        #expect(merge.sessions == 1)
        // budget: the merged-away value is newer and wins; owner (given later in Acme) is not touched.
        #expect(merge.conflicts == [.init(fact: "budget", kept: "$120k", dropped: "$90k", keptFromMerged: true)])
        #expect(try store.facts(account: "Acme").map(\.display) == ["$120k", "Ann", "Bo", "EU"])
        #expect(try store.facts(account: "Acme").first { $0.name == "region" }?.sessionID == typo)
        #expect(try store.findAccount(name: "Acme Corp") == nil)
        #expect(try store.listAccounts().map(\.name) == ["Acme"])
        let listed = Dictionary(uniqueKeysWithValues: try store.listSessions().map { ($0.id, $0.account) })
        #expect(listed[typo] == "Acme")
        #expect(listed[old] == "Acme")
        #expect(listed[other] == "Beta")

        // The older value loses: merging an account whose budget is older keeps the newer one.
        try store.saveFacts(account: "Stale", facts: [fact("budget", "$1")], sessionID: nil)
        try store.saveFacts(account: "Acme", facts: [fact("budget", "$2")], sessionID: nil)
        let second = try store.mergeAccounts(from: "Stale", into: "Acme")
        #expect(second.conflicts == [.init(fact: "budget", kept: "$2", dropped: "$1", keptFromMerged: false)])
        #expect(second.factsMoved == 0)
        #expect(try store.facts(account: "Acme").first { $0.name == "budget" }?.display == "$2")
    }

    @Test func mergeRefusesUnknownAndIdenticalAccounts() throws {
        let store = try CoachStore.inMemory()
        try store.upsertAccount(name: "Acme")
        #expect(storeError { try store.mergeAccounts(from: "Nobody", into: "Acme") }?.kind == .notFound)
        #expect(storeError { try store.mergeAccounts(from: "Acme", into: "Nobody") }?.message.contains("Nobody") == true)
        #expect(storeError { try store.mergeAccounts(from: "acme", into: " ACME ") }?.kind == .invalid)
        #expect(try store.listAccounts().map(\.name) == ["Acme"])
    }

    @Test func renamingAnAccountRenamesItInItsSessions() throws {
        let store = try CoachStore.inMemory()
        let id = try store.createSession(
            playbookID: "qbr", playbookVersion: 1, title: "t", account: "acme", currentStep: nil, total: 1,
            state: sampleState, answers: sampleAnswers, origin: .repl)
        try store.upsertAccount(name: "Acme")
        try store.renameAccount(from: "Acme", to: "Acme Logistics")
        #expect(try store.listSessions().first { $0.id == id }?.account == "Acme Logistics")
    }
}
