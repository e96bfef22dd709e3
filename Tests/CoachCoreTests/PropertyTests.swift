import CoachTestSupport
import Testing

@testable import CoachCore

@Suite("Random walks through every playbook")
struct PropertyTests {

    /// A random answer the prompt should accept.
    static func candidates(for prompt: Prompt, rng: inout SplitMix) -> [String] {
        var out: [String] = []
        switch prompt.kind {
        case .choice:
            let choices = prompt.choices ?? []
            if let c = choices.randomElement(using: &rng) {
                out.append(Bool.random(using: &rng) ? c.value : "\(choices.firstIndex(of: c)! + 1)")
            }
        case .multichoice:
            let choices = (prompt.choices ?? []).shuffled(using: &rng)
            out.append(choices.prefix(Int.random(in: 1...max(1, choices.count), using: &rng)).map(\.value).joined(separator: ", "))
        case .yesno: out.append(Bool.random(using: &rng) ? "yes" : "no")
        case .number: out.append("\(Int.random(in: 1...5, using: &rng))")
        case .money: out.append(["12k", "$4,500", "€3,200.50", "1.2m", "750"].randomElement(using: &rng)!)
        case .percent: out.append("\(Int.random(in: 1...60, using: &rng))%")
        case .date: out.append(["today", "tomorrow", "+3d", "friday", "2026-12-01"].randomElement(using: &rng)!)
        case .time: out.append(["2pm", "14:30 CET", "noon", "9.15"].randomElement(using: &rng)!)
        case .email: out.append("zoe.muller@acme.example")
        case .list: out.append(["Zoë Müller; José Álvarez", "Finance team", "北京 office; R&D <lab>"].randomElement(using: &rng)!)
        case .text, .multiline:
            out.append(
                ["Acme & Sons", "Zoë's {{client}} team", "Atlas rollout <b>phase 2</b>", "北京 warehouse"].randomElement(using: &rng)!)
        case .info, .group: out.append("")
        }
        if prompt.group != nil && prompt.step.isMore { out = [Int.random(in: 0..<10, using: &rng) < 3 ? "yes" : "no"] }
        return out + prompt.examples.shuffled(using: &rng) + [prompt.default].compactMap { $0 }
    }

    @Test(
        "random answers with random back and go-to moves always complete with every output filled", arguments: try Fixtures.allPlaybookIDs()
    )
    func randomWalks(id: String) throws {
        let playbook = try #require(try Fixtures.allPlaybooks().first { $0.id == id })
        for seed in 1...40 {
            var rng = SplitMix(seed: UInt64(seed) &* 7919)
            var session = Session(playbook: playbook, today: Fixtures.monday)
            var steps = 0
            while let prompt = session.currentTurn().prompt, steps < 3000 {
                steps += 1
                let roll = Int.random(in: 0..<100, using: &rng)
                if roll < 8 {
                    _ = session.handle(.back)
                    continue
                }
                if roll < 14, let target = session.reachableSteps().randomElement(using: &rng) {
                    let t = try session.handle(.goto(target)).get()
                    #expect(t.prompt?.step == target, "seed \(seed): goto \(target)")
                    continue
                }
                if roll < 18 && !prompt.required {
                    _ = try session.handle(.skip(step: prompt.step)).get()
                    continue
                }
                var accepted = false
                for candidate in Self.candidates(for: prompt, rng: &rng) {
                    let t = try session.handle(.answer(.text(candidate), step: prompt.step)).get()
                    if t.invalid == nil {
                        accepted = true
                        break
                    }
                }
                if !accepted {
                    Issue.record("seed \(seed): no candidate accepted for \(prompt.step) in \(id)")
                    return
                }
            }
            let turn = session.currentTurn()
            #expect(turn.status == .completed, "seed \(seed) of \(id) did not complete in \(steps) moves")
            for output in turn.outputs ?? [] {
                let text = output.fullText
                #expect(!text.contains("[missing:"), "seed \(seed): \(output.id) has a missing marker")
                #expect(
                    !text.contains("&amp;") && !text.contains("&#") && !text.contains("&lt;"), "seed \(seed): \(output.id) escaped HTML")
                #expect(!output.body.trimmingWhitespace().isEmpty)
                // Any `{{` left must come from an answer typed with braces, never from the template.
                if text.contains("{{") {
                    #expect(text.contains("{{client}}") || text.contains("{{#x}}"), "seed \(seed): \(output.id) has template syntax left")
                }
            }
        }
    }
}
