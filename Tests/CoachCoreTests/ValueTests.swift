import Testing

@testable import CoachCore

@Suite("Typed answers")
struct ValueTests {
    func step(_ kind: InputKind, _ configure: (inout StepDefinition) -> Void = { _ in }) -> Step {
        var s = StepDefinition(id: "x", location: SourceLocation(line: 1, column: 1))
        s.kind = kind
        s.ask = "?"
        configure(&s)
        return Step(s)
    }

    func parse(_ text: String, _ step: Step) -> Result<Value, AnswerParser.Reason> {
        AnswerParser.parse(.text(text), for: step, today: Fixtures.monday)
    }

    @Test(
        "money keeps its currency and renders with separators",
        arguments: [
            ("$12,000", "$12,000"), ("12k", "$12,000"), ("12.5K", "$12,500"), ("€3,200.50", "€3,200.50"),
            ("1.2m", "$1,200,000"), ("£900", "£900"), ("USD 1500", "USD 1,500"), ("2,500 EUR", "EUR 2,500"),
            ("  7 ", "$7"),
        ])
    func money(input: String, expected: String) throws {
        let value = try parse(input, step(.money)).get()
        #expect(value.display == expected)
    }

    @Test("bad money is refused with a reason that shows good forms", arguments: ["twelve", "12,00", "$", "1.2.3"])
    func badMoney(input: String) {
        guard case .failure(let reason) = parse(input, step(.money)) else {
            Issue.record("accepted \(input)")
            return
        }
        #expect(reason.message.contains("12k"))
    }

    @Test(
        "dates: ISO, today, tomorrow, +Nd, weekday names",
        arguments: [
            ("2026-11-23", "Monday 23 November 2026"), ("today", "Monday 23 November 2026"),
            ("tomorrow", "Tuesday 24 November 2026"), ("+3d", "Thursday 26 November 2026"),
            ("+2w", "Monday 7 December 2026"), ("friday", "Friday 27 November 2026"),
            ("Monday", "Monday 30 November 2026"), ("next wed", "Wednesday 2 December 2026"),
            ("2024-02-29", "Thursday 29 February 2024"),
        ])
    func dates(input: String, expected: String) throws {
        #expect(try parse(input, step(.date)).get().display == expected)
    }

    @Test("impossible dates are refused", arguments: ["2026-02-30", "soonish", "2026-13-01"])
    func badDates(input: String) {
        #expect((try? parse(input, step(.date)).get()) == nil)
    }

    @Test("choices by number, value, label or unique prefix")
    func choices() throws {
        let s = step(.choice) {
            $0.choices = [
                Choice(value: "discount", label: "A discount"), Choice(value: "free_scope", label: "Extra scope for free"),
                Choice(value: "corner", label: "Cutting a corner"),
            ]
        }
        #expect(try parse("2", s).get() == .choice(value: "free_scope", label: "Extra scope for free"))
        #expect(try parse("DISCOUNT", s).get() == .choice(value: "discount", label: "A discount"))
        #expect(try parse("extra", s).get() == .choice(value: "free_scope", label: "Extra scope for free"))
        #expect(try parse("cut", s).get() == .choice(value: "corner", label: "Cutting a corner"))
        guard case .failure(let r) = parse("4", s) else { return fail("accepted 4") }
        #expect(r.message == "Pick a number from 1 to 3.")
        let ambiguous = step(.choice) {
            $0.choices = [Choice(value: "medium", label: "medium"), Choice(value: "minimal", label: "minimal")]
        }
        guard case .failure(let r2) = parse("m", ambiguous) else { return fail("accepted m") }
        #expect(r2.message.contains("could be medium and minimal"))
    }

    @Test("multiple choice, yes/no, number, percent, email and lists")
    func otherKinds() throws {
        let multi = step(.multichoice) { $0.choices = ["email", "phone", "visit"].map { Choice(value: $0, label: $0) } }
        #expect(try parse("1, visit", multi).get() == .list(["email", "visit"]))
        #expect(try parse("y", step(.yesno)).get() == .bool(true))
        #expect(try parse("No", step(.yesno)).get() == .bool(false))
        #expect((try? parse("maybe", step(.yesno)).get()) == nil)
        #expect(try parse("1,200", step(.number)).get() == .number(1200))
        let bounded = step(.number) {
            $0.min = 1
            $0.max = 5
        }
        guard case .failure(let r) = parse("7", bounded) else { return fail("accepted 7") }
        #expect(r.message == "Give a value from 1 to 5.")
        #expect(try parse("12.5 %", step(.percent)).get().display == "12.5%")
        #expect(try parse("zoe.muller@acme.example", step(.email)).get() == .text("zoe.muller@acme.example"))
        #expect((try? parse("zoe at acme", step(.email)).get()) == nil)
        #expect(try parse("Zoë Müller; José Álvarez; 北京 office", step(.list)).get() == .list(["Zoë Müller", "José Álvarez", "北京 office"]))
        // A list splits on ; and line breaks only: a comma is part of an item ("name, role").
        #expect(try parse("Zoë Müller, CFO", step(.list)).get() == .list(["Zoë Müller, CFO"]))
        #expect(try parse("Ana Ruiz, COO", step(.list)).get() == .list(["Ana Ruiz, COO"]))
        #expect(try parse("Ana Ruiz, COO; Zoë Müller, CFO", step(.list)).get() == .list(["Ana Ruiz, COO", "Zoë Müller, CFO"]))
        #expect(try parse("Ana Ruiz, COO\nZoë Müller, CFO", step(.list)).get() == .list(["Ana Ruiz, COO", "Zoë Müller, CFO"]))
    }

    @Test("text limits and patterns give one-line reasons")
    func textLimits() {
        let s = step(.text) {
            $0.maxLength = 5
        }
        guard case .failure(let r) = parse("far too long", s) else { return fail("accepted") }
        #expect(r.message == "That is 12 characters; keep it to 5 or fewer.")
        let short = step(.text) { $0.minLength = 2 }
        guard case .failure(let one) = parse("y", short) else { return fail("accepted") }
        #expect(one.message == "That is 1 character; give at least 2.")
        let p = step(.text) {
            $0.pattern = "[A-Z]{3}-[0-9]+"
            $0.patternHint = "Use the account code, like ACM-12."
        }
        #expect((try? parse("ACM-12", p).get()) == .text("ACM-12"))
        guard case .failure(let r2) = parse("acm12", p) else { return fail("accepted") }
        #expect(r2.message == "Use the account code, like ACM-12.")
    }

    @Test("control characters in answers become visible symbols")
    func sanitize() throws {
        let value = try parse("Acme\u{1B}[2J\u{7}Co", step(.text)).get()
        #expect(value == .text("Acme\u{241B}[2J\u{2407}Co"))
        #expect(!value.display.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("weekdays and ordinals agree with the calendar")
    func calendar() {
        let d = Day(year: 1970, month: 1, day: 1)!
        #expect(d.ordinal == 0)
        #expect(d.weekday == "Thursday")
        #expect(Fixtures.monday.weekday == "Monday")
        let leap = Day(year: 2000, month: 2, day: 29)!
        #expect(leap.components == (2000, 2, 29))
        #expect(Day(year: 2100, month: 2, day: 29) == nil)
        #expect(Day.parseISO("2026-11-23")?.short == "Mon 23 Nov")
    }
}
