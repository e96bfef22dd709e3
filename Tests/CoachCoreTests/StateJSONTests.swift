import CoachTestSupport
import Foundation
import Testing

@testable import CoachCore

@Suite("Session state JSON")
struct StateJSONTests {
    @Test(
        "states from random walks read back as they were written", arguments: try Fixtures.allPlaybookIDs())
    func roundTrip(id: String) throws {
        let playbook = try #require(try Fixtures.allPlaybooks().first { $0.id == id })
        for seed in 1...6 {
            var rng = SplitMix(seed: UInt64(seed) &* 104_729)
            var session = Session(
                playbook: playbook, today: Fixtures.monday,
                prefill: ["client": .init(text: "Zoë \"Q\" \\ Müller\n北京", note: seed.isMultiple(of: 2) ? "from 3 days ago" : nil)])
            var steps = 0
            while let prompt = session.currentTurn().prompt, steps < 400 {
                steps += 1
                if Int.random(in: 0..<10, using: &rng) == 0 { _ = session.handle(.back) }
                for candidate in PropertyTests.candidates(for: prompt, rng: &rng) {
                    if case .success(let t) = session.handle(.answer(.text(candidate), step: session.currentTurn().prompt?.step)),
                        t.invalid == nil
                    {
                        break
                    }
                }
                let fast = try SessionState(jsonBytes: session.state.jsonBytes)
                #expect(fast == session.state, "seed \(seed) step \(steps)")
            }
            let answers = session.answeredSteps().map {
                SessionExport.Answer(step: $0.key.description, question: $0.question, answer: $0.answer)
            }
            let decoded = try [SessionExport.Answer](jsonBytes: answers.jsonBytes)
            #expect(decoded == answers)
        }
    }

    @Test("every kind of value survives the encoding")
    func everyValue() throws {
        var state = SessionState(playbook: try Fixtures.example(), today: Fixtures.monday)
        let values: [Value] = [
            .text("a\u{1}b\t\"c\"\\"), .number(12.5), .number(-3), .number(1e20), .percent(15), .date(Fixtures.monday),
            .bool(true), .bool(false), .choice(value: "v", label: "L"), .list(["x", "y"]),
            .items([["a": .text("1"), "b": .money(Money(cents: 1_250_050, currency: "€"))]]),
            .plan([PlanDay(day: 1, on: Fixtures.monday, title: "Assess", actions: ["Read", "Call"])]), .seen,
            .money(Money(cents: -5, currency: "USD")),
        ]
        for (i, v) in values.enumerated() { state.answers[.step("k\(i)")] = v }
        state.skipped = ["z", "y"]
        state.revisit = "k1"
        state.cancelled = true
        #expect(try SessionState(jsonBytes: state.jsonBytes) == state)
    }

    @Test("a state saved in the layout of earlier versions still reads, and a damaged one says where it is wrong")
    func storedLayout() throws {
        let saved = #"""
            {"answers":{"client":{"text":{"_0":"Acme"}},"kind":{"choice":{"label":"Renewal","value":"renewal"}},"start":{"date":{"_0":"2026-11-23"}},"value":{"money":{"_0":{"cents":1250000,"currency":"USD"}}},"intro":{"seen":{}}},"attempts":1,"playbookID":"account-checkup","playbookVersion":2,"prefill":{"client":{"note":"from 3 days ago","text":"Acme"}},"skipped":["notes"],"status":"cancelled","today":"2026-11-23"}
            """#
        let state = try SessionState(jsonBytes: Array(saved.utf8))
        #expect(state.answers["client"] == .text("Acme"))
        #expect(state.answers["kind"] == .choice(value: "renewal", label: "Renewal"))
        #expect(state.answers["value"] == .money(Money(cents: 1_250_000, currency: "USD")))
        #expect(state.answers["intro"] == .seen)
        #expect(state.prefill["client"]?.note == "from 3 days ago")
        #expect(state.skipped == ["notes"])
        #expect(state.cancelled, "a state stored with \"status\": \"cancelled\" is a cancelled session")
        let damaged = saved.replacingOccurrences(of: #""cents":1250000"#, with: #""cents":"many""#)
        #expect(throws: JSONDecodingError.self) { try SessionState(jsonBytes: Array(damaged.utf8)) }
        do {
            _ = try SessionState(jsonBytes: Array(damaged.utf8))
        } catch {
            #expect(error.field == "answers.value.money._0.cents", "\(error)")
        }
    }
}
