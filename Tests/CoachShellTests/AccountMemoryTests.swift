import CoachCore
import CoachShell
import CoachStore
import Foundation
import Testing

/// Which account a session is for, and what is remembered about it, as the person finally answered.
@Suite("SessionService: account memory follows the answers")
struct AccountMemoryTests {
    /// A playbook whose account step is not called `client`, with a step called `client` that is something else.
    static let customerYAML = """
        format: 1
        id: custom
        title: Custom
        summary: A playbook that names its account step.
        version: 1
        account_step: customer
        steps:
          - id: client
            ask: Which internal client team asked?
          - id: customer
            ask: Which customer?
          - id: budget
            type: money
            ask: What is the budget?
            account: true
        outputs:
          - id: o
            title: O
            kind: note
            body: "{{customer}} {{client}} {{budget}}"
        """

    /// Answers of a session typed wrong at first: `Ac` for the client, corrected by going back.
    static func typoThenFix(_ service: SessionService, _ id: String, back: Event) throws -> SessionUpdate {
        _ = try service.apply(id, .answer(.text("Ac"), step: "client"))
        _ = try service.apply(id, .answer(.text("Atlas"), step: "project"))
        _ = try service.apply(id, back)
        if case .back = back {
            _ = try service.apply(id, .back)
        }
        return try service.apply(id, .answer(.text("Acme Corp"), step: "client"))
    }

    @Test("a client answer corrected with back or goto leaves no ghost account and re-points the session")
    func noGhostAccount() throws {
        for back in [Event.back, Event.goto("client")] {
            let service = try ServiceFixture.memoryService()
            let id = try service.start(playbookID: "mini", origin: .repl).sessionID
            let fixed = try Self.typoThenFix(service, id, back: back)
            #expect(fixed.title == "mini · Acme Corp · Atlas")
            #expect(fixed.notices.contains("This session is now filed under Acme Corp instead of Ac."))
            #expect(try service.list().first?.account == "Acme Corp")
            try ServiceFixture.finish(service, id, ServiceFixture.acme)
            #expect(try service.accounts().map(\.name) == ["Acme Corp"], "after \(back)")
            #expect(Set(try service.account(named: "Acme Corp").facts.map(\.name)) == ["budget", "contact_email"])
            #expect(try service.list().first?.account == "Acme Corp")
        }
    }

    @Test("no account exists before a session completes")
    func noAccountUntilCompleted() throws {
        let service = try ServiceFixture.memoryService()
        let id = try service.start(playbookID: "mini", origin: .repl).sessionID
        _ = try service.apply(id, .answer(.text("Ac"), step: "client"))
        _ = try service.apply(id, .answer(.text("Atlas"), step: "project"))
        _ = try service.apply(id, .answer(.text("$1"), step: "budget"))
        #expect(try service.accounts().isEmpty)
    }

    @Test("correcting the client offers the real account's facts and withdraws the wrong one's")
    func correctionOffersTheRealAccount() throws {
        let clock = TestClock()
        let service = try ServiceFixture.memoryService(clock: clock)
        try ServiceFixture.finish(service, try service.start(playbookID: "mini", origin: .repl).sessionID, ServiceFixture.acme)
        var beta = ServiceFixture.acme
        beta["client"] = "Beta Ltd"
        beta["budget"] = "$5,000"
        try ServiceFixture.finish(service, try service.start(playbookID: "mini", origin: .repl).sessionID, beta)
        clock.now += 3 * 86_400

        let id = try service.start(playbookID: "mini", origin: .repl).sessionID
        let wrong = try service.apply(id, .answer(.text("Beta Ltd"), step: "client"))
        #expect(wrong.notices.contains { $0.contains("remembers 2 answers about Beta Ltd") })
        // The notice names no step ids ("budget", "contact_email"): the questions show their own defaults.
        #expect(!wrong.notices.contains { $0.contains("budget") || $0.contains("_") }, "\(wrong.notices)")
        _ = try service.apply(id, .goto("client"))
        let fixed = try service.apply(id, .answer(.text("acme corp"), step: "client"))
        #expect(fixed.notices.contains { $0.contains("remembers 2 answers about acme corp") })
        let budget = try service.apply(id, .answer(.text("Atlas"), step: "project"))
        #expect(budget.turn.prompt?.default == "$120,000")
        #expect(budget.turn.prompt?.defaultNote == "from 3 days ago")
        let email = try service.apply(id, .answer(.text(""), step: "budget"))
        #expect(email.turn.prompt?.default == "zoe@acme.example")
    }

