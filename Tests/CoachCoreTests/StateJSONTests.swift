import Foundation
import Testing

@testable import CoachCore

@Suite("Fast state encoding")
struct StateJSONTests {
    @Test(
        "the fast encoding decodes to the same state as JSONEncoder's, for states from random walks", arguments: PropertyTests.playbookIDs)
    func roundTrip(id: String) throws {
        let playbook = try #require(try Fixtures.allPlaybooks().first { $0.id == id })
        for seed in 1...6 {
            var rng = SplitMix(state: UInt64(seed) &* 104_729)
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
                let fast = try JSONDecoder().decode(SessionState.self, from: Data(session.state.jsonData()))
                #expect(fast == session.state, "seed \(seed) step \(steps)")
            }
            let answers = session.answeredSteps().map {
                SessionExport.Answer(step: $0.key.description, question: $0.question, answer: $0.answer)
            }
            let decoded = try JSONDecoder().decode([SessionExport.Answer].self, from: Data(SessionExport.Answer.jsonData(answers)))
            #expect(decoded == answers)
        }
    }

    @Test("every kind of value survives the fast encoding")
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
        #expect(try JSONDecoder().decode(SessionState.self, from: Data(state.jsonData())) == state)
    }
}
