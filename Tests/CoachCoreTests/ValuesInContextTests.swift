import Testing

@testable import CoachCore

/// Amounts, dates and times read as the person meant them: in the session's currency, by the step's date rules.
@Suite("Values understood in context")
struct ValuesInContextTests {
    /// A playbook with a budget, an increase, a repeated group of costs with a total, and an email using them.
    static let moneyYAML = """
        id: money-check
        title: Money check
        summary: Amounts in one currency.
        version: 1
        steps:
          - id: budget
            type: money
            ask: What was the original budget?
          - id: increase
            type: money
            ask: By how much does it grow?
          - id: costs
            type: group
            item: cost
            steps:
              - id: amount
                type: money
                ask: How much is it?
          - id: quote
            type: money
            ask: What did the supplier quote, in their currency?
            currency: any
        computed:
          - id: new_total
            value: budget + increase
            format: money
          - id: costs_total
            value: sum(costs, "amount")
            format: money
        outputs:
          - id: email
            title: Email
            kind: email
            subject: Budget
            body: |
              This adds {{increase}} to the original {{budget}}, for a new total of {{new_total}}. Costs: {{costs_total}}.
        """

    static func moneyPlaybook(currency: String? = nil) throws -> Playbook {
        try Fixtures.playbook(currency.map { "currency: \($0)\n" + moneyYAML } ?? moneyYAML)
    }

    @Test("a bare amount after an amount in euros is in euros, in the answer and in the draft")
    func bareAmountTakesTheSessionCurrency() throws {
        var s = Session(playbook: try Self.moneyPlaybook(), today: Fixtures.monday)
        s.say("€120k")
        s.say("36k")
        #expect(s.state.answers["increase"] == .money(Money(cents: 3_600_000, currency: "€")))
        s.say("€42,000")
        s.say("no")
        s.say("$500")
        let body = try #require(s.currentTurn().outputs?.first?.body)
        #expect(body.contains("This adds €36,000 to the original €120,000, for a new total of €156,000."))
        #expect(!body.contains("$36,000"))
    }

    @Test("an amount in another currency than the session's is refused with the reason, and nothing changes")
    func otherCurrencyRefused() throws {
        var s = Session(playbook: try Self.moneyPlaybook(), today: Fixtures.monday)
        s.say("€120k")
        let turn = s.say("$36k")
        let message = try #require(turn.invalid?.message)
        #expect(message.contains("'$36k' is in $"))
        #expect(message.contains("amounts are in €"))
        #expect(message.contains("What was the original budget?"))
        #expect(s.state.answers["increase"] == nil)
        #expect(turn.prompt?.step == "increase")
    }

    @Test("costs in two currencies are never added into one total")
    func groupAmountsKeepOneCurrency() throws {
        var s = Session(playbook: try Self.moneyPlaybook(), today: Fixtures.monday)
        s.say("€120k")
        s.say("0")
        s.say("€42,000")
        s.say("yes")
        #expect(s.say("$18,000").invalid?.message.contains("amounts are in €") == true)
        s.say("18k")
        s.say("no")
        s.say("900")
        let body = try #require(s.currentTurn().outputs?.first?.body)
        #expect(body.contains("Costs: €60,000."))
    }

    @Test("a refusal that points at an amount in a repeated group names its item, not only the shared question")
    func refusalNamesTheGroupItem() throws {
        let yaml = """
            id: costs-only
            title: Costs only
            summary: Costs in a group.
            version: 1
            steps:
              - id: costs
                type: group
                item: cost line
                steps:
                  - id: amount
                    type: money
                    ask: How much is it?
            outputs:
              - id: note
                title: Note
                kind: note
                body: "{{#costs}}{{amount}} {{/costs}}"
            """
        var s = Session(playbook: try Fixtures.playbook(yaml), today: Fixtures.monday)
        s.say("€42,000")
        s.say("yes")
        let message = try #require(s.say("$18,000").invalid?.message)
        #expect(message.contains("(as in “Cost line 1: How much is it?”)"), "\(message)")
    }