    @Test("the account's remembered currency is the session's until an amount is answered")
    func rememberedCurrency() throws {
        let service = try ServiceFixture.memoryService()
        var euro = ServiceFixture.acme
        euro["client"] = "Kowalski"
        euro["budget"] = "€120k"
        try ServiceFixture.finish(service, try service.start(playbookID: "mini", origin: .repl).sessionID, euro)

        // Named by the client answer.
        let id = try service.start(playbookID: "mini", origin: .repl).sessionID
        _ = try service.apply(id, .answer(.text("Kowalski"), step: "client"))
        _ = try service.apply(id, .answer(.text("Atlas"), step: "project"))
        _ = try service.apply(id, .answer(.text("36k"), step: "budget"))
        #expect(try service.session(id).state.answers["budget"]?.display == "€36,000")

        // Named when the session starts.
        let started = try service.start(playbookID: "mini", account: "kowalski", origin: .protocol).sessionID
        #expect(try service.session(started).state.currency == "€")

        // Another account has none: the playbook's default again.
        let other = try service.start(playbookID: "mini", origin: .repl).sessionID
        _ = try service.apply(other, .answer(.text("Kowalski"), step: "client"))
        _ = try service.apply(other, .back)
        _ = try service.apply(other, .answer(.text("Nordwind"), step: "client"))
        #expect(try service.session(other).state.currency == nil)
        _ = try service.apply(other, .answer(.text("Atlas"), step: "project"))
        _ = try service.apply(other, .answer(.text("36k"), step: "budget"))
        #expect(try service.session(other).state.answers["budget"]?.display == "$36,000")
    }

    @Test("the playbook's account_step decides the account, whatever the steps are called")
    func accountStepDecides() throws {
        let catalog = PlaybookCatalog(files: [.init(path: "custom.yaml", text: Self.customerYAML, origin: "test")])
        let service = try ServiceFixture.memoryService(catalog: catalog)
        let id = try service.start(playbookID: "custom", origin: .repl).sessionID
        _ = try service.apply(id, .answer(.text("Finance team"), step: "client"))
        _ = try service.apply(id, .answer(.text("Hôtels Beaumont"), step: "customer"))
        let done = try service.apply(id, .answer(.text("€9k"), step: "budget"))
        #expect(done.turn.status == .completed)
        #expect(try service.accounts().map(\.name) == ["Hôtels Beaumont"])
        #expect(try service.list().first?.account == "Hôtels Beaumont")
        #expect(done.title == "custom · Hôtels Beaumont")

        let next = try service.start(playbookID: "custom", account: "hôtels beaumont", origin: .protocol)
        #expect(next.turn.prompt?.step == "client")
        #expect(next.turn.prompt?.default == nil)
        let customer = try service.apply(next.sessionID, .answer(.text("Ops"), step: "client"))
        #expect(customer.turn.prompt?.default == "hôtels beaumont")
    }

    @Test("pre-filled answers are checked once, as their steps check answers")
    func prefillChecked() throws {
        let service = try ServiceFixture.memoryService()
        func refusal(_ prefill: [String: String], account: String? = nil) -> ServiceError? {
            do {
                _ = try service.start(playbookID: "mini", account: account, prefill: prefill, origin: .protocol)
                return nil
            } catch {
                return error
            }
        }
        let money = try #require(refusal(["budget": "lots"]))
        #expect(money.kind == .invalid)
        #expect(money.field == "prefill.budget")
        #expect(money.message.contains("'budget' cannot be pre-filled with 'lots'"))
        let both = try #require(refusal(["contact_email": "nobody", "nope": "x"]))
        #expect(both.field == "prefill.nope")
        #expect(both.message.contains("no question 'nope'") && both.message.contains("'contact_email'"))
        #expect(refusal(["client": "A"])?.field == "prefill.client")
        #expect(refusal([:], account: "A")?.field == "account")
        #expect(try service.list().isEmpty)

        let fine = try service.start(playbookID: "mini", prefill: ["budget": "$9k"], prefillNote: "from a bot", origin: .protocol)
        #expect(fine.turn.prompt?.step == "client")
        // A shell that carries answers over may leave out the ones that do not fit, and says so.
        let carried = try service.start(
            playbookID: "mini", prefill: ["budget": "lots", "project": "Atlas"], dropInvalidPrefill: true, origin: .repl)
        #expect(carried.notices.contains { $0.hasPrefix("Not carried over: 'budget' cannot be pre-filled") })
        #expect(try service.session(carried.sessionID).state.prefill.keys.sorted() == ["project"])
    }