    @Test("a code and a symbol of one currency agree: EUR 900 in a euro session is kept as €900")
    func codesAndSymbolsAgree() throws {
        var s = Session(playbook: try Self.moneyPlaybook(), today: Fixtures.monday)
        s.say("€120k")
        #expect(s.say("900 eur").invalid == nil)
        #expect(s.state.answers["increase"] == .money(Money(cents: 90_000, currency: "€")))
    }

    @Test("before any amount, a bare one takes the account's remembered currency, else the playbook's")
    func bareFirstAmount() throws {
        var account = Session(playbook: try Self.moneyPlaybook(currency: "$"), today: Fixtures.monday, currency: "€")
        account.say("1200000")
        #expect(account.state.answers["budget"]?.display == "€1,200,000")
        var declared = Session(playbook: try Self.moneyPlaybook(currency: "€"), today: Fixtures.monday)
        declared.say("1200000")
        #expect(declared.state.answers["budget"]?.display == "€1,200,000")
        var plain = Session(playbook: try Self.moneyPlaybook(), today: Fixtures.monday)
        plain.say("1200000")
        #expect(plain.state.answers["budget"]?.display == "$1,200,000")
    }

    @Test("the first amount's own symbol wins over the account's currency, and then holds for the session")
    func firstAnswerSettles() throws {
        var s = Session(playbook: try Self.moneyPlaybook(), today: Fixtures.monday, currency: "€")
        s.say("£80,000")
        s.say("5k")
        #expect(s.state.answers["increase"]?.display == "£5,000")
        #expect(s.say("€3k").invalid != nil)
    }

    @Test("a step that takes its own currency accepts another one, and a bare amount there takes the session's")
    func ownCurrencyStep() throws {
        var s = Session(playbook: try Self.moneyPlaybook(), today: Fixtures.monday)
        s.say("€120k")
        s.say("0")
        s.say("1k")
        s.say("no")
        #expect(s.say("$500").invalid == nil)
        #expect(s.state.answers["quote"]?.display == "$500")
        _ = s.handle(.back)
        s.say("700")
        #expect(s.state.answers["quote"]?.display == "€700")
    }

    @Test("changing the first amount's currency is refused while later amounts are in the old one")
    func revisitFirstAmount() throws {
        var s = Session(playbook: try Self.moneyPlaybook(), today: Fixtures.monday)
        s.say("€120k")
        s.say("36k")
        _ = s.handle(.goto("budget"))
        #expect(s.say("$120k").invalid?.message.contains("By how much does it grow?") == true)
        #expect(s.say("130k").invalid == nil)
        #expect(s.state.answers["budget"]?.display == "€130,000")
    }

    @Test("the prompt's examples are shown in the session's currency")
    func examplesInSessionCurrency() throws {
        let yaml = Self.moneyYAML.replacingOccurrences(
            of: "ask: By how much does it grow?", with: "ask: By how much does it grow?\n    examples: [\"$24,000\", \"7.5k\"]")
        var s = Session(playbook: try Fixtures.playbook(yaml), today: Fixtures.monday)
        s.say("€120k")
        #expect(s.currentTurn().prompt?.examples == ["€24,000", "7.5k"])
    }

    @Test("a currency Coach does not know is a lint error with its place", arguments: ["euro", "any"])
    func badCurrencyIsLinted(currency: String) {
        let (playbook, diagnostics) = PlaybookLoader.load(yaml: "currency: \(currency)\n" + Self.moneyYAML, path: "x.yaml")
        #expect(playbook == nil)
        #expect(diagnostics.contains { $0.line == 1 && $0.message.contains("the currency '\(currency)'") })
    }

    // MARK: - Dates

    /// Monday 7 December 2026.
    static let today = Day(year: 2026, month: 12, day: 7)!