    @Test("merging accounts moves the sessions running in this process too")
    func mergeFollowsLiveSessions() throws {
        let service = try ServiceFixture.memoryService()
        var typo = ServiceFixture.acme
        typo["client"] = "Acme Crop"
        try ServiceFixture.finish(service, try service.start(playbookID: "mini", origin: .repl).sessionID, typo)
        try ServiceFixture.finish(service, try service.start(playbookID: "mini", origin: .repl).sessionID, ServiceFixture.acme)
        let open = try service.start(playbookID: "mini", account: "Acme Crop", origin: .repl).sessionID
        let merge = try service.mergeAccounts("acme crop", into: "Acme Corp")
        #expect(merge.sessions == 2)
        #expect(try service.accounts().map(\.name) == ["Acme Corp"])
        _ = try service.apply(open, .answer(.text("Acme Corp"), step: "client"))
        #expect(try service.list().allSatisfy { $0.account == "Acme Corp" })
    }

    @Test("skipping the account question after a restart files the session under no account")
    func skippedAfterRestart() throws {
        let optional = ServiceFixture.miniYAML().replacingOccurrences(
            of: "    min_length: 2", with: "    min_length: 2\n    required: false")
        let service = try ServiceFixture.memoryService(catalog: ServiceFixture.catalog(optional))
        let id = try service.start(playbookID: "mini", origin: .repl).sessionID
        _ = try service.apply(id, .answer(.text("Acme Corp"), step: "client"))
        _ = try service.apply(id, .answer(.text("Atlas"), step: "project"))
        _ = try service.apply(id, .restart)
        let skipped = try service.apply(id, .skip(step: "client"))
        #expect(skipped.notices.contains("The account question was skipped, so this session is no longer filed under Acme Corp."))
        #expect(try service.list().first?.account == nil)
        let done = try ServiceFixture.finish(service, id, ServiceFixture.acme)
        #expect(done.turn.status == .completed)
        #expect(!done.title.contains("Acme"))
        #expect(try service.accounts().isEmpty)
    }

    @Test("a session merged into another account stays there as it goes on, and every title names that account")
    func mergedSessionStaysMerged() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        var typo = ServiceFixture.acme
        typo["client"] = "Acme Crop"
        let first = ServiceFixture.fileService(home: home)
        try ServiceFixture.finish(first, try first.start(playbookID: "mini", origin: .repl).sessionID, typo)
        try ServiceFixture.finish(first, try first.start(playbookID: "mini", origin: .repl).sessionID, ServiceFixture.acme)
        let open = try first.start(playbookID: "mini", origin: .repl).sessionID
        _ = try first.apply(open, .answer(.text("Acme Crop"), step: "client"))
        _ = try first.apply(open, .answer(.text("Atlas"), step: "project"))
        first.flush()

        let merging = ServiceFixture.fileService(home: home)
        #expect(try merging.mergeAccounts("acme crop", into: "Acme Corp").sessions == 2)
        merging.flush()

        let later = ServiceFixture.fileService(home: home)
        let titles = try later.list().map(\.title)
        #expect(titles.count == 3)
        #expect(titles.allSatisfy { $0.contains("Acme Corp") && !$0.contains("Crop") }, "\(titles)")
        let next = try later.apply(open, .answer(.text("$90,000"), step: "budget"))
        #expect(next.title == "mini · Acme Corp · Atlas")
        #expect(!next.notices.contains { $0.contains("filed under") }, "\(next.notices)")
        try ServiceFixture.finish(later, open, typo)
        #expect(try later.accounts().map(\.name) == ["Acme Corp"])
        #expect(try later.list().allSatisfy { $0.account == "Acme Corp" })
    }

    @Test("a title names the account that replaced another, first line and length kept as titles keep them")
    func retitled() {
        #expect(Account.retitled("mini · Acme Crop · Atlas", naming: "Acme Crop", as: "Acme Corp") == "mini · Acme Corp · Atlas")
        #expect(Account.retitled("mini · acme  crop", naming: "Acme Crop", as: "Acme Corp") == "mini · Acme Corp")
        #expect(Account.retitled("mini · Atlas", naming: "Acme Crop", as: "Acme Corp") == "mini · Atlas")
        let long = String(repeating: "Nortwind ", count: 8)
        let cut = "mini · " + Account.titlePart(long) + " · Atlas"
        #expect(Account.retitled(cut, naming: long, as: "Northwind") == "mini · Northwind · Atlas")
    }
}