    static func date(
        _ text: String, _ configure: (inout StepDefinition) -> Void = { _ in }, after: Day? = nil
    ) -> Result<Value, AnswerParser.Reason> {
        var step = StepDefinition(id: "d", location: SourceLocation(line: 1, column: 1))
        step.kind = .date
        configure(&step)
        let context = AnswerContext(today: today, after: after.map { ($0, "When is the meeting?") })
        return AnswerParser.parse(.text(text), for: Step(step), context: context)
    }

    @Test(
        "next <weekday> is the one in the following week, this <weekday> the coming one",
        arguments: [
            ("next thursday", "Thursday 17 December 2026"), ("this thursday", "Thursday 10 December 2026"),
            ("thursday", "Thursday 10 December 2026"), ("next monday", "Monday 14 December 2026"),
            ("this monday", "Monday 7 December 2026"), ("Next  Sunday", "Sunday 20 December 2026"),
            ("next week", "Monday 14 December 2026"),
        ])
    func thisAndNext(text: String, expected: String) throws {
        #expect(try Self.date(text).get().display == expected)
    }

    @Test("future: true refuses a past date with the reason")
    func futureRule() throws {
        guard case .failure(let reason) = Self.date("2026-11-23", { $0.future = true }) else { return fail("accepted") }
        #expect(reason.message == "Monday 23 November 2026 is in the past; pick today (Mon 7 Dec) or a later day.")
        #expect(try Self.date("today", { $0.future = true }).get() == .date(Self.today))
        #expect(try Self.date("2026-11-23").get() == .date(Day(year: 2026, month: 11, day: 23)!))
    }

    @Test("after: refuses a deadline on or before the meeting, naming the meeting's question")
    func afterRule() throws {
        let meeting = Day(year: 2026, month: 12, day: 10)!
        guard case .failure(let before) = Self.date("2026-12-09", after: meeting) else { return fail("accepted") }
        #expect(before.message.contains("Pick a day after Thursday 10 December 2026, your answer to “When is the meeting?”"))
        guard case .failure(let same) = Self.date("thursday", after: meeting) else { return fail("accepted") }
        #expect(same.message.contains("this is the same day"))
        #expect(try Self.date("friday", after: meeting).get() == .date(meeting.adding(days: 1)))
    }

    @Test("weekdays: true refuses a Saturday and offers the Monday after")
    func weekdaysRule() throws {
        guard case .failure(let r) = Self.date("saturday", { $0.weekdays = true }) else { return fail("accepted") }
        #expect(r.message == "Saturday 12 December 2026 is a weekend day; pick a weekday, such as Monday 14 December 2026.")
    }

    @Test(
        "a near-miss word gets a did-you-mean",
        arguments: [("thursdayy", "thursday"), ("next fridya", "next friday"), ("tomorow", "tomorrow"), ("tody", "today")])
    func didYouMean(text: String, meant: String) {
        guard case .failure(let r) = Self.date(text) else { return fail("accepted \(text)") }
        #expect(r.message == "'\(text)' is not a date: did you mean '\(meant)'?")
    }

    @Test("the hint for a date that does not read shows a date worked out from today, never a fixed past one")
    func hintFromToday() {
        guard case .failure(let r) = Self.date("soonish", { $0.weekdays = true }) else { return fail("accepted") }
        #expect(r.message.hasPrefix("'soonish' is not a date: type 2026-12-14, today"))
    }

    @Test("examples a date step would now refuse are replaced by one worked out from today")
    func examplesFromToday() throws {
        let playbook = try Fixtures.playbook(
            """
            id: dated
            title: Dated
            summary: A date with rules.
            version: 1
            steps:
              - id: meeting
                type: date
                ask: When is the meeting?
                examples: ["2026-11-24", "thursday", "2026-11-26"]
                future: true
                weekdays: true
              - id: decision_by
                type: date
                ask: By when do you need the decision?
                examples: ["2026-12-04", "+1w"]
                after: meeting
            outputs:
              - id: note
                title: Note
                kind: note
                body: "{{meeting}} {{decision_by}}"
            """)
        var s = Session(playbook: playbook, today: Self.today)
        #expect(s.currentTurn().prompt?.examples == ["2026-12-14", "thursday"])
        s.say("next friday")
        #expect(s.currentTurn().prompt?.examples == ["2026-12-20"])
        #expect(s.say("thursday").invalid?.message.contains("your answer to “When is the meeting?”") == true)
        #expect(s.say("2026-12-21").invalid == nil)
    }

    @Test("after: must name an earlier date step", arguments: ["meting", "later", "topic"])
    func afterIsLinted(target: String) {
        let yaml = """
            id: dated
            title: Dated
            summary: A date with rules.
            version: 1
            steps:
              - id: topic
                ask: What about?
              - id: meeting
                type: date
                ask: When is the meeting?
                after: \(target)
              - id: later
                type: date
                ask: And then?
            outputs:
              - id: note
                title: Note
                kind: note
                body: "{{topic}} {{meeting}} {{later}}"
            """
        let (playbook, diagnostics) = PlaybookLoader.load(yaml: yaml, path: "x.yaml")
        #expect(playbook == nil)
        #expect(diagnostics.contains { $0.line == 11 && $0.message.contains("'after: \(target)'") })
    }

    // MARK: - Times

    @Test(
        "times read as people type them",
        arguments: [
            ("2pm", "14:00"), ("2 pm", "14:00"), ("2:30 pm", "14:30"), ("2:30PM", "14:30"), ("14.30", "14:30"),
            ("14:30", "14:30"), ("noon", "12:00"), ("12am", "00:00"), ("12pm", "12:00"), ("9.15 a.m.", "09:15"),
            ("14:30 CET", "14:30 CET"), ("2pm cet", "14:00 CET"), ("10:00 UTC+1", "10:00 UTC+1"), ("midnight", "00:00"),
        ])
    func times(text: String, expected: String) {
        #expect((try? AnswerParser.parseTime(text).get()) == expected)
    }

    @Test("not a time: refused with forms that work", arguments: ["25:00", "13pm", "2:7", "later", "14", "2:30 pm pm"])
    func badTimes(text: String) {
        guard case .failure(let r) = AnswerParser.parseTime(text) else { return fail("accepted \(text)") }
        #expect(r.message.contains("is not a time"))
    }

    @Test("the shipped reset email takes 2pm for a call time")
    func shippedCallTime() throws {
        let playbook = try Fixtures.load(Fixtures.repository.appendingPathComponent("playbooks/stakeholder-reset.yaml"))
        let step = try #require(playbook.step("call_time_1"))
        #expect(try AnswerParser.parse(.text("2pm"), for: step, today: Self.today).get() == .text("14:00"))
    }

    // MARK: - Echo

    @Test("an accepted answer that reads differently from what was typed is shown back; one typed as kept is not")
    func echo() throws {
        let yaml = """
            id: echo
            title: Echo
            summary: Answers shown back.
            version: 1
            steps:
              - id: client
                ask: Which client?
              - id: budget
                type: money
                ask: What was the original budget?
              - id: increase
                type: money
                ask: By how much does it grow?
              - id: call_day
                type: date
                ask: Which day?
              - id: call_time
                type: time
                ask: What time?
              - id: milestones
                type: list
                ask: Which milestones are done?
            outputs:
              - id: note
                title: Note
                kind: note
                body: "{{client}} {{budget}} {{increase}} {{call_day}} {{call_time}} {{milestones}}"
            """
        var s = Session(playbook: try Fixtures.playbook(yaml), today: Self.today)
        #expect(s.say("Acme").accepted == nil)
        #expect(s.say("€120,000").accepted == nil)
        #expect(s.say("36k").accepted == Accepted(step: "increase", display: "€36,000"))
        #expect(s.say("next thursday").accepted == Accepted(step: "call_day", display: "Thu 17 Dec 2026"))
        #expect(s.say("2pm").accepted == Accepted(step: "call_time", display: "14:00"))
        #expect(s.say("Discovery\nPilot\nRoll-out").accepted == Accepted(step: "milestones", display: "3 items"))
        #expect(s.currentTurn().accepted == nil)
    }
}
